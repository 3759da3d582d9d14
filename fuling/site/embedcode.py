"""The code other newsrooms paste to embed a chart: built here, as text, with every
attribute escaped, so no chart title or site address can end an attribute and add
markup to another site's page. The chart page shows it in a <textarea>, where the
template escapes it once more as text.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from fuling.core.urls import absolute, embed_page, served_path

PLOT_HEIGHT = 380  # px: a figure that sets no height
FRAME_EXTRA = 110  # px: title, subtitle and credit line around the plot
NOTE_LINE = 22  # px: one line of notes under it
DESCRIPTION_CHARS_PER_LINE = 40  # the one-sentence takeaway above the plot, in a frame of about 600 px


@dataclass(frozen=True)
class EmbedCode:
    url: str  # the embed page
    height: int  # px: what the iframe needs with no script to resize it
    iframe: str
    script: str


def _attributes(**values) -> str:
    return " ".join(f'{name.replace("_", "-")}="{escape(str(value), quote=True)}"' for name, value in values.items())


def embed_code(site, chart) -> EmbedCode:
    """The iframe and the resizer script for `chart` (a ChartView), under the site's address."""
    url = absolute(site, served_path(embed_page(chart.id)))
    takeaway_lines = math.ceil(len(chart.data.description) / DESCRIPTION_CHARS_PER_LINE)
    height = (int(chart.data.figure.get("layout", {}).get("height") or PLOT_HEIGHT) + FRAME_EXTRA
              + NOTE_LINE * (len(chart.notes) + takeaway_lines))
    iframe = "<iframe " + _attributes(src=url, title=chart.title, data_fuling_chart=chart.id, width="100%",
                                      height=height, style="width:100%;min-width:280px;border:0",
                                      loading="lazy") + "></iframe>"
    script = "<script async " + _attributes(src=absolute(site, "assets/embed.js")) + "></script>"
    return EmbedCode(url=url, height=height, iframe=iframe, script=script)

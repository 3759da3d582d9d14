"""How what leaves the site names itself: the licence, a citation, the date it was last updated.

Every download (CSV, JSON, SQLite), the JSON-LD, the "how to cite" block of the
chart and data pages and the embeds read these, so they cannot disagree.
No clock is read: the last-updated date is the newest date in the content
(an article's publication or a correction), so a build stays reproducible.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fuling.core.model import Fact, Site


@dataclass(frozen=True)
class Citation:
    """What a newsroom writes under a figure it reuses; the reader adds the date accessed."""

    title: str  # of the chart or data set
    site: str  # 涪陵数据
    publisher: str
    url: str  # absolute
    licence: str  # CC BY 4.0
    licence_url: str

    def around_date(self) -> tuple[str, str]:
        """The citation before and after its date accessed, which a page fills in for its reader:
        (`涪陵数据编辑部：《涪陵规上工业产值》，涪陵数据，https://…，访问日期：`, `。许可：CC BY 4.0。`)."""
        author = f"{self.publisher}：" if self.publisher else ""
        licence = f"许可：{self.licence}。" if self.licence else ""
        return f"{author}《{self.title}》，{self.site}，{self.url}，访问日期：", f"。{licence}"

    def text(self, accessed: str = "") -> str:
        """The citation in one line. Without `accessed` (a file does not know when it is read)
        the date is left out."""
        before, after = self.around_date()
        if not accessed:
            before = before.removesuffix("，访问日期：")
        return before + accessed + after


def dataset_title(site: Site) -> str:
    """The name of the whole data set (facts.csv, .json, .db and the data page)."""
    return f"{site.config.title}：全部事实记录"


def citation(site: Site, title: str, url: str) -> Citation:
    config = site.config
    return Citation(title=title, site=config.title, publisher=config.publisher, url=url,
                    licence=config.licence, licence_url=config.licence_url)


def last_updated(site: Site, facts: list[Fact] | None = None) -> dt.date | None:
    """When these figures (default: the site's) last changed: the newest article printing
    one of them, or the newest correction of one."""
    if facts is None:
        dates = [a.date for a in site.articles.values()]
        facts = list(site.facts.values())
    else:
        dates = [site.articles[s.article].date for f in facts for s in f.sources if s.article in site.articles]
    dates += [c.date for f in facts for c in f.corrections]
    return max(dates, default=None)

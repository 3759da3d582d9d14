"""Pages for reuse and discovery: chart embeds, feeds, the data and corrections pages."""
from __future__ import annotations

from .. import datapage, embeds, feeds

GENERATORS = [embeds.generate, feeds.generate, datapage.generate]

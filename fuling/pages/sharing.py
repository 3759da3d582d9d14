"""Pages for reuse and discovery: chart embeds, feeds, the data and corrections
pages, the search page; then, over every rendered page, the sitemap. (The
search index over the rendered pages is a stage of its own: fuling.pipeline.)"""
from __future__ import annotations

from .. import datapage, embeds, feeds, search

GENERATORS = [embeds.generate, feeds.generate, datapage.generate, search.generate]
FINISHERS = [feeds.finish]

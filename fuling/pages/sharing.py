"""Pages for reuse and discovery: chart embeds, feeds, the data and corrections
pages; then, over every rendered page, the sitemap and the search index."""
from __future__ import annotations

from .. import datapage, embeds, feeds, search

GENERATORS = [embeds.generate, feeds.generate, datapage.generate, search.generate]
FINISHERS = [feeds.finish, search.finish]

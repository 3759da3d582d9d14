"""How the search index is cut into parts, so that an edit re-indexes one part, not the site.

Pagefind has no incremental mode: it indexes everything it is given, about 1.2 s
per 1,000 records on one core. A site of a few hundred records stays one index
(`pagefind/`). A larger one gets one small index of its own pages (themes,
charts: few, and touched by most edits) at `pagefind/`, and its articles, each
with its facts, spread over a power of two of parts (`pagefind/part-1/`, …) by a
digest of the article's slug, so that an article stays in its part as the site
grows until the count doubles. The search page merges the parts in the reader's
browser (Pagefind's mergeIndex), which ranks all results together by score.

Used by the search page (which indexes to merge) and fuling.outputs.search (what
goes in each); the part's folder is named by fuling.core.urls.search_index.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

# About 800 records a part at 7 facts an article (0.6 s of Pagefind on one core);
# site.yaml's `search_part_articles` sets another.
ARTICLES_PER_PART = 100


def part_count(articles: int, per_part: int = ARTICLES_PER_PART) -> int:
    """How many article parts an index over `articles` articles has: 1 (one index for
    everything) up to `per_part` articles, else the power of two that keeps each part
    to about `per_part`."""
    needed = -(-articles // per_part)
    count = 1
    while count < needed:
        count *= 2
    return count


def site_parts(site) -> tuple[int, list[int]]:
    """(part_count, the parts its index has) for a loaded site (fuling.core.model.Site) at
    its site.yaml setting: the site's own part and every article part that holds an article.
    A site without theme or chart pages keeps one index (its own part would be empty)."""
    count = part_count(len(site.articles), site.config.search_part_articles)
    if count == 1 or not (site.themes or site.charts):
        return 1, [0]
    return count, [0, *sorted({article_part(slug, count) for slug in site.articles})]


@lru_cache(maxsize=65536)  # asked for every record of every build: a digest each time added up
def article_part(slug: str, parts: int) -> int:
    """The part holding an article's page and its facts: 0 in a one-part index, else 1 … `parts`."""
    if parts <= 1:
        return 0
    number = int.from_bytes(hashlib.blake2b(slug.encode("utf-8"), digest_size=8).digest(), "big")
    return 1 + number % parts

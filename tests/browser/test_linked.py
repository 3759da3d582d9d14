"""Check 4, linked: every internal link and anchor of the built site resolves,
and every fact's source link lands on the paragraph that holds its quote.

Pages are parsed with the standard library's html.parser."""
from __future__ import annotations

from urllib.parse import urlsplit

from sitefiles import normalise_space, resolve

EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data"}


def check_link(link, site_dir, site_pages, site_url: str) -> str | None:
    """What is wrong with one link, or None."""
    url = link.url
    if link.tag == "base":
        # Only the 404 page, served at any depth, may pin its base: to the site's own root.
        allowed = {site_url, urlsplit(site_url).path}
        return None if url in allowed else f"<base> must be the site root ({site_url}), not {url}"
    if site_url and url.startswith(site_url):  # canonical / Open Graph / feed URLs point into the site too
        target, anchor = resolve("index.html", url[len(site_url):] or "./")
    else:
        scheme = urlsplit(url).scheme.lower()
        if scheme and scheme not in EXTERNAL_SCHEMES:
            return f"{scheme}: URL"
        if scheme or url.startswith("//"):
            return None  # another site; not fetched (no network in tests)
        if url.startswith("/"):
            return "root-relative URL (the site must work from a sub-path: use a relative one)"
        target, anchor = resolve(link.page, url)
    if target is None:
        return None
    if target.startswith("../"):
        return f"points outside the site ({target})"
    file = site_dir / target
    if not file.is_file():
        if file.is_dir() and (file / "index.html").is_file():
            target = f"{target}/index.html"
        else:
            return f"{target} does not exist"
    if anchor:
        page = site_pages.get(target)
        if page is None:
            return f"#{anchor} on {target}, which is not an HTML page"
        if anchor not in page.ids:
            return f"{target} has no id {anchor!r}"
    return None


def test_every_internal_link_and_anchor_resolves(site_dir, site_pages, site_model):
    problems, checked = [], 0
    for page in site_pages.values():
        for link in page.links():
            checked += 1
            wrong = check_link(link, site_dir, site_pages, site_model.config.site_url)
            if wrong:
                problems.append(f"{link.page}:{link.line}: <{link.tag} {link.attr}=\"{link.url}\">: {wrong}")
    assert checked > len(site_pages), f"only {checked} links on {len(site_pages)} pages"
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(problems[:200])


def test_every_fact_source_link_lands_on_its_paragraph(site_pages, site_model):
    problems = []
    for fact in site_model.facts.values():
        holders = [(path, page.ids[fact.id]) for path, page in site_pages.items() if fact.id in page.ids]
        if not holders:
            problems.append(f"{fact.id}: no page has an element with this id")
            continue
        article_page = f"articles/{fact.source.article}/index.html"
        quote = normalise_space(fact.source.quote)
        landed = []
        for path, element in holders:
            for node in element.iter():
                if "href" not in node.attrs:
                    continue
                target, anchor = resolve(path, node.attrs["href"])
                if target != article_page or not anchor:
                    continue
                paragraph = site_pages.get(article_page) and site_pages[article_page].ids.get(anchor)
                if paragraph is None:
                    problems.append(f"{path}:{node.line}: {fact.id}: source link #{anchor} is not an id on {article_page}")
                elif quote not in normalise_space(paragraph.visible_text()):
                    problems.append(f"{path}:{node.line}: {fact.id}: #{anchor} on {article_page} does not hold the quote")
                else:
                    landed.append(anchor)
        if not landed:
            problems.append(f"{fact.id}: no source link to a paragraph of {article_page} from #{fact.id} "
                            f"({', '.join(path for path, _ in holders)})")
    assert site_model.facts, "no facts loaded"
    assert not problems, f"{len(problems)} fact source problem(s):\n" + "\n".join(problems[:200])

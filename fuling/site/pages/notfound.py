"""404.html: served by the host for any missing path, so its links are absolute paths from site_url."""
from __future__ import annotations

from urllib.parse import urlsplit


def generate(ctx) -> dict[str, bytes]:
    base = urlsplit(ctx.site.config.site_url).path or "/"
    return ctx.page(
        "404.html", "404.html",
        section="",
        title=f"找不到这个页面 · {ctx.site.config.title}",
        description="找不到这个页面。",
        canonical="",
        base=base,
    )

"""Page generators: each module defines `generate(ctx) -> dict[str, bytes]` (or a `GENERATORS` list).

`fuling.render.render_site` finds every module here and runs it with the
shared `RenderContext`; adding a page type means adding a module. Modules whose
name starts with `_` are helpers, not generators.
"""

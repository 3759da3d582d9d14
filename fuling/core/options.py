"""The build's options, read once (command line and environment) into one object
that the build passes to the stages that need it; no stage reads the environment.

| variable | option | effect |
|---|---|---|
| `FULING_NO_CACHE=1` | `use_cache=False` | build without `.cache/` |
| `FULING_SERIAL=1` | `serial=True` | one process: no stage runs on a second core |
| `FULING_CHART_PREVIEWS=0` | `chart_pictures=False` | no chart pictures |
| `BROWSER_PATH` | `browser_path` | the Chromium that draws the chart pictures |
| `PAGEFIND_BINARY_PATH` | `pagefind_binary` | Pagefind's own setting: the binary that indexes |

`strict` comes from the command line (`build.py build --strict`), not the environment.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BuildOptions:
    use_cache: bool = True
    serial: bool = False
    chart_pictures: bool = True
    browser_path: str | None = None
    pagefind_binary: str | None = None
    strict: bool = False  # `build.py build --strict`: proposed facts waiting for review fail the build (CI)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> BuildOptions:
        env = os.environ if environ is None else environ

        def switched_on(name: str) -> bool:
            return env.get(name, "") not in ("", "0")

        return cls(
            use_cache=not switched_on("FULING_NO_CACHE"),
            serial=switched_on("FULING_SERIAL"),
            chart_pictures=env.get("FULING_CHART_PREVIEWS", "") != "0",
            browser_path=env.get("BROWSER_PATH") or None,
            pagefind_binary=env.get("PAGEFIND_BINARY_PATH") or None,
        )

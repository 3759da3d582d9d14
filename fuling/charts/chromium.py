"""Which Chromium draws the chart pictures (fuling.charts.pictures).

A module of its own, without the previews stage's imports: the build cache
asks too (the browser is one of a build's options), and a no-op rebuild
should not load the stage (measured at 1,000 articles: 0.17 s of a 0.5 s no-op).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from fuling.core.options import BuildOptions

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_browser(options: BuildOptions) -> str | None:
    """The Chromium that draws the pictures: the options' browser_path, else the first on PATH;
    None to go without."""
    if not options.chart_pictures:
        return None
    chosen = options.browser_path
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None

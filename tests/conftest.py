"""Suite-wide test order."""
from __future__ import annotations

from pathlib import Path

BROWSER_DIR = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items):
    # The browser checks share one Playwright session, whose sync API keeps an
    # event loop running in the main thread until the session ends; tests that
    # call asyncio.run() or start their own Playwright must run before it.
    items.sort(key=lambda item: Path(str(item.fspath)).is_relative_to(BROWSER_DIR))

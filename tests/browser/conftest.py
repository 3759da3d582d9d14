"""Browser fixtures: the site built once into a temporary folder, served from
127.0.0.1 on a free port, and Debian's Chromium driven by Playwright."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from harness import (
    ARTIFACTS,
    AXE_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    INSTALL_HINT,
    ROOT,
    PageLoad,
    in_thread,
    load_page,
    require_chinese_fonts,
    require_command,
    require_file,
    site_prefix,
    start_server,
    stop_server,
)
from sitefiles import load_pages


def build_into(root: Path, out: Path, pictures=None, options=None) -> Path:
    try:
        from fuling.build.pipeline import build_site
        from fuling.build.resident import Resident
        from fuling.core.reporter import Reporter
    except ImportError as missing:
        pytest.fail(f"cannot build the site: {missing}", pytrace=False)
    in_thread(build_site, root, out, reporter=Reporter(quiet=True), options=options,
              resident=Resident(pictures=pictures) if pictures else None)
    if pictures:
        pictures.close()  # the pictures stay; their Chromium is not kept open through the session
    return out


@pytest.fixture(scope="session")
def picture_memory():
    """The chart pictures this session's builds of the project drew, by what draws them, as the
    live preview keeps them: the site the browser checks read draws them all; a later build of
    the same charts for another address (test_nginx.py) draws again only those that show the
    address (share cards and downloads), and publishes every one."""
    from fuling.charts.pictures import PictureMemory

    memory = PictureMemory()
    yield memory
    memory.close()


@pytest.fixture(scope="session")
def content_root() -> Path:
    """The project whose content/ is checked: this one, or FULING_TEST_ROOT
    (e.g. tests/fixtures/mini, relative to the current folder)."""
    chosen = os.environ.get("FULING_TEST_ROOT")
    return Path(chosen).resolve() if chosen else ROOT


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, content_root, picture_memory) -> Path:
    """The site built once from content_root into a temporary folder.

    FULING_TEST_SITE=<folder> checks an already built site instead.
    """
    prebuilt = os.environ.get("FULING_TEST_SITE")
    if prebuilt:
        return Path(prebuilt).resolve()
    return build_into(content_root, tmp_path_factory.mktemp("built") / "site", picture_memory)


@pytest.fixture(scope="session")
def site_model(content_root):
    """The content the site was built from, as the loader reads it."""
    from fuling.load.site import load_site

    return load_site(content_root)


@pytest.fixture(scope="session")
def site_pages(site_dir):
    """Every HTML page of the built site, parsed: {relative path: Page}."""
    pages = load_pages(site_dir)
    assert "index.html" in pages, f"the built site has no index.html; pages: {sorted(pages)[:10]}"
    return pages


@pytest.fixture(scope="session")
def server(site_dir, content_root):
    """The built site on 127.0.0.1, mounted at site_url's path as a host would."""
    running = start_server(site_dir, site_prefix(content_root))
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def browser():
    require_command(CHROMIUM, "Chromium (Debian package chromium)")
    require_chinese_fonts()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"Python package playwright is missing (test extra of pyproject.toml); {INSTALL_HINT}", pytrace=False)
    with sync_playwright() as playwright:
        # launch() starts from a fresh temporary profile that Playwright deletes
        # on close; every page gets its own context (no shared cache or storage).
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def page_loads(browser, server, site_pages) -> dict[str, PageLoad]:
    """Every HTML page of the site loaded once at desktop width, each in a fresh
    context, with axe-core run on it once drawn (one load serves checks 1, 2, 5)."""
    axe = require_file(AXE_JS, "axe-core (npm)")
    return {path: load_page(browser, server, path, axe=axe) for path in site_pages}


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/artifacts/ (git-ignored): screenshots and summary tables."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS

"""The build's switches are read in one place (fuling/core/options.py)."""
from __future__ import annotations

from fuling.core.options import BuildOptions


def test_no_switch_set_means_the_defaults():
    assert BuildOptions.from_environment({}) == BuildOptions()
    assert BuildOptions() == BuildOptions(use_cache=True, serial=False, chart_pictures=True)


def test_each_switch_is_read_from_its_variable():
    options = BuildOptions.from_environment({
        "FULING_NO_CACHE": "1", "FULING_SERIAL": "1", "FULING_CHART_PREVIEWS": "0",
        "BROWSER_PATH": "/opt/chromium", "PAGEFIND_BINARY_PATH": "/opt/pagefind_extended",
    })
    assert options == BuildOptions(use_cache=False, serial=True, chart_pictures=False,
                                   browser_path="/opt/chromium", pagefind_binary="/opt/pagefind_extended")


def test_a_switch_set_to_zero_or_empty_is_off():
    options = BuildOptions.from_environment({"FULING_NO_CACHE": "0", "FULING_SERIAL": "", "BROWSER_PATH": ""})
    assert options.use_cache and not options.serial and options.browser_path is None

"""`make site` draws the chart pictures: before it builds, it installs Chromium
and the Chinese fonts when they are missing and it can (apt-get, as root or with
sudo), or stops with one line saying what to run (scripts/setup-test-tools.sh --site).

The script runs here with a PATH of stand-in commands (`id`, `fc-list`,
`apt-get`, `chromium`), so no package is installed by the test."""
from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "setup-test-tools.sh"
BASH = "/bin/bash"


def stand_in(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!{BASH}\n{body}\n")
    path.chmod(0o755)
    return path


def run_script(folder: Path, *, uid: int, chromium: bool, env: dict[str, str] | None = None, args=("--site",)):
    """The script with only the stand-ins on PATH; apt-get notes its arguments and
    'installs' chromium by adding a stand-in for it."""
    stand_in(folder, "id", f"echo {uid}")
    stand_in(folder, "fc-list", "echo 'Noto Sans CJK SC:style=Regular'")
    stand_in(folder, "apt-get", f'echo "$@" >> {folder}/apt-get.log\n'
                                f'case " $* " in *" chromium "*) printf "#!{BASH}\\n" > {folder}/chromium; /bin/chmod +x {folder}/chromium;; esac')
    if chromium:
        stand_in(folder, "chromium", "exit 0")
    done = subprocess.run([BASH, str(SCRIPT), *args], capture_output=True, text=True,
                          env={"PATH": str(folder), **(env or {})})
    log = folder / "apt-get.log"
    return done, log.read_text() if log.exists() else ""


def test_make_site_checks_the_picture_tools_before_it_builds():
    dry = subprocess.run(["make", "-n", "--no-print-directory", "site"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    check = next(i for i, line in enumerate(lines) if "setup-test-tools.sh --site" in line)
    build = next(i for i, line in enumerate(lines) if "build.py build" in line)
    assert check < build, lines


def test_without_chromium_and_without_a_way_to_install_it_one_line_says_what_to_run(tmp_path):
    done, apt = run_script(tmp_path, uid=1000, chromium=False)
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("make site: the chart pictures need chromium"), lines[0]
    assert "sudo apt-get install chromium" in lines[0] and "FULING_CHART_PREVIEWS=0 make site" in lines[0]
    assert apt == ""


def test_as_root_it_installs_chromium_and_only_what_the_pictures_need(tmp_path):
    done, apt = run_script(tmp_path, uid=0, chromium=False)
    assert done.returncode == 0, done.stderr
    assert apt.split()[:1] == ["install"] and "chromium" in apt.split()
    assert "npm" not in apt and "default-jre-headless" not in apt  # those are for the tests
    assert "installed chromium" in done.stdout


def test_with_chromium_present_it_installs_nothing(tmp_path):
    done, apt = run_script(tmp_path, uid=1000, chromium=True)
    assert done.returncode == 0 and apt == ""
    assert "chromium and Chinese fonts are present" in done.stdout


def test_a_browser_path_or_a_build_without_pictures_needs_no_chromium_on_path(tmp_path):
    browser = stand_in(tmp_path, "my-chrome", "exit 0")
    done, apt = run_script(tmp_path, uid=1000, chromium=False, env={"BROWSER_PATH": str(browser)})
    assert done.returncode == 0 and apt == "", done.stderr
    done, apt = run_script(tmp_path, uid=1000, chromium=False, env={"FULING_CHART_PREVIEWS": "0"})
    assert done.returncode == 0 and apt == "" and "without chart pictures" in done.stdout


def test_the_test_set_up_still_asks_for_java_and_npm(tmp_path):
    done, apt = run_script(tmp_path, uid=0, chromium=True, args=())
    assert done.returncode == 0, done.stderr
    assert "default-jre-headless" in apt.split() and "npm" in apt.split()

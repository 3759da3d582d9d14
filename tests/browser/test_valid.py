"""Check 3, valid: the Nu HTML Checker (npm vnu-jar) reports no error on any
HTML page of the built site."""
from __future__ import annotations

import json
import subprocess
from urllib.parse import unquote, urlsplit

import pytest
from harness import VNU_JAR, report, require_command, require_file

pytestmark = [pytest.mark.slow]


def test_nu_html_checker_reports_no_error(site_dir, site_pages, artifacts, capsys):
    java = require_command("java", "Java (runs the Nu HTML Checker)")
    jar = require_file(VNU_JAR, "the Nu HTML Checker (npm vnu-jar)")
    run = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json", str(site_dir)],
        capture_output=True, text=True, timeout=300,
    )
    # vnu writes its JSON report to stderr; exit status 1 means errors were found.
    try:
        messages = json.loads(run.stderr or run.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu HTML Checker gave no JSON report (exit {run.returncode}):\n{run.stderr[-2000:]}")
    errors = []
    for m in messages:
        if m.get("type") != "error":
            continue
        path = unquote(urlsplit(m.get("url", "")).path)
        where = path.split(str(site_dir), 1)[-1].lstrip("/") or path
        errors.append(f"{where}:{m.get('lastLine', 0)}: {m['message']}")
    table = report(artifacts, "vnu", [f"{len(site_pages)} pages checked, {len(errors)} error(s)", *errors])
    with capsys.disabled():
        print(f"\nNu HTML Checker: {table.splitlines()[0]}")
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(errors[:200])
    assert run.returncode == 0, f"the Nu HTML Checker exited {run.returncode}:\n{run.stderr[-2000:]}"

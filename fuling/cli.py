"""Command line: a thin layer over the pipeline stages."""
from __future__ import annotations

import argparse
import dataclasses
import io
import sys
from datetime import date
from pathlib import Path

from fuling.core.errors import BuildError
from fuling.core.options import BuildOptions
from fuling.core.reporter import Reporter

ROOT = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="涪陵数据: build the Fuling data site from content/ (default: build).",
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this one)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", help="seeds/*.txt -> content/articles/<slug>.md")
    p.add_argument("--force", action="store_true", help="overwrite article files a person has edited")

    p = sub.add_parser("extract", help="content/articles -> content/facts/<slug>.yaml")
    p.add_argument("--force", action="store_true", help="rewrite fact files (records marked reviewed: true are kept)")
    p.add_argument("--diff", action="store_true", help="show what a fresh extraction would add or change (records it does not propose are kept); write nothing")

    for name, text in (("build", "content/ -> site/ (the default)"), ("check", "load and validate content/, write nothing")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--site-url", help="absolute URL the site is published at (overrides content/site.yaml)")
        p.add_argument("--out", type=Path, help="output folder (default: site/)")
        p.add_argument("--strict", action="store_true",
                       help="fail when proposed facts wait for review (for CI); without it they are left out and counted")

    p = sub.add_parser("fix", help="correct one fact's value, with the correction on record, then rebuild")
    p.add_argument("fact_id", metavar="FACT_ID", help="the fact's id, e.g. industrial-output-2023")
    p.add_argument("value", metavar="VALUE", help="the number to publish, e.g. 2476")
    p.add_argument("--reason", required=True, help="why it changes (shown with the number and on the corrections page)")
    p.add_argument("--date", type=date.fromisoformat, help="date of the correction (default: today)")
    p.add_argument("--no-build", action="store_true", help="edit and check only; do not rebuild site/")

    p = sub.add_parser("review", help="go through the proposed facts waiting for review: accept, edit, reject")
    p.add_argument("--accept", metavar="FACT_ID", help="accept this proposal as it is, without asking")
    p.add_argument("--reject", metavar="FACT_ID", help="reject this proposal (with --reason), without asking")
    p.add_argument("--reason", default="", help="why a rejected proposal is wrong")
    p.add_argument("--file-draft", metavar="DRAFT_KEY",
                   help="file a drafted metric of content/metrics-proposed.yaml under a catalogue metric (with --under)")
    p.add_argument("--under", metavar="KEY", help="the catalogue metric the draft is; its label joins that metric's words")
    p.add_argument("--no-build", action="store_true", help="decide only; do not rebuild site/")

    p = sub.add_parser("serve", help="build, serve site/ on 127.0.0.1, rebuild and reload on change")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--site-url", help=argparse.SUPPRESS)
    p.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    command = args.command or "build"
    root: Path = args.root.resolve()
    reporter = Reporter()
    options = BuildOptions.from_environment()  # the build's switches, read here once
    if getattr(args, "strict", False):
        options = dataclasses.replace(options, strict=True)
    try:
        if command == "ingest":
            from fuling.ingest.seeds import ingest_all

            return ingest_all(root / "seeds", root / "content" / "articles", force=args.force, reporter=reporter)
        if command == "extract":
            from fuling.extract.project import extract_all

            return extract_all(root, force=args.force, diff=args.diff, reporter=reporter)
        if command == "fix":
            return _fix(root, args, reporter, options)
        if command == "review":
            return _review(root, args, reporter, options)
        if command == "serve":
            from fuling.preview.server import serve

            return serve(root, port=args.port, reporter=reporter, options=options)
        from fuling.build.pipeline import build_site, check_site

        site_url = getattr(args, "site_url", None)
        if command == "check":
            check_site(root, site_url=site_url, reporter=reporter, strict=args.strict)
            return 0
        out = getattr(args, "out", None) or root / "site"
        build_site(root, out, site_url=site_url, reporter=reporter, options=options)
        return 0
    except BuildError as failure:
        for error in failure.errors:
            reporter.error(str(error))
        reporter.info(f"build failed: {len(failure.errors)} error(s); nothing was written")
        return 1
    except OSError as exc:
        from fuling.core.files import disk_full

        if not disk_full(exc):
            raise
        # ingest, extract and fix write each file atomically: what was there is still there
        reporter.error(f"disk full: could not write {Path(exc.filename or '').name or 'a file'} ({exc.strerror}); "
                       f"the files it would have replaced are unchanged: free some space and run it again")
        return 1
    except KeyboardInterrupt:
        reporter.error("interrupted; nothing was written")
        return 130


def _fix(root: Path, args, reporter: Reporter, options: BuildOptions) -> int:
    from fuling.build.pipeline import build_site, check_site
    from fuling.desk.fix import fix_fact, parse_value

    fix = fix_fact(root, args.fact_id, parse_value(args.value), args.reason, args.date,
                   check=lambda r: check_site(r, reporter=reporter))
    reporter.info(f"fixed {fix.summary}")
    if not args.no_build:
        build_site(root, root / "site", reporter=reporter, options=options)
    return 0


def _review(root: Path, args, reporter: Reporter, options: BuildOptions) -> int:
    from fuling.build.pipeline import build_site, check_site
    from fuling.desk.review import accept, reject
    from fuling.desk.terminal import review_in_terminal

    def check(r: Path):
        return check_site(r, reporter=Reporter(stream=io.StringIO()))  # its errors come back as the BuildError

    if args.accept:
        reporter.info(accept(root, args.accept, check=check))
        decided = 1
    elif args.reject:
        reporter.info(reject(root, args.reject, args.reason, check=check))
        decided = 1
    elif args.file_draft:
        from fuling.desk.metrics import file_under

        reporter.info(file_under(root, args.file_draft, args.under or "", check=check))
        decided = 1
    else:
        decided = review_in_terminal(root, sys.stdin, lambda line: print(line, flush=True), check)
    if decided and not args.no_build:
        build_site(root, root / "site", reporter=reporter, options=options)
    return 0


if __name__ == "__main__":
    sys.exit(main())

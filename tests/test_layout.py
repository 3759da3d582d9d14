"""The package reads as the pipeline: one package a stage around `core`, and every
import arrow points back down the pipeline, never up (docs/architecture.md)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "fuling"
# Pipeline order: a module may import its own stage, earlier stages and core.
STAGES = ["core", "ingest", "extract", "load", "charts", "site", "outputs", "build", "desk", "preview"]
ENTRY = {"fuling", "fuling.cli"}  # the command line drives every stage


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every fuling module `path` imports, at the top or inside a function."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
    return {m for m in found if m == "fuling" or m.startswith("fuling.")}


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def arrows() -> list[tuple[str, str]]:
    return sorted((module_name(p), target) for p in PACKAGE.rglob("*.py") for target in imported_modules(p))


def test_the_import_reader_sees_relative_lazy_and_plain_imports(tmp_path, monkeypatch):
    package = tmp_path / "fuling" / "site"
    package.mkdir(parents=True)
    (package / "page.py").write_text(
        "import fuling.core.model\nfrom ..build import cache\n\ndef f():\n    from fuling.outputs.search import x\n",
        encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path / "fuling")
    assert imported_modules(package / "page.py") == {"fuling.core.model", "fuling.build", "fuling.outputs.search"}


def test_every_module_belongs_to_a_stage_or_is_the_entry():
    strays = sorted(module_name(p) for p in PACKAGE.rglob("*.py")
                    if module_name(p) not in ENTRY and stage_of(module_name(p)) is None)
    assert strays == [], f"modules outside the stage packages {STAGES}: {strays}"


def test_imports_point_down_the_pipeline_only():
    wrong = []
    for source, target in arrows():
        if source in ENTRY:
            continue
        here, there = stage_of(source), stage_of(target)
        if there is None or STAGES.index(there) > STAGES.index(here):
            wrong.append(f"{source} -> {target}")
    assert wrong == [], "imports that run up the pipeline (or skip the stage packages):\n" + "\n".join(wrong)


def test_core_imports_nothing_else_of_the_package():
    wrong = [f"{s} -> {t}" for s, t in arrows() if stage_of(s) == "core" and stage_of(t) != "core"]
    assert wrong == []


def test_the_stage_packages_are_the_folder_list():
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and any(p.glob("*.py")))
    assert folders == sorted(STAGES)
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py", "cli.py"]

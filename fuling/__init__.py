"""涪陵数据 — one package a stage, in pipeline order around `core`: ingest → extract → load →
charts → site → outputs, driven by build, desk (an editor's edits) and preview (docs/architecture.md)."""

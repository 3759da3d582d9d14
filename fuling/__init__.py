"""涪陵数据 — the build pipeline: ingest → extract → load → charts → render → write."""

"""Parsed content files, remembered between builds by the hash of their bytes.

Parsing YAML is most of the load stage (1.3 s of 2.2 s for 1,000 articles
and 7,000 facts); unpickling the same results takes 0.1 s. An entry is used
only when the file's bytes hash the same and the parser code is the same
version; files that had errors are never cached, so their errors are found
again on every build. Validation always runs on every record.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable

import yaml

_FORMAT = 1


def _parser_version() -> str:
    """Changes whenever code that shapes a cached result changes."""
    here = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    for name in ("load_yaml.py", "load_fields.py", "load_facts.py", "articlefile.py", "model.py", "load_cache.py"):
        digest.update((here / name).read_bytes())
    digest.update(f"{_FORMAT} {yaml.__version__} {sys.version}".encode())
    return digest.hexdigest()


class ParseCache:
    """A pickle of {(relative path, content hash): parsed object}; `None` path disables it."""

    def __init__(self, path: Path | None):
        self.path = path
        self.version = _parser_version() if path else ""
        self.entries: dict[tuple[str, str], object] = {}
        self.used: dict[tuple[str, str], object] = {}
        self.hits = 0
        if path and path.exists():
            try:
                with open(path, "rb") as handle:
                    version, entries = pickle.load(handle)
                if version == self.version:
                    self.entries = entries
            except Exception:  # a damaged or foreign cache file is just ignored
                self.entries = {}

    def get(self, rel: str, data: bytes, parse: Callable[[], tuple[object, bool]]):
        """The parsed object for these bytes; `parse()` returns (object, cacheable)."""
        if not self.path:
            return parse()[0]
        key = (rel, hashlib.blake2b(data, digest_size=16).hexdigest())
        if key in self.entries:
            self.hits += 1
            self.used[key] = self.entries[key]
            return self.entries[key]
        value, cacheable = parse()
        if cacheable:
            self.used[key] = value
        return value

    def save(self) -> None:
        """Keep the entries this load used; written atomically, failures ignored (it is only a cache)."""
        if not self.path or self.used.keys() == self.entries.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fresh = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            with open(fresh, "wb") as handle:
                pickle.dump((self.version, self.used), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(fresh, self.path)
        except OSError:
            pass

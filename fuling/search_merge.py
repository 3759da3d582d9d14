"""Several Pagefind indexes merged into one, at build time.

`fuling/search.py` indexes the site in shards, so that an edit indexes one
shard again; this module joins the shards' outputs into the one index a
reader downloads, as if Pagefind had indexed every record at once: one
metadata file, one set of word-index chunks, the fragments as they are.

Why not let the browser merge them (Pagefind's `mergeIndex`)? Each merged
index answers on its own, and Pagefind falls back, when an index has no
word starting with a query word, to the longest indexed word that the
query word starts with: a shard without 气田 answers 涪陵页岩气田 with
pages about 气. With one index that happens only when no page at all has
the word; with sixteen merged in the browser it happens in every shard
that lacks it, and rare names (companies, places: what readers look up)
came back with two or three times as many results, the real ones mixed
with the others. Each merged index also costs the reader its own metadata
and one word-index chunk per query word (at 1,000 articles in 16 shards,
one search fetched about 640 KB instead of 200 KB). Merged here, the reader gets
what a single index gives, in ranking too (page counts, lengths and word
frequencies are those of the whole site).

The formats (Pagefind 1.5; `SUPPORTED`): every index file is gzip of
`pagefind_dcd` followed by CBOR (RFC 8949).
- `pagefind.<lang>_<hash>.pf_meta`: `[version, pages, chunks, filters,
  sorts, meta_fields]`; `pages` is `[[fragment hash, word count], …]`
  (a page's number is its position), `chunks` is `[[first word, last word,
  chunk hash], …]` in word order, `meta_fields` the sorted names of the
  metadata fields.
- `index/<lang>_<hash>.pf_index`: `[[[word, pages, variants], …]]`, words
  sorted, each word in one chunk; `pages` is `[[page number delta,
  locations, meta locations], …]` in page order, the first delta counted
  from 0; a negative meta location `-(n + 1)` names meta field `n`.
- `pagefind-entry.json` names the metadata file and counts the pages.

Merging renumbers pages (each shard's after the previous ones'), so for a
word found in several shards only the first page delta of each shard's run
changes: the rest of its bytes are copied as they are. Meta field numbers
are rewritten only in a shard whose field list differs from the merged one.
The words are then cut into chunks and named as Pagefind does (its
`chunk_index` and `chunk_meta`: a chunk closes once its page entries,
locations and meta locations number `CHUNK_SIZE`; a chunk's bounds are the
shortest prefixes that tell it from its neighbours; a name is the language
and the first hex digits of a SHA-1). So the merged files are, name for
name and byte for byte before compression, the ones Pagefind writes when it
indexes all the shards' records at once in shard order (tests/test_search.py
checks it on the real content, and with accented variants and differing
meta fields); only gzip's own bytes differ. A shard is read once
(`read_shard`, kept in the build cache); a merge is byte copying plus gzip,
and a chunk whose content did not change since the last merge keeps its
compressed bytes. Anything this module does not know (another version,
filters, sorting) raises `Unsupported`, and the caller indexes the whole
site as one.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
import struct
from dataclasses import dataclass, field

SIGNATURE = b"pagefind_dcd"
SUPPORTED = re.compile(r"^1\.5\.\d+$")  # Pagefind versions whose files this module reads and writes
CHUNK_SIZE = 20000  # Pagefind's index_chunk_size: page entries, locations and meta locations per chunk
_META = re.compile(r"^pagefind\.([\w-]+)\.pf_meta$")


class Unsupported(ValueError):
    """An index this module cannot merge (unknown version, filters, sorting, damaged file)."""


# -- CBOR, as much as Pagefind's files use --------------------------------------------------

def _head(data: bytes, at: int) -> tuple[int, int, int]:
    """(major type, argument, offset after the head) of the item at `at`."""
    first = data[at]
    major, info = first >> 5, first & 31
    if info < 24:
        return major, info, at + 1
    if info == 24:
        return major, data[at + 1], at + 2
    if info == 25:
        return major, struct.unpack_from(">H", data, at + 1)[0], at + 3
    if info == 26:
        return major, struct.unpack_from(">I", data, at + 1)[0], at + 5
    if info == 27:
        return major, struct.unpack_from(">Q", data, at + 1)[0], at + 9
    raise Unsupported(f"CBOR item 0x{first:02x} at {at}")


def _skip(data: bytes, at: int) -> int:
    """The offset after the item at `at`."""
    major, value, at = _head(data, at)
    if major in (2, 3):
        return at + value
    if major == 4:
        for _ in range(value):
            at = _skip(data, at)
        return at
    if major == 5:
        for _ in range(2 * value):
            at = _skip(data, at)
        return at
    if major == 6:
        return _skip(data, at)
    return at  # integers and simple values


def _decode(data: bytes, at: int = 0):
    """(value, offset after it): ints, strings, arrays and maps."""
    major, value, at = _head(data, at)
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major == 2:
        return bytes(data[at:at + value]), at + value
    if major == 3:
        return bytes(data[at:at + value]).decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, at = _decode(data, at)
            mapping[key], at = _decode(data, at)
        return mapping, at
    raise Unsupported(f"CBOR major type {major}")


def _encode_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    if value < 0x100:
        return bytes([major << 5 | 24, value])
    if value < 0x10000:
        return bytes([major << 5 | 25]) + struct.pack(">H", value)
    if value < 0x100000000:
        return bytes([major << 5 | 26]) + struct.pack(">I", value)
    return bytes([major << 5 | 27]) + struct.pack(">Q", value)


def _encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        raise Unsupported(f"cannot encode {value!r}")
    if isinstance(value, int):
        return _encode_head(0, value) if value >= 0 else _encode_head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _encode_head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _encode_head(2, len(value)) + value
    if isinstance(value, list):
        return _encode_head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise Unsupported(f"cannot encode {type(value).__name__}")


def _unpack(data: bytes, name: str) -> bytes:
    try:
        raw = gzip.decompress(data)
    except (OSError, EOFError) as exc:
        raise Unsupported(f"{name}: not gzip ({exc})") from exc
    if not raw.startswith(SIGNATURE):
        raise Unsupported(f"{name}: no Pagefind signature")
    return raw[len(SIGNATURE):]


def _pack(cbor: bytes) -> bytes:
    return gzip.compress(SIGNATURE + cbor, compresslevel=6, mtime=0)


# -- one shard, read ----------------------------------------------------------------------

# One word of one shard, its run of page entries ready to be copied, as a plain
# tuple (thousands per shard, unpickled on every build):
# (page entries, size: entries + locations + meta locations as Pagefind's chunking
# counts them, first page number, last page number, the entries' bytes but for the
# first one's head and page number, variants: ((form, [[delta, locations, meta], …]), …) or ()).
Word = tuple
COUNT, SIZE, FIRST, LAST, TAIL, VARIANTS = range(6)


@dataclass
class Shard:
    """What the merge needs of one shard's Pagefind output."""

    version: str
    language: str
    pages: int  # how many
    pages_cbor: bytes  # the entries of its metadata's page list ([fragment hash, word count] each), as they are
    meta_fields: list[str]
    words: dict[str, Word]
    entry: dict  # pagefind-entry.json
    other: dict[str, bytes] = field(default_factory=dict)  # fragments and the runtime, unchanged


def read_shard(files: dict[str, bytes]) -> Shard:
    """Read one shard's output (file name -> bytes, as Pagefind wrote them)."""
    try:
        entry = json.loads(files["pagefind-entry.json"])
    except (KeyError, ValueError) as exc:
        raise Unsupported(f"pagefind-entry.json: {exc}") from exc
    if not SUPPORTED.match(str(entry.get("version", ""))):
        raise Unsupported(f"Pagefind {entry.get('version')!r}")
    languages = entry.get("languages") or {}
    if len(languages) != 1:
        raise Unsupported(f"{len(languages)} languages in one shard")
    (language, about), = languages.items()
    metas = [name for name in files if _META.match(name)]
    if metas != [f"pagefind.{about['hash']}.pf_meta"]:
        raise Unsupported(f"metadata files {metas}")
    if any(name.startswith(("filter/", "sort/")) for name in files):
        raise Unsupported("filters or sort orders")
    raw_meta = _unpack(files[metas[0]], metas[0])
    meta, _ = _decode(raw_meta)
    if not isinstance(meta, list) or len(meta) != 6 or meta[3] or meta[4]:
        raise Unsupported("metadata of another shape, or with filters or sorting")
    version, pages, chunks, _filters, _sorts, meta_fields = meta
    if version != entry["version"] or len(pages) != about.get("page_count"):
        raise Unsupported("metadata and entry disagree")
    at = _skip(raw_meta, _head(raw_meta, 0)[2])  # past the version
    _, _, pages_at = _head(raw_meta, at)
    pages_cbor = bytes(raw_meta[pages_at:_skip(raw_meta, at)])
    words: dict[str, Word] = {}
    for _first, _last, chunk in chunks:
        name = f"index/{chunk}.pf_index"
        if name not in files:
            raise Unsupported(f"{name} is missing")
        _read_chunk(_unpack(files[name], name), words)
    other = {name: data for name, data in files.items()
             if not (name.startswith("index/") or _META.match(name) or name == "pagefind-entry.json")}
    return Shard(version=version, language=language, pages=len(pages), pages_cbor=pages_cbor, meta_fields=meta_fields, words=words,
                 entry=entry, other=other)


# A CBOR integer of any size (unsigned or negative); a run of n of them is skipped
# by one match of _ints(n), the regular expression engine walking the bytes.
_INT = rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38].|[\x19\x39].{2}|[\x1a\x3a].{4}|[\x1b\x3b].{8})"


@functools.lru_cache(maxsize=None)
def _ints(count: int) -> re.Pattern:
    return re.compile(_INT + b"{%d}" % count, re.DOTALL)


def _read_chunk(data: bytes, words: dict[str, Word]) -> None:
    major, length, at = _head(data, 0)
    if major != 4 or length != 1:
        raise Unsupported("index chunk of another shape")
    major, count, at = _head(data, at)
    head = _head
    for _ in range(count):
        major, parts, at = head(data, at)
        if major != 4 or parts not in (2, 3):
            raise Unsupported("word of another shape")
        word, at = _decode(data, at)
        major, entries, at = head(data, at)
        if major != 4:
            raise Unsupported("word of another shape")
        first = page = 0
        first_rest_at = 0
        size = entries
        for number in range(entries):
            # Inlined heads for the usual small values (this loop runs once per word and page).
            if data[at] != 0x83:  # an array of three
                raise Unsupported("page entry of another shape")
            byte = data[at + 1]
            if byte < 24:
                page += byte
                at += 2
            else:
                major, delta, at = head(data, at + 1)
                if major != 0:
                    raise Unsupported("page number of another type")
                page += delta
            if number == 0:
                first, first_rest_at = page, at
            for _ in (0, 1):  # locations, meta locations: arrays of integers
                byte = data[at]
                if 0x80 <= byte < 0x98:
                    length = byte - 0x80
                    at += 1
                else:
                    major, length, at = head(data, at)
                    if major != 4:
                        raise Unsupported("locations of another shape")
                if length:
                    size += length
                    run = _ints(length).match(data, at)
                    if run is None:
                        raise Unsupported("locations that are not integers")
                    at = run.end()
        end = at
        variants: tuple = ()
        if parts == 3:
            decoded, at = _decode(data, at)
            variants = tuple((form, pages) for form, pages in decoded)
        if word in words:
            raise Unsupported(f"word {word!r} in two chunks")
        words[word] = (entries, size, first, page, bytes(data[first_rest_at:end]), variants)


# -- the shards, merged ----------------------------------------------------------------------

@dataclass
class Merged:
    """A merge, and what the next one can take from it."""

    files: dict[str, bytes]  # the merged index: metadata, entry, word chunks (file name -> bytes)
    keys: list[str]  # the shards merged, by the caller's key, in order
    pages: list[int]  # their page counts
    meta_fields: list[list[str]]  # their meta field lists
    encoded: dict[str, bytes]  # word -> its CBOR in the merged chunks
    sizes: dict[str, int]  # word -> what Pagefind's chunking counts of it
    packed: dict[bytes, bytes]  # BLAKE2 of a file's content -> the file, compressed


def merge(shards: list[Shard], keys: list[str] | None = None, last: Merged | None = None,
          shard_of_key=None) -> Merged:
    """One index holding every shard's pages, numbered in shard order.

    The same files, name for name and (uncompressed) byte for byte, as Pagefind
    writes when it indexes all the shards' records at once in that order.
    With `last` (the merge before) and `shard_of_key` (its shards by key, or
    None), a merge whose shards differ from the last only in content, not in
    number, page counts or meta fields, encodes again only the words of the
    shards that changed, and a file whose content did not change keeps its
    compressed bytes.
    """
    if not shards:
        raise Unsupported("no shards")
    first = shards[0]
    if any((s.version, s.language) != (first.version, first.language) for s in shards):
        raise Unsupported("shards of different Pagefind versions or languages")
    keys = list(keys) if keys is not None else [str(n) for n in range(len(shards))]
    fields = sorted(set().union(*(s.meta_fields for s in shards)))
    pages = [shard.pages for shard in shards]
    offsets = [sum(pages[:n]) for n in range(len(shards))]
    meta_fields = [shard.meta_fields for shard in shards]
    remaps = [None if shard.meta_fields == fields else {n: fields.index(name) for n, name in enumerate(shard.meta_fields)}
              for shard in shards]
    changed = _changed_words(shards, keys, pages, meta_fields, last, shard_of_key)
    if changed is None:
        encoded, sizes = _encode_all(shards, offsets, remaps)
    else:
        encoded, sizes = dict(last.encoded), dict(last.sizes)
        for word in changed:
            runs = [(offsets[n], shard.words[word], remaps[n]) for n, shard in enumerate(shards) if word in shard.words]
            if runs:
                encoded[word] = _word(word, runs)
                sizes[word] = sum(found[SIZE] for _, found, _ in runs)
            else:
                encoded.pop(word, None)
                sizes.pop(word, None)
    packed: dict[bytes, bytes] = {}
    files = _files(first, shards, fields, sum(pages), encoded, sizes, last.packed if last else {}, packed)
    return Merged(files=files, keys=keys, pages=pages, meta_fields=meta_fields, encoded=encoded, sizes=sizes,
                  packed=packed)


def _changed_words(shards, keys, pages, meta_fields, last: Merged | None, shard_of_key) -> set[str] | None:
    """The words whose entries may differ from the last merge's, or None: merge them all."""
    if last is None or shard_of_key is None or (last.pages, last.meta_fields) != (pages, meta_fields) \
            or len(last.keys) != len(keys):
        return None
    changed: set[str] = set()
    for shard, key, old_key in zip(shards, keys, last.keys):
        if key == old_key:
            continue
        old = shard_of_key(old_key)
        if old is None:
            return None
        new_words, old_words = shard.words, old.words
        changed.update(word for word, found in new_words.items() if old_words.get(word) != found)
        changed.update(word for word in old_words if word not in new_words)
    return changed


def _encode_all(shards: list[Shard], offsets: list[int], remaps: list) -> tuple[dict[str, bytes], dict[str, int]]:
    runs: dict[str, list[tuple[int, Word, dict | None]]] = {}
    sizes: dict[str, int] = {}
    for shard, offset, remap in zip(shards, offsets, remaps):
        for word, found in shard.words.items():
            run = runs.get(word)
            if run is None:
                runs[word] = [(offset, found, remap)]
                sizes[word] = found[SIZE]
            else:
                run.append((offset, found, remap))
                sizes[word] += found[SIZE]
    return {word: _word(word, run) for word, run in runs.items()}, sizes


def _files(first: Shard, shards: list[Shard], fields: list[str], pages: int, encoded: dict[str, bytes],
           sizes: dict[str, int], previous: dict[bytes, bytes], packed: dict[bytes, bytes]) -> dict[str, bytes]:
    """The merged index's files from its encoded words; `packed` is filled with their compressed bytes."""
    language = first.language
    out: dict[str, bytes] = {}

    def compressed(body: bytes) -> bytes:
        digest = hashlib.blake2b(body, digest_size=20).digest()
        data = packed[digest] = previous.get(digest) or _pack(body)
        return data

    # Pagefind's chunking: words in order, a chunk closed once its pages' locations,
    # meta locations and page entries number CHUNK_SIZE or more.
    chunks: list[list[str]] = [[]]
    size = 0
    for word in sorted(encoded):
        chunks[-1].append(word)
        size += sizes[word]
        if size >= CHUNK_SIZE:
            chunks.append([])
            size = 0
    if not chunks[-1]:
        chunks.pop()
    named = []
    for words in chunks:
        body = b"".join([_ARRAY[1], _head_bytes(4, len(words)), *(encoded[word] for word in words)])
        name = _short_name(language, body, 7)
        if f"index/{name}.pf_index" in out:
            raise Unsupported(f"two chunks named {name}")
        out[f"index/{name}.pf_index"] = compressed(body)
        named.append([words[0], words[-1], name])
    for this, following in zip(named, named[1:]):  # Pagefind's chunk_meta: the shortest bounds
        to, start = _prefixes(this[1], following[0])
        if to >= this[0]:
            this[1] = to
        following[0] = start
    meta = b"".join([_ARRAY[6], _encode(first.version), _head_bytes(4, pages), *(s.pages_cbor for s in shards),
                     _encode(named), _ARRAY[0], _ARRAY[0], _encode(fields)])
    meta_name = _short_name(language, meta, len(language) + 8)
    out[f"pagefind.{meta_name}.pf_meta"] = compressed(meta)
    entry = dict(first.entry)
    about = dict(entry["languages"][language])
    about.update(hash=meta_name, page_count=pages)
    entry["languages"] = {language: about}
    out["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return dict(sorted(out.items()))


def with_other_files(files: dict[str, bytes], shards: list[Shard]) -> dict[str, bytes]:
    """The merged index's files with the shards' fragments and Pagefind's runtime: the whole bundle."""
    out = dict(files)
    for shard in shards:
        for name, data in shard.other.items():
            if out.setdefault(name, data) != data:
                raise Unsupported(f"{name} differs between shards")
    return dict(sorted(out.items()))


def _short_name(language: str, data: bytes, length: int) -> str:
    """Pagefind's file names: the language, then the first hex digits of the SHA-1,
    each byte written without a leading zero (its `full_hash`)."""
    digest = "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())
    return f"{language}_{digest[:length]}"


def _prefixes(a: str, b: str) -> tuple[str, str]:
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return a[:common + 1], b[:common + 1]


def _word(word: str, runs: list[tuple[int, Word, dict | None]]) -> bytes:
    """One word's CBOR: its page entries from every shard, the page numbers renumbered."""
    raw = word.encode("utf-8")
    count = 0
    for _, found, _ in runs:
        count += found[COUNT]
    parts = [_ARRAY[3], _head_bytes(3, len(raw)), raw, _head_bytes(4, count)]
    previous = 0
    variants: dict[str, list] | None = None
    for offset, found, remap in runs:
        entries, _size, first, last, tail, found_variants = found
        if not entries:  # only variant forms of the word on this shard's pages
            pass
        elif remap is None:
            parts += [_ARRAY[3], _head_bytes(0, offset + first - previous), tail]
            previous = offset + last
        else:  # another field list: every entry decoded, its meta field numbers rewritten
            decoded, _ = _decode(_encode_head(4, entries) + _ARRAY[3] + _encode_head(0, first) + tail)
            decoded[0][0] += offset - previous
            parts.append(b"".join(_encode(_remapped(entry, remap)) for entry in decoded))
            previous = offset + last
        if found_variants:
            variants = variants if variants is not None else {}
            for form, pages in found_variants:
                variants.setdefault(form, []).append((offset, pages, remap))
    if not variants:
        parts.append(_ARRAY[0])
        return b"".join(parts)
    parts.append(_encode_head(4, len(variants)))
    for form, runs_of_form in variants.items():  # in the order Pagefind met them: by first page
        merged: list = []
        previous = 0
        for offset, pages, remap in runs_of_form:
            page = 0
            for delta, locations, meta in pages:
                page += delta
                merged.append(_remapped([offset + page - previous, locations, meta], remap))
                previous = offset + page
        parts.append(_encode([form, merged]))
    return b"".join(parts)


# Heads of small unsigned integers, text strings and arrays, made once.
_SMALL = 1 << 14
_UINT = [_encode_head(0, n) for n in range(_SMALL)]
_TEXT = [_encode_head(3, n) for n in range(256)]
_ARRAY = [_encode_head(4, n) for n in range(_SMALL)]


def _head_bytes(major: int, value: int) -> bytes:
    if major == 0 and value < _SMALL:
        return _UINT[value]
    if major == 4 and value < _SMALL:
        return _ARRAY[value]
    if major == 3 and value < 256:
        return _TEXT[value]
    return _encode_head(major, value)


def _remapped(entry: list, remap: dict | None) -> list:
    if not remap:
        return entry
    delta, locations, meta = entry
    return [delta, locations, [-(remap[-value - 1]) - 1 if value < 0 else value for value in meta]]

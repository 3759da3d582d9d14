"""Editing a YAML file a person wrote, changing only what the edit means to change.

ruamel.yaml reads the file into a round-trip document (comments, key order and
quoting kept) and writes it back with the file's own indentation. The layout
is found by trying the few styles people write until one writes the unedited
document back byte for byte; a file that no style reproduces is refused rather
than reformatted.
"""
from __future__ import annotations

import io
from itertools import product
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from fuling.core.errors import BuildError, ContentError
from fuling.core.files import write_atomically
from fuling.core.yamlread import parse_yaml, read_content_text


def _yaml(mapping: int, sequence: int, offset: int) -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long quote onto two lines
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dumped(yaml: YAML, document) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


class EditableYaml:
    """One YAML file open for editing: change `document`, then `save()`."""

    def __init__(self, path: Path, rel: str):
        self.path, self.rel = Path(path), rel
        # Read and parsed within the content reader's bounds first (size, depth, aliases),
        # so that a hostile file is refused with its line before ruamel would expand it.
        errors: list[ContentError] = []
        text = read_content_text(self.path, rel, errors)
        if text is not None:
            parse_yaml(text, rel, errors)
        if errors or text is None:
            raise BuildError(errors)
        self.original = text
        for mapping, sequence, offset in product((2, 4), (2, 4), (0, 2)):
            if offset >= sequence:
                continue
            yaml = _yaml(mapping, sequence, offset)
            try:
                document = yaml.load(self.original)
            except YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                raise BuildError([ContentError(rel, mark.line + 1 if mark else 0, "", f"cannot be read as YAML "
                                               f"({getattr(exc, 'problem', None) or exc}); fix it first")]) from None
            if _dumped(yaml, document) == self.original:
                self.yaml, self.document = yaml, document
                return
        raise BuildError([ContentError(rel, 0, "", "this file's layout cannot be kept by an automatic edit "
                                                   "(mixed indentation?); make the change by hand")])

    def text(self) -> str:
        return _dumped(self.yaml, self.document)

    def save(self) -> None:
        """Write the edited document in place of the file, atomically, only if it is still as read."""
        if self.path.read_text(encoding="utf-8") != self.original:
            raise BuildError([ContentError(self.rel, 0, "", "the file changed on disk since it was read; "
                                                            "nothing was written: run the command again")])
        write_atomically(self.path, self.text().encode("utf-8"))


def append_to_flow_list(items, item: str) -> None:
    """Append `item` to a flow-style list ([a, b]) and keep the comment after it where it was
    relative to the text: ruamel keeps a comment's column, so a grown line would push it to
    a single space."""
    items.append(item)
    comment = (items.ca.comment or [None])[0]
    if comment is not None:
        comment.column += len(", " + item) if len(items) > 1 else len(item)

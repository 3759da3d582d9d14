"""Which files of `content/` the loader and extract read, and the entries they refuse to.

Every content file is opened through here, so that what an editor cannot see
in a file manager cannot decide what the site shows: a folder that cannot be
read, a symbolic link that loops, leads nowhere or leads out of the project
(its target is never opened, so no error can quote it), a file name holding a
newline or another control character, and a file whose name differs from the
read ones only in case or spelling (`X.MD`, `x.yml`), which would otherwise be
silently left out.
"""
from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from fuling.core.errors import BuildError, ContentError

CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Names an editor may mean as a content file of the kind (lower case), beside the one read.
ALSO_MEANT = {".md": (".md", ".markdown"), ".yaml": (".yaml", ".yml")}


def content_file(root: Path, rel: str, errors: list[ContentError]) -> Path | None:
    """`root/rel` when it may be read: None if it is missing or refused (with the reason in `errors`)."""
    path = root / rel
    if not os.path.lexists(path):
        return None
    return path if _may_read(root, path, rel, errors) else None


def content_files(root: Path, folder: str, suffix: str, errors: list[ContentError]) -> list[Path]:
    """The `*<suffix>` files of `root/folder` that may be read, sorted by name; every entry
    refused is named in `errors`. A folder that cannot be read raises BuildError."""
    directory = root / folder
    try:
        names = sorted(entry.name for entry in os.scandir(directory))
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        # Without the folder every reference into it would be reported as unknown: stop here.
        raise BuildError(errors + [ContentError(folder, 0, "", f"the folder cannot be read ({exc.strerror}); "
                                                               f"give the build read access to it")]) from None
    meant = ALSO_MEANT.get(suffix, (suffix,))
    paths = []
    for name in names:
        if not name.lower().endswith(meant):
            continue
        rel = f"{folder}/{name}"
        if CONTROL_RE.search(name):
            errors.append(ContentError(folder + "/" + name.encode("unicode_escape").decode("ascii"), 0, "",
                                       "the file name holds a line break or another control character; "
                                       "rename the file"))
            continue
        if not name.endswith(suffix):
            stem = name[: name.lower().rindex(".")]
            errors.append(ContentError(rel, 0, "", f"is not read: only names ending in lower-case {suffix} "
                                                   f"are; rename it to {stem}{suffix}"))
            continue
        path = directory / name
        if _may_read(root, path, rel, errors):
            paths.append(path)
    return paths


def _may_read(root: Path, path: Path, rel: str, errors: list[ContentError]) -> bool:
    """True for a regular file, or a link to one inside the project."""
    try:
        target = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            errors.append(ContentError(rel, 0, "", "is a symbolic link that loops back on itself; remove the link "
                                                   "and put the file itself here"))
        elif exc.errno == errno.ENOENT:
            errors.append(ContentError(rel, 0, "", "is a symbolic link to a file that does not exist; remove the "
                                                   "link or restore its file"))
        else:
            errors.append(ContentError(rel, 0, "", f"cannot be read ({exc.strerror}); give the build read access"))
        return False
    if path.is_symlink():
        project = os.path.realpath(root)
        if not os.path.realpath(path).startswith(project + os.sep):
            errors.append(ContentError(rel, 0, "", "is a symbolic link to a file outside the project, which the "
                                                   "build does not read; copy the file into content/ instead"))
            return False
    if not stat.S_ISREG(target.st_mode):
        errors.append(ContentError(rel, 0, "", "is not a file (a folder or a device); content files are plain "
                                               "text files"))
        return False
    return True

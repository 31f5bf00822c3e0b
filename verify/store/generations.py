"""The vector files of an index: one per committed write batch (a generation), `vectors-NNNNNN.faiss`.

The database names the current one (`meta.vectors_file`); any other is a superseded generation or the
leftover of a write that died, and the next writer removes it. A write the OS refused (disk full) is
told apart from other failures, so that the message can say to free space.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path

from verify.errors import IndexError_

_VECTORS_NAME = re.compile(r"vectors-\d{6}\.faiss")


def vectors_file(generation: int) -> str:
    """The file name of `generation`'s vector store."""
    return f"vectors-{generation:06d}.faiss"


def checked_vectors_name(path: Path, name: str | None) -> str:
    """The vector file name the database gives, if it is one verify writes: never a path elsewhere."""
    if name is None or not _VECTORS_NAME.fullmatch(name):
        raise IndexError_(f"{path}: the database names {name!r} as its vector file, which verify never writes; "
                          f"the index is damaged: restore a backup or run `verify rebuild --index {path}`")
    return name


def remove_orphans(path: Path, current: str | None) -> None:
    """Delete the vector files in `path` other than `current`, half-written ones (.tmp) included."""
    for file in path.glob("vectors-*.faiss*"):
        if file.name != current:
            with contextlib.suppress(OSError):
                file.unlink()


def remove_generation(path: Path, name: str) -> None:
    """Delete a generation that was never committed, and its half-written temp file."""
    for leftover in (path / name, path / f"{name}.tmp"):
        leftover.unlink(missing_ok=True)


def storage_failure(path: Path, exc: BaseException) -> IndexError_ | None:
    """The one-line error for a batch the OS refused to write (disk full, file too large, I/O error);
    None for any other failure, which is raised as it is."""
    if not _is_storage_error(exc):
        return None
    return IndexError_(f"{path}: cannot write the index ({_storage_reason(exc)}); nothing of this batch was "
                       "stored and the index is as it was: free space and run the command again")


def _is_storage_error(exc: BaseException) -> bool:
    """Disk full, file too large, I/O error: the OS refused a write (FAISS reports it as RuntimeError)."""
    if isinstance(exc, OSError):
        return True
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError):
        return "disk" in text or "full" in text or "I/O" in text
    return isinstance(exc, RuntimeError) and ("No space left" in text or "Error writing" in text
                                               or "fwrite" in text or "File too large" in text)


def _storage_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    for known in ("No space left on device", "File too large", "database or disk is full", "disk I/O error"):
        if known in str(exc):
            return known
    return str(exc).splitlines()[-1][:120]

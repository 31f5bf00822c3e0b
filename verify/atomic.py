"""Files and folders put into place whole: written beside their final name, then renamed onto it.

A reader (another `verify` process, a Ray actor, a second user of a shared cache) that finds the final
name finds it complete, and a write that fails or is killed leaves no file there that looks finished.
The index's vector files keep their own fixed `.tmp` names (`verify.store.vectors`): `verify check` and
the next `verify add` look for those by name.
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def file_into_place(path: Path, *, durable: bool = False) -> Iterator[Path]:
    """A temporary path beside `path` to write; renamed over `path` when the block ends (flushed to disk
    first if `durable`), removed if the block fails. The name holds the process and thread, so two
    writers of the same file never write into one temporary file; the last rename wins."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        yield tmp
        if durable:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def folder_into_place(dest: Path, *, whole: Callable[[Path], bool] = Path.is_dir) -> Iterator[Path]:
    """A new folder beside `dest` to write into, renamed to `dest` when the block ends; if the block
    fails, nothing is left.

    A `dest` already there that `whole(dest)` accepts (by default: any folder) is kept and the new one
    dropped: another process finished the same work first. One it rejects (a stale or half-made copy)
    is moved aside and deleted first. The folder gets the permissions any new folder gets under the
    umask, so other users of a shared cache can read it.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    # Not tempfile.mkdtemp: it makes the folder private, and reading the umask means setting it, which
    # is not safe while other threads create files. os.mkdir applies the umask as any folder gets it.
    tmp = dest.with_name(f".{dest.name}-{os.getpid()}-{secrets.token_hex(6)}")
    tmp.mkdir()
    try:
        yield tmp
        if dest.exists() and not whole(dest):
            stale = dest.with_name(f".{dest.name}-stale-{os.getpid()}-{secrets.token_hex(6)}")
            dest.rename(stale)
            shutil.rmtree(stale, ignore_errors=True)
        try:
            tmp.rename(dest)
        except OSError:
            if not (dest.is_dir() and whole(dest)):  # not a concurrent winner: a real failure
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

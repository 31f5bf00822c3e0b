"""Hostile and concurrent use: nothing a failing or racing command does may cost another its data."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from click.testing import CliRunner

from verify.cli import cli
from verify.store import ClaimIndex

from conftest import ROOT

# A second process: opens (creating) the index, says so, waits for a line on stdin, then commits one
# article with a fake vector. Stands in for a good `verify add` that is still extracting.
_WRITER = textwrap.dedent("""
    import sys, hashlib
    import numpy as np
    sys.path.insert(0, {tests!r})
    from conftest import make_article, make_claim
    from verify.store import ClaimIndex
    index = ClaimIndex.open(sys.argv[1], create=True)
    print("open", flush=True)
    sys.stdin.readline()
    with index.batch():
        index.bind_model("fake", "fp", 4)
        index.add_article(make_article("a1", "Rusia envió armas."), [make_claim("a1", "Rusia envió armas.")],
                          np.ones((1, 4), dtype=np.float32) / 2)
    index.close()
    print("committed", flush=True)
""")


def test_a_failing_add_never_removes_an_index_another_process_holds(tmp_path):
    path = tmp_path / "new-index"
    writer = subprocess.Popen([sys.executable, "-c", _WRITER.format(tests=str(ROOT / "tests")), str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        # The failing add: it also found no index, its only input is rejected, and it cleans up.
        empty = tmp_path / "empty.txt"
        empty.write_text("")
        failing = CliRunner().invoke(cli, ["--index", str(path), "add", str(empty)])
        assert failing.exit_code == 2 and "empty" in failing.stderr
        assert (path / "verify.sqlite").exists()
        writer.stdin.write("go\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "committed"
        assert writer.wait(timeout=60) == 0
    finally:
        writer.kill()
    with ClaimIndex.open(path) as index:
        assert index.stats().articles == 1


def test_an_index_nobody_uses_and_nothing_filled_is_removed(tmp_path):
    path = tmp_path / "new-index"
    assert ClaimIndex.open(path, create=True).discard_if_unused(keep_dir=False) is True
    assert not path.exists()
    kept = tmp_path / "users-folder"
    kept.mkdir()
    (kept / "notes.txt").write_text("mine")
    assert ClaimIndex.open(kept, create=True).discard_if_unused(keep_dir=True) is True
    assert sorted(p.name for p in kept.iterdir()) == ["notes.txt"]


def test_an_index_with_a_committed_batch_is_never_discarded(tmp_path):
    path = tmp_path / "ix"
    index = ClaimIndex.open(path, create=True)
    with index.batch():
        pass
    assert index.discard_if_unused(keep_dir=False) is False
    assert (path / "verify.sqlite").exists()

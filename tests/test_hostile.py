"""Hostile and concurrent use: nothing a failing or racing command does may cost another its data."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from click.testing import CliRunner
from conftest import ROOT

from verify.cli import cli
from verify.store import ClaimIndex

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


def _index_with_one_article(path):
    import numpy as np
    from conftest import make_article, make_claim

    index = ClaimIndex.open(path, create=True)
    with index.batch():
        index.bind_model("fake", "fp", 4)
        index.add_article(make_article("a1", "Rusia envió armas."), [make_claim("a1", "Rusia envió armas.")],
                          np.ones((1, 4), dtype=np.float32) / 2)
    index.close()


def _snapshot(path):
    import hashlib

    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.iterdir())
            if p.name not in (".lock", ".open")}


def test_a_vector_file_named_outside_the_index_is_refused(tmp_path):
    import sqlite3

    import pytest

    from verify.errors import IndexError_

    path = tmp_path / "ix"
    _index_with_one_article(path)
    (tmp_path / "elsewhere.faiss").write_bytes(b"not yours")
    db = sqlite3.connect(path / "verify.sqlite")
    db.execute("UPDATE meta SET value='../elsewhere.faiss' WHERE key='vectors_file'")
    db.commit()
    db.close()
    with ClaimIndex.open(path) as index, pytest.raises(IndexError_, match="never writes.*restore a backup"):
        _ = index.vectors


def test_an_index_path_that_is_a_file_is_one_line_and_exit_2(tmp_path):
    file = tmp_path / "not-a-folder"
    file.write_text("x")
    for args in (["stats"], ["report"], ["add", str(file)]):
        result = CliRunner().invoke(cli, ["--index", str(file), *args])
        assert result.exit_code == 2, result.output
        assert result.stderr.strip() == f"verify: {file}: is a file, not an index directory; give a folder with --index"
    assert file.read_text() == "x"


_CRASH_MID_COMMIT = textwrap.dedent("""
    import os, sqlite3, sys
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("PRAGMA cache_size = 1")  # spill changed pages into the file before the commit
    db.execute("BEGIN IMMEDIATE")
    db.execute("CREATE TABLE IF NOT EXISTS filler (x BLOB)")
    for _ in range(200):
        db.execute("INSERT INTO filler VALUES (randomblob(4000))")
    db.execute("UPDATE meta SET value = '999' WHERE key = 'generation'")
    os._exit(9)  # dies mid-transaction: a hot journal stays behind
""")


def test_a_hot_journal_is_rolled_back_on_a_read_only_open(tmp_path):
    path = tmp_path / "ix"
    _index_with_one_article(path)
    subprocess.run([sys.executable, "-c", _CRASH_MID_COMMIT, str(path / "verify.sqlite")], check=False)
    assert (path / "verify.sqlite-journal").stat().st_size > 0
    for args in (["stats"], ["claims"], ["links"], ["report"]):
        result = CliRunner().invoke(cli, ["--index", str(path), *args])
        assert result.exit_code == 0, result.output
    with ClaimIndex.open(path) as index:
        assert index.generation == 1 and index.stats().articles == 1  # the last commit, whole


_FILL_THE_DISK = textwrap.dedent("""
    import resource, signal, sys
    import numpy as np
    sys.path.insert(0, {tests!r})
    from conftest import make_article, make_claim
    from verify.errors import VerifyError
    from verify.store import ClaimIndex
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
    index = ClaimIndex.open(sys.argv[1], writable=True)
    try:
        with index.batch():
            texts = ["Rusia envió armas número %d." % i for i in range(3000)]
            index.add_article(make_article("big", " ".join(texts)),
                              [make_claim("big", t) for t in texts], np.ones((3000, 4), dtype=np.float32) / 2)
    except VerifyError as exc:
        print("VerifyError:", exc)
""")


def test_a_full_disk_is_one_line_and_leaves_the_index_as_it_was(tmp_path):
    path = tmp_path / "ix"
    _index_with_one_article(path)
    before = _snapshot(path)
    limit = max(p.stat().st_size for p in path.iterdir()) + 20_000  # room for the journal, not for the batch
    code = _FILL_THE_DISK.format(tests=str(ROOT / "tests"), limit=limit)
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert out.stdout.startswith("VerifyError: ") and "cannot write the index (" in out.stdout
    assert out.stdout.count("\n") == 1 and "is as it was" in out.stdout
    assert not list(path.glob("*.tmp"))
    assert _snapshot(path) == before


def test_readers_during_writes_never_hear_rebuild_advice(tmp_path):
    """A reader loads the generation it was told about or, when a writer replaced it, the newer one."""
    import threading

    import numpy as np
    from conftest import make_article, make_claim

    path = tmp_path / "ix"
    _index_with_one_article(path)
    errors: list[str] = []
    done = threading.Event()

    def write():
        with ClaimIndex.open(path, writable=True) as index:
            for n in range(50):
                with index.batch():
                    index.add_article(make_article(f"w{n}", f"Texto {n}."), [make_claim(f"w{n}", f"Texto {n}.")],
                                      np.ones((1, 4), dtype=np.float32) / 2)
        done.set()

    writer = threading.Thread(target=write)
    writer.start()
    reads = 0
    while not done.is_set() or reads < 50:
        try:
            with ClaimIndex.open(path) as index:
                index.search(np.ones((1, 4), dtype=np.float32), 3)
        except Exception as exc:  # noqa: BLE001 - any failure is the finding
            errors.append(str(exc))
        reads += 1
    writer.join()
    assert errors == []
    with ClaimIndex.open(path) as index:
        assert len(index.vectors) == 51


def test_backup_is_a_consistent_copy_taken_while_a_writer_writes(tmp_path):
    import threading

    import numpy as np
    from conftest import make_article, make_claim

    path = tmp_path / "ix"
    _index_with_one_article(path)
    stop = threading.Event()

    def write():
        with ClaimIndex.open(path, writable=True) as index:
            n = 0
            while not stop.is_set():
                with index.batch():
                    index.add_article(make_article(f"w{n}", f"Texto {n}."), [make_claim(f"w{n}", f"Texto {n}.")],
                                      np.ones((1, 4), dtype=np.float32) / 2)
                n += 1

    writer = threading.Thread(target=write)
    writer.start()
    try:
        for round_ in range(10):
            dest = tmp_path / f"backup-{round_}"
            result = CliRunner().invoke(cli, ["--index", str(path), "backup", str(dest)])
            assert result.exit_code == 0, result.output
            check = CliRunner().invoke(cli, ["--index", str(dest), "check"])
            assert check.exit_code == 0 and check.output.strip().endswith(": ok"), check.output
    finally:
        stop.set()
        writer.join()
    again = CliRunner().invoke(cli, ["--index", str(path), "backup", str(tmp_path / "backup-0")])
    assert again.exit_code == 2 and "not an empty folder" in again.stderr


def test_check_names_the_damage_and_the_way_out(tmp_path):
    import numpy as np

    from verify.store.vectors import FaissFlatStore

    path = tmp_path / "ix"
    _index_with_one_article(path)
    assert CliRunner().invoke(cli, ["--index", str(path), "check"]).exit_code == 0
    (vectors,) = path.glob("vectors-*.faiss")
    store = FaissFlatStore(4)
    store.add(np.array([7, 8]), np.ones((2, 4), dtype=np.float32))
    store.save(vectors)  # vectors that no longer match the claims table
    (path / "vectors-000009.faiss.tmp").write_bytes(b"half")
    result = CliRunner().invoke(cli, ["--index", str(path), "check"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("damaged: ") for line in lines)
    assert "verify rebuild" in result.stderr
    assert any("half-written" in line for line in lines)
    with open(path / "verify.sqlite", "r+b") as f:  # scribble over the database's pages
        f.seek(4096)
        f.write(b"\xff" * 8192)
    damaged = CliRunner().invoke(cli, ["--index", str(path), "check"])
    assert damaged.exit_code == 2 and "restore a backup" in damaged.stderr and "Traceback" not in damaged.output


# A writer that commits one article per batch and says so after each commit; the batches it was
# asked for are numbered so a re-run can finish the job (an article already there is skipped).
_BATCH_WRITER = textwrap.dedent("""
    import sys
    import numpy as np
    sys.path.insert(0, {tests!r})
    from conftest import make_article, make_claim
    from verify.store import ClaimIndex
    path, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with ClaimIndex.open(path, create=True) as index:
        for n in range(first, last):
            if index.article_hash(f"a{{n}}") is not None:
                continue
            texts = [f"Frase {{n}}-{{k}} sobre el asunto." for k in range(20)]
            with index.batch():
                if index.model is None:
                    index.bind_model("fake", "fp", 4)
                index.add_article(make_article(f"a{{n}}", " ".join(texts)), [make_claim(f"a{{n}}", t) for t in texts],
                                  np.random.default_rng(n).random((20, 4), dtype=np.float32))
            print(n, flush=True)
""")


def _start_writer(path, first, last):
    code = _BATCH_WRITER.format(tests=str(ROOT / "tests"))
    return subprocess.Popen([sys.executable, "-c", code, str(path), str(first), str(last)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_kill_9_at_random_moments_loses_nothing_committed(tmp_path):
    import random
    import signal
    import time

    rng = random.Random(20)
    path = tmp_path / "ix"
    for trial in range(20):
        writer = _start_writer(path, 0, 400)
        time.sleep(rng.uniform(0.3, 1.5))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        committed = [int(line) for line in out.split()]
        if not committed and not (path / "verify.sqlite").exists():
            continue  # killed before it made the index
        with ClaimIndex.open(path) as index:
            # A kill during a save leaves its .tmp: check() names it (the next add removes it, as the
            # finisher's check below shows) but it is not damage; anything else would be.
            damage = [p for p in index.check() if "half-written by a write that died" not in p]
            assert damage == [], f"trial {trial}"
            for n in committed:  # every article the writer saw committed is there, whole
                assert len(index.claims(f"a{n}")) == 20
    finisher = _start_writer(path, 0, 400)
    _, err = finisher.communicate(timeout=600)
    assert finisher.returncode == 0, err
    with ClaimIndex.open(path) as index:
        assert index.stats().articles == 400 and index.check() == []
        assert len(index.vectors) == 400 * 20


_ROUND_WRITER = textwrap.dedent("""
    import sys
    import numpy as np
    sys.path.insert(0, {tests!r})
    from conftest import make_article, make_claim
    from verify.store import ClaimIndex
    base, parity = sys.argv[1], int(sys.argv[2])
    for line in sys.stdin:  # one round a line: its number; commit article a<2 * round + parity>
        round_ = int(line)
        n = 2 * round_ + parity
        with ClaimIndex.open(f"{{base}}/ix{{round_ % 10}}", create=True) as index:
            with index.batch():
                if index.model is None:
                    index.bind_model("fake", "fp", 4)
                index.add_article(make_article(f"a{{n}}", f"Frase {{n}}."), [make_claim(f"a{{n}}", f"Frase {{n}}.")],
                                  np.random.default_rng(n).random((1, 4), dtype=np.float32))
        print(round_, flush=True)
""")

_READER = textwrap.dedent("""
    import sys
    import numpy as np
    from verify.store import ClaimIndex
    from verify.errors import VerifyError
    reads = 0
    while True:
        for k in range(10):
            try:
                with ClaimIndex.open(f"{sys.argv[1]}/ix{k}") as index:
                    index.search(np.ones((1, 4), dtype=np.float32), 3)
                    reads += 1
            except VerifyError as exc:
                if "no verify index here" not in str(exc):  # before its first writer made it: fine
                    print("ERROR", exc, flush=True)
        if open(sys.argv[2]).read() == "stop":
            break
    print("reads", reads, flush=True)
""")


def test_writers_failing_writers_and_readers_on_one_index_50_rounds(tmp_path):
    """Each round: two writers commit to one index (new for the first ten rounds, then grown), an
    add whose only input is rejected runs on it at the same time, and two readers read all ten."""
    import numpy as np

    empty = tmp_path / "empty.txt"
    empty.write_text("")
    stop = tmp_path / "stop"
    stop.write_text("")
    code = _ROUND_WRITER.format(tests=str(ROOT / "tests"))
    writers = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path), str(parity)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for parity in (0, 1)]
    readers = [subprocess.Popen([sys.executable, "-c", _READER, str(tmp_path), str(stop)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        for round_ in range(50):
            for writer in writers:
                writer.stdin.write(f"{round_}\n")
                writer.stdin.flush()
            failing = CliRunner().invoke(cli, ["--index", str(tmp_path / f"ix{round_ % 10}"), "add", str(empty)])
            assert failing.exit_code == 2 and "empty" in failing.stderr
            for writer in writers:
                assert writer.stdout.readline().strip() == str(round_), writer.stderr.read()[-2000:]
        stop.write_text("stop")
        for process in writers + readers:
            out, err = process.communicate(timeout=120)  # closes a writer's stdin: it ends
            assert process.returncode == 0 and "Traceback" not in err and "ERROR" not in out, (out, err[-2000:])
    finally:
        for process in writers + readers:
            process.kill()
    for k in range(10):
        with ClaimIndex.open(tmp_path / f"ix{k}") as index:
            assert index.stats().articles == 10 and index.check() == []  # 5 rounds x 2 writers, none lost
            assert len(index.search(np.ones((1, 4), dtype=np.float32), 3)[1][0]) == 3

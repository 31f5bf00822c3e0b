"""The on-disk index: persistence, incremental adds, atomic writes, model binding, read-only dirs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import add_sentences

from verify.errors import IndexError_
from verify.store import ClaimIndex
from verify.store.vectors import FaissFlatStore

_add = add_sentences



def test_add_is_incremental_and_ids_never_reused(tmp_path, fake_encoder):
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        _add(index, fake_encoder, "a1", ["Uno dos tres.", "Cuatro cinco seis."])
        first_file = index._vectors_file
        with index.batch():
            assert index.remove_article("a1") == 2
        stored = _add(index, fake_encoder, "a1", ["Siete ocho nueve."])
        assert stored[0].id == 3  # AUTOINCREMENT: a replaced article's claim ids are not handed out again
        assert len(index.vectors) == 1 and index.vectors.ids().tolist() == [3]
        assert index._vectors_file != first_file
        assert sorted(p.name for p in index.path.glob("vectors-*")) == [index._vectors_file]


def test_failed_batch_leaves_last_committed_state(tmp_path, fake_encoder, monkeypatch):
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        _add(index, fake_encoder, "a1", ["Primera afirmación del artículo."])
    # The vector file is written, then the process "dies" before the database commit.
    real_save = FaissFlatStore.save

    def save_then_crash(self, path):
        real_save(self, path)
        raise KeyboardInterrupt

    monkeypatch.setattr(FaissFlatStore, "save", save_then_crash)
    with ClaimIndex.open(tmp_path / "ix") as index:
        pass
    index = ClaimIndex.open(tmp_path / "ix", writable=True)
    with pytest.raises(KeyboardInterrupt):
        _add(index, fake_encoder, "a2", ["Segunda afirmación de otro artículo."])
    index.close()
    monkeypatch.undo()
    with ClaimIndex.open(tmp_path / "ix", writable=True) as index:
        assert index.article_ids() == ["a1"]
        assert len(index.vectors) == 1  # the database names the old file, which agrees with it
        _add(index, fake_encoder, "a2", ["Segunda afirmación de otro artículo."])
        assert len(index.vectors) == 2
        assert len(list(index.path.glob("vectors-*"))) == 1  # the orphan of the failed batch is gone


def test_killed_writer_leaves_index_readable(tmp_path, fake_encoder):
    """SIGKILL in the middle of a batch, after the new vector file exists but before the commit."""
    ix = tmp_path / "ix"
    with ClaimIndex.open(ix, create=True) as index:
        _add(index, fake_encoder, "a1", ["Primera afirmación del artículo."])
    script = f"""
import os, signal, sys
sys.path.insert(0, {str(os.path.dirname(__file__))!r})
from verify.embed import FakeEncoder
from verify.store import ClaimIndex
from verify.store.vectors import FaissFlatStore
from test_store import _add
real = FaissFlatStore.save
def save_and_die(self, path):
    real(self, path)
    os.kill(os.getpid(), signal.SIGKILL)
FaissFlatStore.save = save_and_die
index = ClaimIndex.open({str(ix)!r}, writable=True)
_add(index, FakeEncoder(64), "a2", ["Otra afirmación cualquiera."])
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode == -9, proc.stderr.decode()
    with ClaimIndex.open(ix) as index:
        assert index.article_ids() == ["a1"]
        assert len(index.vectors) == 1




def test_missing_and_corrupt_index(tmp_path):
    with pytest.raises(IndexError_, match="no verify index here"):
        ClaimIndex.open(tmp_path / "nothing")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "verify.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(IndexError_, match="not a readable verify index"):
        ClaimIndex.open(tmp_path / "bad")




def test_schema_1_index_is_read_and_upgraded(tmp_path, fake_encoder):
    import sqlite3

    path = tmp_path / "ix"
    with ClaimIndex.open(path, create=True) as index:
        _add(index, fake_encoder, "a1", ["Rusia envió armas a Libia."], side_spans=[(0, 5)])
    # Make it what verify wrote before side clauses existed: no column, schema version 1.
    db = sqlite3.connect(path / "verify.sqlite")
    db.execute("ALTER TABLE claims DROP COLUMN side_spans")
    db.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    db.commit()
    db.close()
    with ClaimIndex.open(path) as index:  # read-only: read as it is
        assert index.claims()[0].side_spans == ()
    with ClaimIndex.open(path, writable=True) as index:  # writable: gains the column
        _add(index, fake_encoder, "a2", ["Libia recibió armas de Rusia."], side_spans=[(0, 5)])
    with ClaimIndex.open(path) as index:
        assert [c.side_spans for c in index.claims()] == [(), ((0, 5),)]
        assert index._meta("schema_version") == "2"


def test_unknown_schema_is_refused(tmp_path, fake_encoder):
    import sqlite3

    path = tmp_path / "ix"
    with ClaimIndex.open(path, create=True) as index:
        _add(index, fake_encoder, "a1", ["Rusia envió armas a Libia."])
    db = sqlite3.connect(path / "verify.sqlite")
    db.execute("UPDATE meta SET value='9' WHERE key='schema_version'")
    db.commit()
    db.close()
    with pytest.raises(IndexError_, match="schema version 9"):
        ClaimIndex.open(path)

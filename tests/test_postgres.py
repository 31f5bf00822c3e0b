"""The shared PostgreSQL store (issue #12): the SQLite store's contract, plus many writers and readers.

The `cluster` session fixture (tests/conftest.py, tests/pg.py) starts a throwaway PostgreSQL cluster
on loopback with the installed server binaries (Debian's `postgresql` package); without them every
test here is skipped, saying so.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import add_sentences
from pg import PASSWORD, free_port

from verify.embed import FakeEncoder
from verify.errors import IndexError_
from verify.records import Link, Relation
from verify.store import ClaimIndex

psycopg = pytest.importorskip("psycopg", reason="needs psycopg: pip install 'psycopg[binary]' (the team extra)")

from verify.store.postgres import PostgresClaimIndex, open_store  # noqa: E402

DIM = 8
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def encoder() -> FakeEncoder:
    return FakeEncoder(dim=DIM)


_add = add_sentences


# ------------------------- crashes and read-only opens (what every store promises: test_store_contract.py)
def test_killed_writer_rolls_back_and_frees_the_lock(pg_url, encoder):
    """SIGKILL in the middle of a batch: nothing of it stays, and the next writer gets the lock."""
    with PostgresClaimIndex.open(pg_url, create=True) as index:
        _add(index, encoder, "a1", ["Primera afirmación del artículo."])
    script = f"""
import os, signal, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from verify.embed import FakeEncoder
from verify.store.postgres import PostgresClaimIndex
from conftest import make_article, make_claim
index = PostgresClaimIndex.open({pg_url!r}, writable=True)
with index.batch():
    index.add_article(make_article("a2", "Otra."), [make_claim("a2", "Otra.")], FakeEncoder({DIM}).encode(["Otra."]))
    os.kill(os.getpid(), signal.SIGKILL)
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == -9, proc.stderr.decode()
    with PostgresClaimIndex.open(pg_url, writable=True) as index:
        index._conn.execute("SET lock_timeout = '20s'")  # a stuck lock fails the test instead of hanging it
        assert index.article_ids() == ["a1"]
        _add(index, encoder, "a3", ["Una tercera afirmación."])
        assert index.article_ids() == ["a1", "a3"] and len(index.vectors) == 2


def test_a_read_only_open_cannot_write(pg_url, encoder):
    with PostgresClaimIndex.open(pg_url, create=True):
        pass
    with PostgresClaimIndex.open(pg_url) as index:
        with pytest.raises(IndexError_, match="read-only"):
            with index.batch():
                pass
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):  # the server refuses too
            index._conn.execute("UPDATE store_state SET generation = 7")


def test_schema_migrations_and_unknown_versions(pg_url, cluster):
    with PostgresClaimIndex.open(pg_url, create=True):
        pass
    dbname = pg_url.rsplit("/", 1)[1]
    assert cluster.admin("SELECT version, name FROM verify.schema_migrations", dbname) == [(1, "initial")]
    cluster.admin("INSERT INTO verify.schema_migrations (version, name) VALUES (9, 'future')", dbname)
    with pytest.raises(IndexError_, match="schema version 9, this verify reads up to 1; upgrade verify"):
        PostgresClaimIndex.open(pg_url)


def test_backup_check_discard_and_open_store(pg_url, encoder, tmp_path):
    with open_store(pg_url, create=True, user="carla") as index:
        assert isinstance(index, PostgresClaimIndex) and index.user == "carla"
        assert PASSWORD not in index.path and index.path.startswith("postgresql://verify@127.0.0.1:")
        _add(index, encoder, "a1", ["Una afirmación."])
        with pytest.raises(IndexError_, match="pg_dump"):
            index.backup(tmp_path / "b")
        assert index.check() == []
        with PostgresClaimIndex.open(pg_url) as other:
            with index.batch():
                index.article_hash("a1")  # a batch's first read takes the writer lock
                problems = other.check()
        assert len(problems) == 1 and "a writer holds the lock now" in problems[0]
        assert index.discard_if_unused(keep_dir=False) is False  # a shared database is never removed
    with open_store(pg_url) as index:
        assert index.article_ids() == ["a1"]
    with open_store(str(tmp_path / "ix"), create=True) as index:
        assert isinstance(index, ClaimIndex)


def test_without_psycopg_a_url_names_the_extra_and_folders_still_open(tmp_path):
    script = f"""
import sys
sys.modules["psycopg"] = None  # as if the team extra were not installed
from verify.errors import IndexError_
from verify.store.postgres import open_store
try:
    open_store("postgresql://alice:secret@db.example/verify")
except IndexError_ as exc:
    print(exc)
print(type(open_store({str(tmp_path / "ix")!r}, create=True)).__name__)
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["postgresql://alice:***@db.example/verify: PostgreSQL support is not "
                                        "installed: pip install 'verify[team]' (or: pip install 'psycopg[binary]')",
                                        "ClaimIndex"]


# ------------------------------------------------------------------------------- the same answers as SQLite
def _scenario(index, enc) -> None:
    """The same writes, to either store."""
    a = _add(index, enc, "Árbol-1", ["Rusia envió armas a Libia.", "El embargo sigue vigente."],
             entities=["Rusia", "Libia"], speaker="Peskov", side="Kremlin", side_spans=[(0, 5)])
    b = _add(index, enc, "b2", ["Rusia no envió armas a Libia."], entities=["Rusia"])
    c = _add(index, enc, "Z3", ["Ñandú dice que el embargo sigue."], entities=["Libia"])
    with index.batch():
        index.add_links([Link(a[0].id, b[0].id, Relation.CONTRADICTS, 0.9, "denial", 0.95, "t1"),
                         Link(a[1].id, c[0].id, Relation.SUPPORTS, 0.7, "same", 0.8, "t2"),
                         Link(a[0].id, c[0].id, Relation.REPEATS, 0.7, "again", 0.6, "t2")])
        index.set_link_verdict(b[0].id, a[0].id, "confirmed", "checked")
        index.set_claim_rating(a[0].id, "false", "no")
        index.save_aliases([("Rusia", "Rusia", "LOC"), ("Federación Rusa", "Rusia", "LOC"), ("Libia", "Libia", "LOC")])
        index.save_sides([("peskov", "Kremlin"), ("haftar", "LNA")])
    with index.batch():
        index.rename_entities([("Libia", "Estado de Libia")])
        index.save_aliases([("Rusia", "Rusia", "LOC"), ("Libia", "Estado de Libia", "LOC")])
        index.save_sides([("peskov", "Kremlin")])
        index.set_link_verdict(a[1].id, c[0].id, "rejected")
    with index.batch():
        index.remove_article("b2")
    _add(index, enc, "b2", ["Rusia no envió armas."], entities=["Rusia"])
    _add(index, enc, "empty", [])  # an article without claims


def _no_time(rows):
    return [r._replace(created_at="") for r in rows]


READERS = {
    "article_ids": lambda ix, enc: ix.article_ids(),
    "articles": lambda ix, enc: ix.articles(),
    "article": lambda ix, enc: (ix.article("Z3"), ix.article("missing")),
    "article_hash": lambda ix, enc: (ix.article_hash("b2"), ix.article_hash("missing")),
    "claims": lambda ix, enc: [c.to_dict() for c in ix.claims()],
    "claims of an article": lambda ix, enc: ix.claims(article_id="Árbol-1"),
    "claims by ids": lambda ix, enc: ix.claims(ids=[np.int64(4), 1, 99, 2]),
    "claim": lambda ix, enc: (ix.claim(1), ix.claim(3)),
    "claims_sharing_entities": lambda ix, enc: (ix.claims_sharing_entities(["Rusia", "Estado de Libia"]),
                                                ix.claims_sharing_entities(["Rusia"], limit=1),
                                                ix.claims_sharing_entities([])),
    "links": lambda ix, enc: ix.links(),
    "links filtered": lambda ix, enc: (ix.links(relation="supports"), ix.links(min_score=0.8),
                                       ix.links(verdict="rejected"), ix.links(claim_id=4),
                                       ix.links(article_id="Z3"), ix.links(relation="all")),
    "link_summaries": lambda ix, enc: _no_time(ix.link_summaries()),
    "claim_summaries": lambda ix, enc: (ix.claim_summaries(), ix.claim_summaries(ids=[4, 1]),
                                        ix.claim_summaries(ids=[]), ix.claim_summaries(article_id="Z3"),
                                        ix.claim_summaries(entities=["Rusia"])),
    "entity_names": lambda ix, enc: ix.entity_names(),
    "aliases": lambda ix, enc: ix.aliases(),
    "sides": lambda ix, enc: ix.sides(),
    "link_verdicts": lambda ix, enc: ix.link_verdicts(),
    "claim_ratings": lambda ix, enc: {k: v[:2] for k, v in ix.claim_ratings().items()},
    "stats": lambda ix, enc: (lambda s: (s.articles, s.claims, s.links, s.model, s.link_versions))(ix.stats()),
    "model and generation": lambda ix, enc: (ix.model, ix.generation),
    "search": lambda ix, enc: (lambda r: (r[1].tolist(), np.round(r[0], 5).tolist()))(
        ix.search(enc.encode(["Rusia envió armas a Libia.", "el embargo"]), 3)),
    "vectors": lambda ix, enc: (sorted(ix.vectors.ids().tolist()), ix.vectors.get(np.array([1, 4])).round(6).tolist()),
    "check": lambda ix, enc: ix.check(),
}


@pytest.fixture(scope="module")
def both_stores(cluster, tmp_path_factory):
    enc = FakeEncoder(dim=DIM)
    sqlite = ClaimIndex.open(tmp_path_factory.mktemp("parity") / "ix", create=True)
    pg = PostgresClaimIndex.open(cluster.url(cluster.new_database()), create=True)
    for index in (sqlite, pg):
        _scenario(index, enc)
    yield sqlite, pg, enc
    sqlite.close()
    pg.close()


@pytest.mark.parametrize("reader", list(READERS))
def test_same_answers_as_the_sqlite_store(both_stores, reader):
    sqlite, pg, enc = both_stores
    assert READERS[reader](pg, enc) == READERS[reader](sqlite, enc)


def test_timestamps_read_as_the_sqlite_store_writes_them(both_stores):
    sqlite, pg, _ = both_stores
    for index in (sqlite, pg):
        stamp = index.link_summaries()[0].created_at
        assert len(stamp) == 25 and stamp.endswith("+00:00") and stamp[10] == "T"
        assert list(index.claim_ratings().values())[0][2][:4] == stamp[:4]


# ------------------------------------------------------------------------------- what a user can get wrong
def _foreign_schema(cluster) -> str:
    """A database with another tool's schema_migrations in a schema called verify."""
    name = cluster.new_database()
    cluster.admin("CREATE SCHEMA verify; CREATE TABLE verify.schema_migrations (version varchar PRIMARY KEY)", name)
    return cluster.url(name)


USER_ERRORS = {
    "server down": (lambda c: f"postgresql://verify:{PASSWORD}@127.0.0.1:{free_port()}/x",
                    "the PostgreSQL server is not running there"),
    "wrong password": (lambda c: c.url("postgres", password="not-the-password"), "refused the user name or password"),
    "unknown user": (lambda c: c.url("postgres", user="nobody_here"), "refused the user name or password"),
    "no such database": (lambda c: c.url("nosuchdb"), "there is no database 'nosuchdb'"),
    "port not a number": (lambda c: "postgresql://verify:pw@127.0.0.1:notaport/x", "not a usable PostgreSQL URL"),
    "malformed URL": (lambda c: "postgresql://verify:pw@[bad/x", "not a usable PostgreSQL URL"),
    "unknown option": (lambda c: c.url("postgres") + "?colour=blue", "not a usable PostgreSQL URL"),
    "not a verify database": (lambda c: c.url("postgres"), "no verify index in this database; create one with"),
    "another tool's tables": (_foreign_schema, "not a verify database"),
}


@pytest.mark.parametrize("case", list(USER_ERRORS))
def test_user_errors_are_one_line(cluster, case):
    make_url, expected = USER_ERRORS[case]
    url = make_url(cluster)
    with pytest.raises(IndexError_) as raised:
        PostgresClaimIndex.open(url, writable=True)
    message = str(raised.value)
    assert expected in message and "\n" not in message
    assert PASSWORD not in message and "not-the-password" not in message and ":pw@" not in message
    assert message.startswith("postgresql://")


def test_lost_connection_is_one_line_then_reconnects(pg_url, cluster, encoder):
    with PostgresClaimIndex.open(pg_url, create=True) as index:
        _add(index, encoder, "a1", ["Una afirmación."])
        pid = index._conn.info.backend_pid
        cluster.admin("SELECT pg_terminate_backend(%s)", args=(pid,))
        with pytest.raises(IndexError_, match="lost the connection to the database") as raised:
            index.article_ids()
        assert "\n" not in str(raised.value)
        assert index.article_ids() == ["a1"]  # the next call connects again


def test_roles_from_the_team_guide(cluster, encoder):
    """docs/TEAM.md's role and grant statements, run as written: checkers judge, only ingest ingests."""
    guide = (ROOT / "docs" / "TEAM.md").read_text()
    blocks = {b.split("\n", 1)[0]: b for b in guide.split("```sql\n")[1:]}
    roles = next(b for k, b in blocks.items() if k.startswith("-- team-setup: roles")).split("```")[0]
    grants = next(b for k, b in blocks.items() if k.startswith("-- team-setup: grants")).split("```")[0]
    for statement in roles.split(";\n"):  # one at a time, as psql sends them (CREATE DATABASE needs that)
        if statement.strip():
            cluster.admin(statement)
    url = lambda user: cluster.url("verify", user=user, password=f"{user.split('_')[-1]}-secret")  # noqa: E731
    with PostgresClaimIndex.open(url("verify_owner"), create=True):
        pass
    with psycopg.connect(url("verify_owner"), autocommit=True) as conn:
        conn.execute(grants)
    with PostgresClaimIndex.open(url("verify_ingest"), writable=True, user="ingest") as index:
        a = _add(index, encoder, "a1", ["Rusia apoya a Haftar."])
        b = _add(index, encoder, "a2", ["Rusia no apoya a Haftar."])
        with index.batch():
            index.add_links([Link(a[0].id, b[0].id, Relation.CONTRADICTS, 0.9, "denial", 0.95, "t")])
    with PostgresClaimIndex.open(url("alice"), writable=True) as index:
        with index.batch():
            index.set_link_verdict(a[0].id, b[0].id, "confirmed")
            index.set_claim_rating(a[0].id, "false")
        change = index.verdict_history(a[0].id, b[0].id)[0]  # the verify user (login name) and the role
        assert (change.user, change.db_role) == (__import__("getpass").getuser(), "alice")
        with pytest.raises(IndexError_, match="role 'alice' may not do this") as raised:
            _add(index, encoder, "a3", ["Otra afirmación."])
        assert "\n" not in str(raised.value) and index.article_ids() == ["a1", "a2"]
    with PostgresClaimIndex.open(url("verify_ingest"), writable=True) as index:  # replacing keeps working
        with index.batch():
            index.remove_article("a2")
        assert index.link_verdicts() == {}


# ------------------------------------------------------------------------------- many people at once
def test_verdict_history_with_two_users(pg_url, encoder):
    with PostgresClaimIndex.open(pg_url, create=True, user="ingest") as index:
        a = _add(index, encoder, "a1", ["Rusia apoya a Haftar."])
        b = _add(index, encoder, "a2", ["Rusia no apoya a Haftar."])
        with index.batch():
            index.add_links([Link(a[0].id, b[0].id, Relation.CONTRADICTS, 0.9, "denial", 0.95, "t")])
    a, b = a[0].id, b[0].id
    with PostgresClaimIndex.open(pg_url, writable=True, user="alice") as alice, \
            PostgresClaimIndex.open(pg_url, writable=True, user="bob") as bob:
        for who, verdict, note in ((alice, "confirmed", None), (bob, "rejected", "not the same quote"),
                                   (alice, "unsure", "asked the desk")):
            with who.batch():
                who.set_link_verdict(b, a, verdict, note)
        with bob.batch():
            bob.set_claim_rating(a, "misleading", "context missing")
        assert bob.link_verdicts() == {(a, b): ("unsure", "asked the desk")}
        history = alice.verdict_history(a, b)
        assert [(c.value, c.user, c.note) for c in history] == [
            ("confirmed", "alice", None), ("rejected", "bob", "not the same quote"),
            ("unsure", "alice", "asked the desk")]
        assert all(c.kind == "verdict" and c.db_role == "verify" and len(c.at) == 25 for c in history)
        assert [(c.value, c.user) for c in alice.rating_history(a)] == [("misleading", "bob")]
        assert [(c.kind, c.value) for c in alice.changes(user="bob")] == [("rating", "misleading"),
                                                                          ("verdict", "rejected")]
        assert [c.value for c in alice.changes(limit=2)] == ["misleading", "unsure"]
    with PostgresClaimIndex.open(pg_url, writable=True) as index:  # the login name by default
        with index.batch():
            index.set_claim_rating(b, "true")
        assert index.rating_history(b)[0].user == __import__("getpass").getuser()


def test_verdicts_do_not_wait_for_an_ingest_batch(pg_url, encoder):
    import threading

    with PostgresClaimIndex.open(pg_url, create=True) as ingest:
        a = _add(ingest, encoder, "a1", ["Rusia apoya a Haftar."])
        b = _add(ingest, encoder, "a2", ["Rusia no apoya a Haftar."])
        with ingest.batch():
            ingest.add_links([Link(a[0].id, b[0].id, Relation.CONTRADICTS, 0.9, "denial", 0.95, "t")])
        a, b = a[0].id, b[0].id
        with PostgresClaimIndex.open(pg_url, writable=True, user="alice") as alice:
            alice._conn.execute("SET lock_timeout = '5s'")  # waiting for the writer lock would fail, not hang
            with ingest.batch():
                ingest.article_hash("a3")  # the ingest batch holds the writer lock ...
                with alice.batch():  # ... and alice's verdict goes through meanwhile
                    alice.set_link_verdict(a, b, "confirmed")
            assert alice.link_verdicts() == {(a, b): ("confirmed", None)}
            # A link that an ingest batch removes while a verdict on it is being written: one clear line.
            failed = []

            def judge():
                try:
                    with alice.batch():
                        alice.set_link_verdict(a, b, "rejected")
                except IndexError_ as exc:
                    failed.append(str(exc))

            with ingest.batch():
                ingest.remove_article("a2")
                worker = threading.Thread(target=judge)
                worker.start()
                time.sleep(0.5)
            worker.join(30)
            assert len(failed) == 1 and "no link between claims" in failed[0]
            assert alice.link_verdicts() == {}


class _CountingConnection:
    """Counts the statements a store sends (to see what refresh costs)."""

    def __init__(self, conn):
        self._conn, self.statements = conn, 0

    def execute(self, *args, **kwargs):
        self.statements += 1
        return self._conn.execute(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._conn, name)


@pytest.mark.parametrize("approximate_from", [10**9, 1], ids=["exact", "hnsw"])
def test_refresh_sees_another_connections_batch_incrementally(pg_url, encoder, monkeypatch, approximate_from):
    from verify.store.postgres import mirror

    monkeypatch.setattr(mirror, "APPROXIMATE_FROM", approximate_from)
    loads = []
    real_load = mirror.VectorMirror.load.__func__
    monkeypatch.setattr(mirror.VectorMirror, "load", classmethod(lambda cls, *a: loads.append(1) or real_load(cls, *a)))
    writer = PostgresClaimIndex.open(pg_url, create=True)
    _add(writer, encoder, "a1", ["Rusia envió armas a Libia.", "El embargo sigue vigente."])
    reader = PostgresClaimIndex.open(pg_url)
    try:
        assert reader.search(encoder.encode(["armas"]), 5)[1][0].tolist()[:2] != [-1, -1] and len(loads) == 1
        counting = reader._conn = _CountingConnection(reader._conn)
        assert reader.refresh() is False and counting.statements == 1  # nothing changed: one tiny query
        new = _add(writer, encoder, "a2", ["Libia recibió armas de Rusia."])
        assert reader.refresh() is True and reader.refresh() is False
        assert sorted(reader.vectors.ids().tolist()) == [1, 2, new[0].id] and len(loads) == 1  # no reload
        scores, ids = reader.search(encoder.encode(["Libia recibió armas de Rusia."]), 1)
        assert ids[0][0] == new[0].id
        with writer.batch():
            writer.remove_article("a1")
        assert reader.refresh() is True
        assert reader.vectors.ids().tolist() == [new[0].id] and len(loads) == 1
        assert reader.article_ids() == ["a2"] and reader.generation == writer.generation
    finally:
        reader.close()
        writer.close()


def test_wait_for_change_hears_another_process(pg_url, encoder):
    import threading

    with PostgresClaimIndex.open(pg_url, create=True) as writer, PostgresClaimIndex.open(pg_url) as reader:
        assert reader.wait_for_change(0.1) is False
        later = threading.Timer(0.3, lambda: _add(writer, encoder, "a1", ["Una afirmación."]))
        later.start()
        started = time.monotonic()
        assert reader.wait_for_change(20) is True and time.monotonic() - started < 10
        later.join()
        assert reader.refresh() is True and reader.article_ids() == ["a1"]


def _run_together(scripts: list[str], timeout: float = 120) -> list[subprocess.CompletedProcess]:
    """Run every script in its own Python process; each says when its imports are done and waits, and
    all are let go at once, so that they really meet."""
    procs = [subprocess.Popen([sys.executable, "-c", textwrap.dedent(s)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for s in scripts]
    for p in procs:
        assert p.stdout.readline().strip() == "ready", p.communicate(timeout=timeout)[1][-2000:]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=timeout)
        out.append(subprocess.CompletedProcess(p.args, p.returncode, stdout, stderr))
    return out


_WAIT = """
import sys


def wait_for_start():  # called once the slow imports are done
    print("ready", flush=True)
    assert sys.stdin.readline().strip() == "go"
"""


def test_migration_applied_once_when_processes_open_a_new_database_at_once(pg_url, cluster):
    script = _WAIT + f"""
from verify.store.postgres import PostgresClaimIndex
wait_for_start()
PostgresClaimIndex.open({pg_url!r}, create=True).close()
"""
    results = _run_together([script] * 3)
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]
    dbname = pg_url.rsplit("/", 1)[1]
    assert cluster.admin("SELECT version FROM verify.schema_migrations", dbname) == [(1,)]


_WRITER = """
import hashlib
import numpy as np
from verify.embed import FakeEncoder
from verify.records import Article, Claim, Link, Relation
from verify.store.postgres import PostgresClaimIndex

enc = FakeEncoder(dim=DIM)
index = PostgresClaimIndex.open(URL, writable=True)
replaced = 0
wait_for_start()
for name in NAMES:
    sentences = [f"Claim one about {name}.", f"Claim two about {name}."]
    text = " ".join(sentences)
    article = Article(id=name, text=text, source=name, content_hash=hashlib.sha256(text.encode()).hexdigest())
    claims = [Claim(article_id=name, text=s, start=text.index(s), end=text.index(s) + len(s), checkworthiness=0.9)
              for s in sentences]
    vectors = enc.encode(sentences)
    with index.batch():  # what the pipeline does: replace an article stored before, link the new claims
        if index.model is None:
            index.bind_model(enc.name, enc.fingerprint, enc.dim)
        if index.article_hash(name) is not None:
            index.remove_article(name)
            replaced += 1
        stored = index.add_article(article, claims, vectors)
        scores, ids = index.search(vectors, 1000)
        pairs = {tuple(sorted((c.id, int(o)))) for c, row in zip(stored, ids) for o in row if o >= 0 and o != c.id}
        index.add_links([Link(a, b, Relation.REPEATS, 0.5, "test", 0.5, "t") for a, b in pairs])
index.close()
print(replaced)
"""


def test_two_writers_adding_overlapping_articles_at_once(pg_url):
    with PostgresClaimIndex.open(pg_url, create=True):
        pass
    first = [f"art{i:02d}" for i in range(14)]
    second = [f"art{i:02d}" for i in range(20, 6, -1)]  # art07..art13 in both, met from both ends
    scripts = [_WAIT + _WRITER.replace("DIM", str(DIM)).replace("URL", repr(pg_url)).replace("NAMES", repr(names))
               for names in (first, second)]
    results = _run_together(scripts)
    assert [r.returncode for r in results] == [0, 0], [r.stderr[-2000:] for r in results]
    # Each of the 7 shared articles was added by one writer and replaced by the other, exactly once.
    assert sum(int(r.stdout) for r in results) == 7
    with PostgresClaimIndex.open(pg_url) as index:
        expected = sorted(set(first) | set(second))
        assert index.article_ids() == expected  # each once
        claims = [c.id for c in index.claims()]
        assert len(claims) == 2 * len(expected)
        # Every new claim was linked to every claim stored before it, so every pair of the claims
        # standing at the end is linked: a link lost to a race, or to a stale vector mirror, shows here.
        pairs = {(l.a, l.b) for l in index.links()}
        assert len(pairs) == len(claims) * (len(claims) - 1) // 2
        assert index.generation == len(first) + len(second)
        assert sorted(index.vectors.ids().tolist()) == sorted(claims)

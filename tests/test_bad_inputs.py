"""Bad input, end to end (#13): every kind below gives ONE clear line on stderr, exit code 2, no
traceback, and leaves the disk as it was: the index byte for byte, and nothing new beside it (or, when
the message names `verify rebuild`, that command repairs the index and `verify check` passes).

Each kind is one row of `KINDS`: an id, a builder that makes what it needs in the case's own folder
and returns the command line after `verify`, and words the message must hold. Every command runs the
installed `verify` in a subprocess (its real entry point, from the case folder), so what is checked
is what a user sees. Rows that must get past encoding text (a full disk while adding, a repair) run
the same entry point with the fake encoder standing in for the model (`fake=True`).

bench/bad_inputs.py runs the same table and prints it as Markdown.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import re
import resource
import shlex
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from conftest import http_server

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_000 = next(SEEDS.glob("000_*.txt"))
SEED_002 = next(SEEDS.glob("002_*.txt"))
VERIFY = Path(sys.executable).parent / "verify"

# The installed entry point with the fake encoder (64 dimensions, named as asked, "fake" by default)
# in place of the model: for rows that must encode text, and for the repair they are told to run.
FAKE_BOOT = """
import sys
from verify import embed
embed.load_encoder = lambda name=None, **kw: embed.FakeEncoder(64, name=name or "fake")
from verify.cli import main
sys.argv[0] = "verify"
main()
"""

BODY = ("El portavoz del Kremlin, Dmitri Peskov, dijo que no hay pruebas de que Corea del Norte "
        "esté enviando armas a Rusia.")
PAGE = (f"<html><head><title>Peskov niega</title></head><body><article><h1>Peskov niega</h1><p>{BODY}</p>"
        "</article></body></html>").encode()
NAV_ONLY = b"<html><body><nav><a href='/'>Inicio</a> <a href='/x'>Deportes</a></nav></body></html>"
CHECKWORTHY_HEADER = "Sentence_id\tText\tclass_label\n"
LOCK_FILES = (".lock", ".open")  # the index's lock files: opening takes them, they hold no data


def _noise(size: int) -> bytes:
    """`size` bytes that look random, the same on every run."""
    return random.Random(size).randbytes(size)


# ------------------------------------------------------------------------------------ one case


class Case:
    """One row's own folder (the command's working directory) and what the row asks for."""

    def __init__(self, root: Path, setting: Setting):
        self.root = root
        self.setting = setting
        self.ix = root / "ix"  # the index the command uses (absolute), watched byte for byte
        self.env: dict[str, str] = {}
        self.stdin = b""
        self.fake = False
        self.file_size_limit: int | None = None
        self.timeout = 120.0
        self.cleanups: list[Callable[[], None]] = []

    # --- inputs
    def file(self, name: str, data: bytes | str = b"") -> str:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return name

    def folder(self, name: str, files: dict[str, bytes | str] | None = None) -> str:
        (self.root / name).mkdir(parents=True, exist_ok=True)
        for file, data in (files or {}).items():
            self.file(f"{name}/{file}", data)
        return name

    def link(self, name: str, target: str) -> str:
        (self.root / name).symlink_to(target)
        return name

    def fifo(self, name: str) -> str:
        os.mkfifo(self.root / name)
        return name

    def sparse(self, name: str, size: int) -> str:
        with open(self.root / name, "wb") as fh:
            fh.truncate(size)
        return name

    def url(self, path: str) -> str:
        return self.setting.url + path

    # --- the index
    def indexed(self, *args: str) -> list[str]:
        """A copy of the small real index (one seed article, fake model) at ix; `--index ix ARGS`."""
        shutil.copytree(self.setting.base, self.ix)
        return ["--index", "ix", *args]

    def emptied(self, *args: str) -> list[str]:
        """A copy of an index that was made and committed to, with no article yet."""
        shutil.copytree(self.setting.empty, self.ix)
        return ["--index", "ix", *args]

    def no_index(self, *args: str) -> list[str]:
        return ["--index", "ix", *args]

    def index_at(self, where: str | Path, *args: str) -> list[str]:
        """`--index WHERE ARGS`, WHERE relative to the case folder or absolute."""
        self.ix = self.root / where
        return ["--index", str(where), *args]

    @property
    def db(self) -> Path:
        return self.ix / "verify.sqlite"

    @property
    def vectors(self) -> Path:
        (file,) = self.ix.glob("vectors-*.faiss")
        return file

    def sql(self, *statements: str) -> None:
        db = sqlite3.connect(self.db)
        try:
            for statement in statements:
                db.execute(statement)
            db.commit()
        finally:
            db.close()

    def immutable(self, path: Path) -> None:
        """Make `path` immutable (chattr +i): root cannot write there either, as a user cannot write a
        folder that is not theirs. Undone after the run."""
        if shutil.which("chattr") is None:
            pytest.skip("chattr is not installed")
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"chattr +i does not work here: {done.stderr.strip()}")
        self.cleanups.append(lambda: subprocess.run(["chattr", "-i", str(path)], check=False))

    # --- how to run
    def with_env(self, **env: str) -> Case:
        self.env.update(env)
        return self

    def with_stdin(self, data: bytes) -> Case:
        self.stdin = data
        return self

    def faked(self) -> Case:
        self.fake = True
        return self

    def disk_room(self, limit: int) -> Case:
        """Files the command writes cannot grow past `limit` bytes (RLIMIT_FSIZE, SIGXFSZ ignored: a
        write past it fails with EFBIG), as on a full disk."""
        self.file_size_limit = limit
        return self

    def waiting_at_most(self, seconds: float) -> Case:
        self.timeout = seconds
        return self


# ------------------------------------------------------------------------- builders of the damage


def _hot_journal_in_a_read_only_folder(c: Case) -> list[str]:
    """A writer died mid-commit (its journal is hot) and the folder cannot be written: the read-only
    open cannot roll the journal back."""
    args = c.indexed("stats")
    code = ("import os, sqlite3, sys\n"
            "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "db.execute('PRAGMA cache_size = 1')\n"
            "db.execute('BEGIN IMMEDIATE')\n"
            "db.execute('CREATE TABLE filler (x BLOB)')\n"
            "for _ in range(200): db.execute('INSERT INTO filler VALUES (randomblob(4000))')\n"
            "db.execute(\"UPDATE meta SET value = '999' WHERE key = 'generation'\")\n"
            "os._exit(9)\n")
    subprocess.run([sys.executable, "-c", code, str(c.db)], check=False)
    assert (c.ix / "verify.sqlite-journal").stat().st_size > 0
    c.immutable(c.ix)
    return args


def _vectors_of_another_dimension(c: Case) -> list[str]:
    import numpy as np

    from verify.store.vectors import FaissFlatStore

    args = c.indexed("check")
    ids = np.array([r[0] for r in sqlite3.connect(c.db).execute("SELECT id FROM claims")], dtype=np.int64)
    store = FaissFlatStore(8)
    store.add(ids, np.ones((len(ids), 8), dtype=np.float32))
    store.save(c.vectors)
    return args


def _foreign_sqlite(c: Case) -> list[str]:
    args = c.indexed("stats")
    c.db.unlink()
    c.sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes VALUES (1, 'mine')")
    return args


def _scribble(c: Case, at: int, data: bytes) -> None:
    with open(c.db, "r+b") as fh:
        fh.seek(at)
        fh.write(data)


def _truncate(path: Path, size: int) -> None:
    with open(path, "r+b") as fh:
        fh.truncate(size)


def _full_disk_add(c: Case) -> list[str]:
    """The database cannot grow by one page. Everything the process writes has the same limit, and
    reading an article writes a 68 MB temporary file (py3langid unpacks its model), so the database is
    first padded past that, in a table verify does not read."""
    args = c.faked().indexed("add", str(SEED_002))
    c.sql("CREATE TABLE padding (x BLOB)", "INSERT INTO padding VALUES (zeroblob(72000000))")
    c.disk_room(c.db.stat().st_size)
    return args


def _unknown_judge_with_pairs_to_judge(c: Case) -> list[str]:
    """VERIFY_NLI names no model, and the article added has claims close to the stored ones, one of
    them denied, so the judge is needed (it loads on first use; near-verbatim repeats it never reads)."""
    near = SEED_000.read_text(encoding="utf-8").replace("martes", "miércoles")
    near = near.replace("solicitar ayuda", "pedir apoyo").replace("Haftar se ha reunido", "Haftar no se ha reunido")
    return c.faked().with_env(VERIFY_NLI="no-such-judge-xyz").indexed("add", c.file("copia.txt", near))


def _then(args: list[str], *done) -> list[str]:
    """`args`, once the damage given after it (evaluated in order, after the index is made) is done."""
    return args


# ------------------------------------------------------------------------------------- the table


@dataclasses.dataclass(frozen=True)
class Kind:
    id: str
    build: Callable[[Case], list[str]]  # makes the case, returns the command line after `verify`
    words: tuple[str, ...] = ()  # the message must hold each (case-insensitive)


K = Kind
KINDS: list[Kind] = [
    # --- bad files given to `verify add`
    K("file-empty", lambda c: c.indexed("add", c.file("vacia.txt")), ("vacia.txt", "empty")),
    K("file-blank", lambda c: c.indexed("add", c.file("blanca.txt", " \n\t\n\u00a0\n")), ("blanca.txt",)),
    K("file-binary", lambda c: c.indexed("add", c.file("bin.txt", bytes(range(256)) * 20)), ("binary",)),
    K("file-nul-after-70k",
      lambda c: c.indexed("add", c.file("nul.txt", BODY.encode() + b"\n" + b"a" * 70_000 + b"\0")),
      ("binary",)),
    K("file-utf16-fragment", lambda c: c.indexed("add", c.file("raro.txt", "El ministro dijo".encode("utf-16-le")[1:]
                                                             + b"\xff\xfe\x00\xd8")), ("raro.txt",)),
    K("json-truncated", lambda c: c.indexed("add", c.file("corta.json", '{"text": "El ministro dijo que')),
      ("corta.json", "json")),
    K("json-without-text", lambda c: c.indexed("add", c.file("sin.json", json.dumps({"title": "T", "body": BODY}))),
      ("sin.json", "text")),
    K("json-text-not-a-string", lambda c: c.indexed("add", c.file("num.json", '{"text": 42}')), ("num.json", "text")),
    K("json-nested-too-deep", lambda c: c.indexed("add", c.file("hondo.json", "[" * 200_000)), ("deep",)),
    K("jsonl-truncated-line", lambda c: c.indexed("add", c.file("rota.jsonl", '{"text": "El ministro\n')),
      ("rota.jsonl", "line 1")),
    K("jsonl-not-utf8", lambda c: c.indexed("add", c.file("mal.jsonl", b'{"text": "El a\xf1o \xff\xfe"}\n')),
      ("utf-8",)),
    K("jsonl-blank-lines-only", lambda c: c.indexed("add", c.file("nada.jsonl", "\n \n\r\n")), ("nada.jsonl",)),
    K("csv-without-text-column", lambda c: c.indexed("add", c.file("sin.csv", f'title,body\nT,"{BODY}"\n')),
      ("sin.csv", "text")),
    K("csv-header-only", lambda c: c.indexed("add", c.file("cabecera.csv", "id,text\n")), ("no rows",)),
    K("html-with-no-article", lambda c: c.indexed("add", c.file("menu.html", NAV_ONLY)), ("menu.html",)),
    K("markdown-front-matter-only", lambda c: c.indexed("add", c.file("meta.md", "---\ntitle: x\n---\n")),
      ("meta.md",)),
    K("file-unknown-extension", lambda c: c.indexed("add", c.file("nota.pdf", b"%PDF-1.4\n")), ("nota.pdf", "pdf")),
    K("file-one-huge-line", lambda c: c.indexed("add", c.file("linea.txt", "x" * 3_000_000)), ("characters",)),
    K("file-over-20-mb", lambda c: c.indexed("add", c.sparse("enorme.txt", 50 * 2**20)), ("enorme.txt", "mb")),
    K("file-missing", lambda c: c.indexed("add", "no-existe.txt"), ("no-existe.txt", "no such")),
    K("folder-empty", lambda c: c.indexed("add", c.folder("vacia")), ("vacia",)),
    K("folder-nothing-readable", lambda c: c.indexed("add", c.folder("lote", {"a.pdf": b"%PDF", "b.docx": b"PK",
                                                                             ".oculto.txt": BODY})), ("lote",)),
    K("symlink-loop", lambda c: c.indexed("add", c.link("bucle.txt", "bucle.txt")), ("bucle.txt",)),
    K("symlink-dangling", lambda c: c.indexed("add", c.link("roto.txt", "no-existe.txt")), ("roto.txt",)),
    K("fifo-txt", lambda c: c.waiting_at_most(10).indexed("add", c.fifo("tubo.txt")), ("tubo.txt",)),
    K("fifo-jsonl", lambda c: c.waiting_at_most(10).indexed("add", c.fifo("tubo.jsonl")), ("tubo.jsonl",)),
    K("endless-jsonl", lambda c: c.waiting_at_most(10).indexed("add", c.link("cero.jsonl", "/dev/zero")),
      ("cero.jsonl",)),
    K("stdin-empty", lambda c: c.indexed("add", "-"), ("empty",)),
    K("stdin-binary", lambda c: c.with_stdin(b"\0\1\2" * 100).indexed("add", "-"), ("binary",)),
    # --- bad paths
    K("index-is-a-file", lambda c: c.index_at(c.file("fichero"), "stats"), ("is a file",)),
    K("index-folder-empty", lambda c: c.index_at(c.folder("vacio"), "claims"), ("no verify index",)),
    K("index-missing-parent", lambda c: c.index_at("no/hay/ix", "add", c.file("vacia.txt")), ("empty",)),
    K("index-parent-is-a-file", lambda c: c.index_at(f"{c.file('fichero')}/ix", "add", str(SEED_000)),
      ("cannot create",)),
    K("index-in-unwritable-place", lambda c: c.index_at("/sys/verify-bad-inputs-ix", "add", str(SEED_000)),
      ("cannot create",)),
    K("index-folder-read-only", lambda c: _then(c.indexed("add", str(SEED_002)), c.immutable(c.ix)),
      ("read-only",)),
    # --- bad URLs
    K("url-unsupported-scheme", lambda c: c.indexed("add", "ftp://example.org/nota.txt"), ("ftp://example.org",)),
    K("url-file-scheme", lambda c: c.indexed("add", "file:///etc/hostname"), ("file:///etc/hostname",)),
    K("url-malformed", lambda c: c.indexed("add", "http://[::1/nota"), ("http://[::1/nota",)),
    K("url-bad-port", lambda c: c.indexed("add", "http://127.0.0.1:99999/nota"), ("could not fetch",)),
    K("url-refused", lambda c: c.indexed("add", f"http://127.0.0.1:{c.setting.closed_port}/nota"),
      ("could not fetch",)),
    K("url-trickling", lambda c: c.with_env(VERIFY_FETCH_TIMEOUT="2").indexed("add", c.url("/trickle")),
      ("longer than 2 s",)),
    K("url-declares-30-mb", lambda c: c.indexed("add", c.url("/huge")), ("larger than 20 mb",)),
    K("url-streams-30-mb", lambda c: c.indexed("add", c.url("/endless")), ("larger than 20 mb",)),
    K("url-404", lambda c: c.indexed("add", c.url("/missing")), ("not found",)),
    K("url-500", lambda c: c.indexed("add", c.url("/broken")), ("internal server error",)),
    K("url-redirect-loop", lambda c: c.indexed("add", c.url("/loop")), ("redirect",)),
    K("url-pdf", lambda c: c.indexed("add", c.url("/pdf")), ("/pdf",)),
    K("url-image", lambda c: c.indexed("add", c.url("/png")), ("/png",)),
    K("url-page-with-no-article", lambda c: c.indexed("add", c.url("/nav")), ("/nav",)),
    # --- bad options and environment
    K("unknown-command", lambda c: c.indexed("frobnicate"), ("frobnicate",)),
    K("unknown-option", lambda c: c.indexed("stats", "--frobnicate"), ("--frobnicate",)),
    K("add-without-sources", lambda c: c.indexed("add"), ("sources",)),
    K("report-unknown-format", lambda c: c.indexed("report", "--format", "pdf"), ("unknown format",)),
    K("report-unknown-relation", lambda c: c.indexed("report", "--relation", "nope"), ("unknown relation",)),
    K("report-min-score-above-1", lambda c: c.indexed("report", "--min-score", "2"), ("0..1",)),
    K("report-min-score-not-a-number", lambda c: c.indexed("report", "--min-score", "alta"), ("alta",)),
    K("report-unknown-verdict", lambda c: c.indexed("report", "--verdict", "maybe"), ("maybe",)),
    K("search-k-zero", lambda c: c.indexed("search", "armas", "-k", "0"), ("-k",)),
    K("search-k-not-a-number", lambda c: c.indexed("search", "armas", "-k", "muchos"), ("muchos",)),
    K("search-empty-text", lambda c: c.indexed("search", "   "), ("empty",)),
    K("env-fetch-timeout-not-a-number",
      lambda c: c.with_env(VERIFY_FETCH_TIMEOUT="soon").indexed("add", c.url("/page")),
      ("verify_fetch_timeout",)),
    K("env-fetch-timeout-negative", lambda c: c.with_env(VERIFY_FETCH_TIMEOUT="-3").indexed("add", c.url("/page")),
      ("verify_fetch_timeout",)),
    K("env-progress-seconds-not-a-number", lambda c: c.with_env(VERIFY_PROGRESS_SECONDS="often")
      .indexed("add", c.file("vacia.txt")), ("verify_progress_seconds",)),
    K("env-encoder-backend-unknown", lambda c: c.with_env(VERIFY_ENCODER_BACKEND="quantum")
      .no_index("add", str(SEED_000)), ("quantum",)),
    K("env-nli-unknown", _unknown_judge_with_pairs_to_judge, ("no-such-judge-xyz",)),
    K("model-not-the-index-model", lambda c: c.indexed("--model", "otro-modelo", "add", str(SEED_002)),
      ("built with model 'fake'",)),
    K("model-unknown", lambda c: c.no_index("--model", "no-such-model-xyz", "add", str(SEED_000)),
      ("no-such-model-xyz",)),
    # --- damaged indexes
    K("db-foreign-sqlite", _foreign_sqlite, ("not a readable verify index",)),
    K("db-zero-bytes", lambda c: _then(c.indexed("report"), _truncate(c.db, 0)), ("no verify index",)),
    K("db-truncated", lambda c: _then(c.indexed("claims"), _truncate(c.db, 8192)),
      ("not a readable verify index",)),
    K("db-garbage", lambda c: _then(c.indexed("links"), c.db.write_bytes(_noise(94_208))),
      ("not a readable verify index",)),
    K("db-scribbled-pages", lambda c: _then(c.indexed("check"), _scribble(c, 4096, b"\xff" * 8192)),
      ("restore a backup",)),
    K("db-newer-schema",
      lambda c: _then(c.indexed("stats"), c.sql("UPDATE meta SET value='999' WHERE key='schema_version'")),
      ("schema version 999",)),
    K("db-hot-journal-read-only-folder", _hot_journal_in_a_read_only_folder, ("journal",)),
    K("vectors-missing", lambda c: _then(c.indexed("check"), c.vectors.unlink()), ("vector",)),
    K("vectors-missing-search", lambda c: _then(c.faked().indexed("search", "armas"), c.vectors.unlink()), ("vector",)),
    K("vectors-other-dimension", _vectors_of_another_dimension, ("dimension",)),
    K("vectors-garbage", lambda c: _then(c.indexed("check"), c.vectors.write_bytes(_noise(4050))),
      ("vector",)),
    K("vectors-truncated-search", lambda c: _then(c.faked().indexed("search", "armas"), _truncate(c.vectors, 100)),
      ("vector",)),
    K("vectors-named-outside",
      lambda c: _then(c.indexed("check"), c.sql("UPDATE meta SET value='../fuera.faiss' WHERE key='vectors_file'")),
      ("never writes",)),
    K("vectors-half-written-leftover",
      lambda c: _then(c.indexed("check"), c.file("ix/vectors-000009.faiss.tmp", b"half")), ("half-written",)),
    K("full-disk-add", _full_disk_add, ("cannot write the index",)),
    # --- commands on a missing or empty index, and where they write
    K("missing-index-stats", lambda c: c.no_index("stats"), ("no verify index",)),
    K("missing-index-claims", lambda c: c.no_index("claims"), ("no verify index",)),
    K("missing-index-links", lambda c: c.no_index("links"), ("no verify index",)),
    K("missing-index-report", lambda c: c.no_index("report"), ("no verify index",)),
    K("missing-index-search", lambda c: c.no_index("search", "armas"), ("no verify index",)),
    K("missing-index-check", lambda c: c.no_index("check"), ("no verify index",)),
    K("missing-index-backup", lambda c: c.no_index("backup", "copia"), ("no verify index",)),
    K("missing-index-export", lambda c: c.no_index("export", "--claimreview", "-"), ("no verify index",)),
    K("missing-index-rebuild", lambda c: c.no_index("rebuild"), ("no verify index",)),
    K("empty-index-search", lambda c: c.emptied("search", "armas"), ("empty",)),
    K("claims-unknown-article", lambda c: c.indexed("claims", "no-such-article"), ("no-such-article",)),
    K("links-unknown-target", lambda c: c.indexed("links", "99999"), ("99999",)),
    K("backup-to-non-empty-folder", lambda c: c.indexed("backup", c.folder("copia", {"mio.txt": "mine"})),
      ("not an empty folder",)),
    K("backup-to-a-file", lambda c: c.indexed("backup", c.file("copia.txt", "mine")), ("copia.txt",)),
    K("backup-to-unwritable-place", lambda c: c.indexed("backup", "/sys/verify-bad-inputs-backup"),
      ("cannot write the backup",)),
    K("backup-disk-full", lambda c: c.disk_room(20_000).indexed("backup", "copia"), ("cannot write the backup",)),
    K("report-out-missing-folder", lambda c: c.indexed("report", "--out", "no/hay/r.md"), ("r.md",)),
    K("report-out-is-a-folder", lambda c: c.indexed("report", "--out", c.folder("salida")), ("salida",)),
    K("report-out-disk-full", lambda c: c.disk_room(10).indexed("report", "--out", "r.md"), ("r.md",)),
    K("export-to-missing-folder", lambda c: c.indexed("export", "--claimreview", "no/hay/cr.json"), ("cr.json",)),
    # --- labelled files for `verify eval`, and the other commands that read files
    K("eval-checkworthy-wrong-columns", lambda c: c.no_index("eval", "checkworthy", "--data",
                                                             c.file("cw.tsv", "id\tbody\tlabel\n1\tx\t1\n")),
      ("text column",)),
    K("eval-checkworthy-wrong-label", lambda c: c.no_index("eval", "checkworthy", "--data", c.file(
        "cw.tsv", CHECKWORTHY_HEADER + "1\tEl paro bajó.\tMaybe\n")), ("maybe",)),
    K("eval-checkworthy-no-rows", lambda c: c.no_index("eval", "checkworthy", "--data",
                                                       c.file("cw.tsv", CHECKWORTHY_HEADER)), ("no rows",)),
    K("eval-sts-score-not-a-number", lambda c: c.faked().no_index("eval", "sts", "--data",
                                                                  c.file("sts.csv", "Uno,Dos,alta\n")), ("line 1",)),
    K("eval-nli-wrong-label", lambda c: c.faked().no_index("eval", "nli", "--nli", "none", "--data", c.file(
        "nli.jsonl", json.dumps({"premise": "A", "hypothesis": "B", "label": "maybe"}) + "\n")), ("line 1",)),
    K("eval-nli-wrong-columns", lambda c: c.faked().no_index("eval", "nli", "--nli", "none", "--data",
                                                             c.file("nli.tsv", "A\tB\n")), ("line 1",)),
    K("eval-pairs-wrong-label", lambda c: c.faked().no_index("eval", "pairs", "--nli", "none", "--data", c.file(
        "pairs.jsonl", json.dumps({"a": "A", "b": "B", "label": "maybe"}) + "\n")), ("line 1",)),
    K("eval-pairs-not-json", lambda c: c.faked().no_index("eval", "pairs", "--nli", "none", "--data",
                                                          c.file("pairs.jsonl", "no es json\n")), ("line 1",)),
    K("eval-data-missing", lambda c: c.no_index("eval", "checkworthy", "--data", "no-existe.tsv"), ("no-existe.tsv",)),
    K("eval-unknown-task", lambda c: c.no_index("eval", "magia", "--data", c.file("x.tsv", "a\tb\n")), ("magia",)),
    K("compare-one-text", lambda c: c.no_index("compare", "--nli", "none", "solo uno"), ("two texts",)),
    K("compare-empty-text", lambda c: c.faked().no_index("compare", "--nli", "none", "", "Rusia envió armas."),
      ("empty",)),
    K("compare-pairs-missing", lambda c: c.no_index("compare", "--nli", "none", "--pairs", "no-existe.jsonl"),
      ("no-existe.jsonl",)),
    K("extract-missing-file", lambda c: c.no_index("extract", "no-existe.txt"), ("no-existe.txt",)),
    K("extract-binary-file", lambda c: c.no_index("extract", c.file("bin.txt", bytes(range(256)) * 20)), ("binary",)),
    K("extract-jsonl-not-json", lambda c: c.no_index("extract", "--jsonl", c.file("x.jsonl", "no es json\n")),
      ("x.jsonl",)),
]
del K


# ------------------------------------------------------------------------------ the shared setting


@dataclasses.dataclass
class Setting:
    folder: Path  # where the cases' folders go
    base: Path  # a small real index: one seed article, fake model (64 dimensions)
    empty: Path  # an index made and committed to, with no article yet
    url: str  # the hostile HTTP server
    closed_port: int  # a port nobody listens on


def _handler(stop: threading.Event):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self):
            try:
                self.respond()
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def respond(self):
            path = self.path
            if path == "/page":
                self.body(200, "text/html; charset=utf-8", PAGE)
            elif path == "/nav":
                self.body(200, "text/html; charset=utf-8", NAV_ONLY)
            elif path == "/pdf":
                self.body(200, "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + _noise(2000))
            elif path == "/png":
                self.body(200, "image/png", b"\x89PNG\r\n\x1a\n" + _noise(2000))
            elif path == "/missing":
                self.send_error(404)
            elif path == "/broken":
                self.send_error(500)
            elif path == "/loop":
                self.send_response(302)
                self.send_header("Location", "/loop")
                self.end_headers()
            elif path == "/huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(30 * 2**20))
                self.end_headers()
                self.wfile.write(b"<html>" + b"a" * 1000)
            elif path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"<p>" + b"palabra " * 8000 + b"</p>\n"
                for _ in range(30 * 2**20 // len(chunk) + 1):
                    if stop.is_set():
                        return
                    self.wfile.write(chunk)
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(10**6))
                self.end_headers()
                while not stop.is_set():
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    stop.wait(0.5)
            else:
                self.send_error(404)

        def body(self, code: int, content_type: str, data: bytes):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def serving() -> Iterator[str]:
    """The hostile HTTP server on 127.0.0.1 (a free port); stopped on exit."""
    stop = threading.Event()
    with http_server(_handler(stop), stop) as base:
        yield base


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("VERIFY_") and k != "VERIFY_CACHE") and k.lower() not in ("http_proxy", "https_proxy")}
    env.update({"VERIFY_NLI": "none", "no_proxy": "*", "NO_PROXY": "*", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


@contextmanager
def prepared(folder: Path) -> Iterator[Setting]:
    """The base index (built once: `verify add` of one seed, with the fake encoder), an empty index and
    the server, for all the cases."""
    from verify.store import ClaimIndex

    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "base-index"
    built = subprocess.run([sys.executable, "-c", FAKE_BOOT, "--index", str(base), "add", str(SEED_000)],
                           capture_output=True, text=True, env=_environment({}), cwd=folder, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    empty = folder / "empty-index"
    index = ClaimIndex.open(empty, create=True)
    with index.batch():
        pass
    index.close()
    with serving() as url:
        yield Setting(folder=folder, base=base, empty=empty, url=url, closed_port=_closed_port())


# --------------------------------------------------------------------------------- running a kind


def snapshot(path: Path) -> dict[str, str]:
    """Every entry at and under `path`, links not followed: a file's content hash, a link's target, a
    folder or other kind; the index's lock files left out. {} when nothing is there."""
    found = {}

    def entry(p: Path, rel: str) -> None:
        st = os.lstat(p)
        if stat.S_ISLNK(st.st_mode):
            found[rel] = "link to " + os.readlink(p)
        elif stat.S_ISREG(st.st_mode):
            digest = hashlib.sha256()
            with open(p, "rb") as fh:
                while block := fh.read(1 << 20):
                    digest.update(block)
            found[rel] = digest.hexdigest()
        elif stat.S_ISDIR(st.st_mode):
            found[rel] = "folder"
        else:
            found[rel] = "special"

    if not os.path.lexists(path):
        return found
    entry(path, ".")
    if path.is_dir() and not path.is_symlink():
        for dirpath, dirnames, filenames in os.walk(path):
            for name in dirnames + filenames:
                if name not in LOCK_FILES:
                    p = Path(dirpath) / name
                    entry(p, str(p.relative_to(path)))
    return found


def _changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return ([f"+{k}" for k in sorted(after.keys() - before.keys())]
            + [f"-{k}" for k in sorted(before.keys() - after.keys())]
            + [f"~{k}" for k in sorted(before.keys() & after.keys()) if before[k] != after[k]])


@dataclasses.dataclass
class Outcome:
    kind: Kind
    argv: list[str]
    exit: int | None  # None: still running at the deadline (then killed)
    stdout: str
    stderr: str
    changes: list[str]  # what changed in the case folder and the index: [] when untouched
    repair: str | None  # the repair run because the message named it, and how it went; None if none
    repaired: bool | None
    seconds: float
    skipped: str | None = None

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()

    def problems(self) -> list[str]:
        if self.skipped:
            return []
        problems = []
        if self.exit is None:
            problems.append("still running at the deadline")
        elif self.exit != 2:
            problems.append(f"exit {self.exit}")
        text = self.stderr.rstrip("\n")
        if not text.strip() or "\n" in text:
            problems.append(f"{len(self.lines)} lines on stderr")
        if "Traceback" in self.stdout + self.stderr:
            problems.append("traceback")
        missing = [w for w in self.kind.words if w.lower() not in self.stderr.lower()]
        if missing:
            problems.append(f"message lacks {missing}")
        if self.repair is not None and not self.repaired:
            problems.append(f"the repair the message names failed ({self.repair})")
        if self.changes and not self.repaired:
            problems.append(f"changed on disk: {' '.join(self.changes[:5])}")
        return problems

    def command(self) -> str:
        text = "verify " + shlex.join(self.argv)
        text = re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)
        return text.replace(str(ROOT) + "/", "")

    def describe(self) -> str:
        return (f"{self.kind.id}: {self.command()}\n  problems: {self.problems()}\n  exit: {self.exit}\n"
                f"  stderr: {self.stderr[-3000:]!r}\n  stdout: {self.stdout[-1000:]!r}")


def _run(case: Case, argv: list[str], *, fake: bool, env: dict[str, str] | None = None,
         limit: int | None = None, timeout: float = 600) -> tuple[int | None, str, str]:
    cmd = [sys.executable, "-c", FAKE_BOOT, *argv] if fake else [str(VERIFY), *argv]

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    try:
        done = subprocess.run(cmd, input=case.stdin, capture_output=True, env=_environment(env or {}), cwd=case.root,
                              timeout=timeout, preexec_fn=limited if limit is not None else None)
    except subprocess.TimeoutExpired as exc:  # run() has killed the command it started
        return None, (exc.stdout or b"").decode(errors="replace"), (exc.stderr or b"").decode(errors="replace")
    return done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")


def run_kind(kind: Kind, setting: Setting) -> Outcome:
    """Build the case in its own folder, run its command, and see what it said and what it changed."""
    root = setting.folder / "cases" / kind.id
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    case = Case(root, setting)
    try:
        try:
            argv = kind.build(case)
        except pytest.skip.Exception as exc:
            return Outcome(kind, [], None, "", "", [], None, None, 0.0, skipped=str(exc))
        watched = [root] if case.ix.is_relative_to(root) else [root, case.ix]
        before = [snapshot(p) for p in watched]
        index_existed = bool(snapshot(case.ix))
        started = time.monotonic()
        code, out, err = _run(case, argv, fake=case.fake, env=case.env, limit=case.file_size_limit,
                              timeout=case.timeout)
        seconds = time.monotonic() - started
        for cleanup in case.cleanups:
            cleanup()
        case.cleanups.clear()
        changes = [c for b, p in zip(before, watched) for c in _changes(b, snapshot(p))]
        repair = repaired = None
        if "verify rebuild" in err and index_existed:
            repair = "verify --index ix rebuild, then verify --index ix check"
            rebuilt = _run(case, ["--index", str(case.ix), "rebuild"], fake=True)
            checked = _run(case, ["--index", str(case.ix), "check"], fake=False)
            repaired = rebuilt[0] == 0 and checked[0] == 0 and checked[1].strip().endswith(": ok")
            if not repaired:
                repair += f": rebuild exit {rebuilt[0]} {rebuilt[2].strip()[-300:]!r}; " \
                          f"check exit {checked[0]} {checked[2].strip()[-300:]!r}"
        return Outcome(kind, argv, code, out, err, changes, repair, repaired, seconds)
    finally:
        for cleanup in case.cleanups:
            cleanup()
        shutil.rmtree(root, ignore_errors=True)


# ------------------------------------------------------------------------------------------ tests


@pytest.fixture(scope="module")
def setting(tmp_path_factory) -> Iterator[Setting]:
    with prepared(tmp_path_factory.mktemp("bad-inputs")) as ready:
        yield ready


def test_the_table_has_45_distinct_kinds():
    ids = [k.id for k in KINDS]
    assert len(ids) == len(set(ids)) and len(ids) >= 45


@pytest.mark.parametrize("kind", KINDS, ids=[k.id for k in KINDS])
def test_bad_input_is_one_clear_line_exit_2_and_changes_nothing(setting, kind):
    outcome = run_kind(kind, setting)
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    assert not outcome.problems(), outcome.describe()

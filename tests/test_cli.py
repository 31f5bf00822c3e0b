"""The CLI as a user drives it: bad input gives one line, exit 2, and leaves the index as it was.

These run in-process with the fake encoder standing in for the model (`load_encoder` patched), so they
are fast; tests/test_e2e.py and the e2e-marked tests elsewhere run the real model.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from verify import embed
from verify.cli import cli

SEED_000 = next(SEEDS.glob("000_*.txt"))
SEED_002 = next(SEEDS.glob("002_*.txt"))


@pytest.fixture
def run(monkeypatch, tmp_path):
    monkeypatch.setattr(embed, "load_encoder", lambda name=None, **kw: embed.FakeEncoder(64, name=name or "fake"))
    monkeypatch.setenv("VERIFY_NLI", "none")  # the rules alone: the judge is tested in test_judge.py and e2e
    index = tmp_path / "ix"

    def invoke(*args: str, input: str | None = None):
        result = CliRunner().invoke(cli, ["--index", str(index), *args], input=input, catch_exceptions=False)
        return result

    invoke.index = index
    return invoke


def _snapshot(path: Path) -> dict[str, str]:
    """Content hash of every file in the index directory (the lock file aside)."""
    if not path.exists():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in path.iterdir() if p.name != ".lock"}


def test_add_logs_progress_lines_when_stderr_is_not_a_terminal(run, monkeypatch):
    monkeypatch.setenv("VERIFY_PROGRESS_SECONDS", "0")
    result = run("add", str(SEED_000), str(SEED_002))
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("adding articles: ")]
    assert lines and lines[-1].startswith("adding articles: 2/2 (100 %), ")


def test_report_logs_progress_on_stderr_and_leaves_stdout_the_report(run, monkeypatch, tmp_path):
    for country in ("Rusia", "Irán"):
        (tmp_path / f"a_{country}.txt").write_text(
            f"El portavoz John Kirby dijo que Corea del Norte suministró armas a {country}.\n", encoding="utf-8")
        (tmp_path / f"b_{country}.txt").write_text(
            f"El portavoz Dmitri Peskov dijo que Corea del Norte no suministró armas a {country}.\n", encoding="utf-8")
    assert run("add", str(tmp_path)).exit_code == 0
    quiet = run("report", "--relation", "all", "--format", "json")
    monkeypatch.setenv("VERIFY_PROGRESS_SECONDS", "0")
    logged = run("report", "--relation", "all", "--format", "json")
    links = len(json.loads(logged.stdout)["links"])
    assert links >= 2
    assert logged.stdout == quiet.stdout
    lines = [line for line in logged.stderr.splitlines() if line.startswith("building the report: ")]
    assert lines and lines[-1].startswith(f"building the report: {links}/{links} (100 %)")


def test_add_then_readd_is_a_noop(run):
    first = run("add", str(SEED_000), str(SEED_002))
    assert first.exit_code == 0, first.output
    assert "2 added" in first.output and "0 rejected" in first.output
    before = _snapshot(run.index)
    again = run("add", str(SEED_000), str(SEED_002))
    assert again.exit_code == 0
    assert "0 added" in again.output and "2 unchanged" in again.output
    assert _snapshot(run.index) == before


def test_changed_article_replaces_only_its_claims(run, tmp_path):
    a = tmp_path / "nota.txt"
    a.write_text("El ministro dijo que el presupuesto subió un 20 % este año.\n", encoding="utf-8")
    assert run("add", str(a), str(SEED_002)).exit_code == 0
    other = json.loads(run("claims", SEED_002.stem, "--json").output)
    a.write_text("El ministro dijo que el presupuesto bajó un 5 % este año.\n", encoding="utf-8")
    result = run("add", str(a))
    assert "1 replaced" in result.output
    claims = json.loads(run("claims", "nota", "--json").output)
    assert any("bajó" in c["text"] for c in claims) and not any("subió" in c["text"] for c in claims)
    assert json.loads(run("claims", SEED_002.stem, "--json").output) == other


BAD_FILES = {
    "empty.txt": (b"", "empty"),
    "binary.txt": (bytes(range(256)) * 20, "binary"),
    "latin.txt": ("El ministro dijo".encode("utf-16-le")[1:] + b"\xff\xfe\x00\xd8", ""),
    "broken.jsonl": (b'{"text": "Una linea buena con bastante texto para ser un articulo."}\n{"text": \n', "line 2"),
    "notext.csv": (b"title,body\nA,B\n", "text"),
    "empty.html": (b"<html><body><nav><a href='/'>Inicio</a></nav></body></html>", ""),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_one_line_exit_2_index_untouched(run, tmp_path, name):
    assert run("add", str(SEED_000)).exit_code == 0
    before = _snapshot(run.index)
    data, expected = BAD_FILES[name]
    bad = tmp_path / name
    bad.write_bytes(data)
    result = run("add", str(bad))
    assert result.exit_code == 2
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected:")]
    assert len(rejected) == 1 and name in rejected[0] and expected in rejected[0].lower()
    if name != "broken.jsonl":  # its good first line is added, which is the point of per-line rejection
        assert _snapshot(run.index) == before


def test_huge_file_rejected_without_reading(run, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB that would take long to read
    result = run("add", str(big))
    assert result.exit_code == 2 and "big.txt" in result.stderr and "MB" in result.stderr


def test_batch_with_bad_files_adds_the_good_ones(run, tmp_path):
    folder = tmp_path / "lote"
    folder.mkdir()
    shutil.copy(SEED_000, folder)
    (folder / "vacio.txt").write_text("   \n")
    (folder / "roto.json").write_text("{no es json")
    result = run("add", str(folder))
    assert result.exit_code == 2
    assert "1 added" in result.output and "2 rejected" in result.output
    assert "vacio.txt" in result.stderr and "roto.json" in result.stderr


def test_nothing_added_leaves_no_index(run, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert run("add", str(empty)).exit_code == 2
    assert not run.index.exists()


def test_index_from_another_model_refused(run):
    assert run("add", str(SEED_000)).exit_code == 0
    before = _snapshot(run.index)
    result = run("--model", "otro-modelo", "add", str(SEED_002))
    assert result.exit_code == 2
    assert "built with model 'fake'" in result.stderr and "rebuild" in result.stderr
    assert _snapshot(run.index) == before


def test_unknown_relation_format_and_score(run):
    assert run("add", str(SEED_000)).exit_code == 0
    for args, needle in ((["--relation", "nope"], "unknown relation"), (["--format", "pdf"], "unknown format"),
                         (["--min-score", "2"], "outside 0..1")):
        result = run("report", *args)
        assert result.exit_code == 2 and needle in result.stderr


def test_stats_names_links_made_by_other_rules_or_another_judge(run):
    from verify.match import MATCHER_VERSION
    from verify.records import Link, Relation
    from verify.store import ClaimIndex

    assert run("add", str(SEED_002)).exit_code == 0
    with ClaimIndex.open(run.index, writable=True) as index:
        a, b, c = [c.id for c in index.claims()][:3]
        with index.batch():
            index.add_links([Link(a=a, b=b, relation=Relation.SUPPORTS, score=0.6, reason="old", similarity=0.9,
                                  version="rules-0"),
                             Link(a=a, b=c, relation=Relation.SUPPORTS, score=0.6, reason="rules", similarity=0.9,
                                  version=MATCHER_VERSION)])
    out = run("stats").output  # VERIFY_NLI=none: links of the rules alone are this verify's own
    assert "other matcher rules or judge (1 by rules-0)" in out and MATCHER_VERSION in out and "verify rebuild" in out
    assert json.loads(run("stats", "--json").output)["link_versions"]["rules-0"] == 1
    # With the judge on (the default), the links made without it are flagged too.
    judged = run("stats", "--nli", "default").output
    assert f"(1 by rules-0, 1 by {MATCHER_VERSION})" in judged and f"this verify has {MATCHER_VERSION}+judge" in judged


def test_search_and_stats(run):
    assert run("add", str(SEED_002)).exit_code == 0
    hits = json.loads(run("search", "contenedores de equipamiento militar", "-k", "3", "--json").output)
    assert len(hits) == 3 and "contenedores" in hits[0]["claim"]["text"]
    # Typed with Cyrillic look-alikes ("о", "е"), as a disguised text would carry it: the same hits.
    disguised = json.loads(run("search", "cоntenedоres de equipamiеnto militar", "-k", "3", "--json").output)
    assert disguised == hits
    stats = json.loads(run("stats", "--json").output)
    assert stats["articles"] == 1 and stats["claims"] >= 5 and stats["model"] == "fake"


def _verify(*args: str, env=None, user: bool = False) -> subprocess.CompletedProcess:
    """Run the installed `verify` in a subprocess (as an unprivileged user when `user`)."""
    cmd = [str(Path(sys.executable).parent / "verify"), *args]
    if user:
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def test_main_turns_errors_into_one_line_and_exit_2(tmp_path):
    result = _verify("--index", str(tmp_path / "missing"), "claims")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no verify index here" in result.stderr


def _as_nobody(*args: str) -> tuple[int, str]:
    """Run the CLI in a forked child that has dropped to `nobody` (exit code, stderr).

    Everything the command imports is imported before the drop, so the child never reads the
    project's or the venv's files as `nobody`: the test passes wherever the clone lives (a private
    `mktemp -d`, a home folder with mode 700), and only the index folder's permissions count.
    """
    import verify.pipeline  # noqa: F401  (what `add` imports lazily)
    import verify.store.index  # noqa: F401

    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            result = CliRunner().invoke(cli, list(args))
            os.write(write, json.dumps([result.exit_code, result.stderr]).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    code, stderr = json.loads(data)
    return code, stderr


def test_read_only_index_directory(tmp_path):
    """As root, permissions do not bind: the CLI runs as `nobody` so the directory is really read-only."""
    base = Path(tempfile.mkdtemp())
    try:
        os.chmod(base, 0o755)
        index = base / "ix"
        r = CliRunner().invoke(cli, ["--index", str(index), "stats"])  # no index yet
        assert r.exit_code != 0
        from verify.store import ClaimIndex

        ClaimIndex.open(index, create=True).close()
        os.chmod(index, 0o555)
        before = _snapshot(index)
        code, stderr = _as_nobody("--index", str(index), "add", str(SEED_000))
        assert code == 2, stderr
        assert "read-only" in stderr and stderr.count("\n") == 1
        assert _snapshot(index) == before
    finally:
        os.chmod(base, 0o755)
        shutil.rmtree(base, ignore_errors=True)


def test_compare_two_texts_and_bad_ones(run):
    result = run("compare", "Rusia envió armas a Libia.", "Rusia no envió armas a Libia.", "--json")
    verdict = json.loads(result.output)
    assert verdict["relation"] == "contradicts" and 0 <= verdict["score"] <= 1 and "denies" in verdict["reason"]
    empty = run("compare", "", "Rusia envió armas.")
    assert empty.exit_code == 2 and "empty" in empty.stderr
    huge = run("compare", "palabra " * 13000, "Rusia envió armas.")
    assert huge.exit_code == 2 and "characters" in huge.stderr
    assert run("compare", "solo uno").exit_code == 2


def test_compare_pairs_file_reports_broken_line_and_answers_the_rest(run, tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"a": "El paro en España subió en marzo un 5 %.", '
                     '"b": "El paro en España bajó en marzo un 5 %.", "id": 1}\n'
                     '{"a": "sin b"}\n'
                     "esto no es json\n"
                     '{"a": "Chile exportó cobre.", "b": "Chile exportó cobre."}\n', encoding="utf-8")
    result = run("compare", "--pairs", str(pairs))
    assert result.exit_code == 2
    lines = [json.loads(l) for l in result.stdout.splitlines()]
    assert [set(l) for l in lines] == [{"relation", "score", "reason"}] * 2
    assert lines[0]["relation"] == "contradicts" and lines[1]["relation"] == "repeats"
    assert "pairs.jsonl:2" in result.stderr and "pairs.jsonl:3" in result.stderr


def test_eval_checkworthy_on_a_small_file(run, tmp_path):
    data = tmp_path / "cw.tsv"
    data.write_text("topic\ttweet_id\ttweet_url\ttweet_text\tclass_label\n"
                    "x\t1\tu\tEl gobierno gastó 3.000 millones de euros en 2020, según el informe oficial.\t1\n"
                    "x\t2\tu\t¡Buenos días a todos!\t0\n", encoding="utf-8")
    result = run("eval", "checkworthy", "--data", str(data), "--json")
    figures = json.loads(result.output)
    assert figures["items"] == 2 and sum(map(sum, figures["confusion"])) == 2
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\n1\t2\n")
    result = run("eval", "checkworthy", "--data", str(bad))
    assert result.exit_code == 2 and "tweet_text" in result.stderr


def test_eval_nli_on_the_odd_rows(run, tmp_path):
    data = tmp_path / "nli.tsv"
    data.write_text("El museo abre los lunes.\tEl museo abre los lunes.\t0\n"
                    "El museo abre los lunes.\tEl museo no abre los lunes.\t2\n"
                    "La fábrica cerró en 2020.\tMañana lloverá en Quito.\t1\n", encoding="utf-8")
    figures = json.loads(run("eval", "nli", "--data", str(data), "--rows", "odd", "--json").stdout)
    assert figures["rows"] == "odd" and figures["pairs"] == 1
    result = run("eval", "sts", "--data", str(data), "--rows", "odd")
    assert result.exit_code == 2 and "--rows is for the nli task only" in result.output


def test_rebuild_with_another_model_keeps_articles_and_ratings(run):
    from verify.store import ClaimIndex

    assert run("add", str(SEED_000), str(SEED_002)).exit_code == 0
    before = json.loads(run("claims", "--json").output)
    with ClaimIndex.open(run.index, writable=True) as index:
        rated = index.claims(article_id=SEED_002.stem)[3]
        with index.batch():
            index.set_claim_rating(rated.id, "false", "no evidence shown")
    result = run("--model", "otro-modelo", "rebuild")
    assert result.exit_code == 0 and "2 added" in result.output
    after = json.loads(run("--model", "otro-modelo", "claims", "--json").output)
    assert [(c["article_id"], c["start"], c["text"]) for c in after] == \
        [(c["article_id"], c["start"], c["text"]) for c in before]
    with ClaimIndex.open(run.index) as index:
        assert index.model.name == "otro-modelo"
        ratings = index.claim_ratings()
        (claim_id, (rating, note, _when)), = ratings.items()
        assert index.claim(claim_id).text == rated.text and rating == "false" and note == "no evidence shown"
    assert not run.index.with_name("ix.rebuild").exists() and not run.index.with_name("ix.old").exists()


def test_unknown_model_one_line_and_no_index_left(tmp_path):
    index = tmp_path / "ix"
    result = _verify("--index", str(index), "--model", "no-such-model-xyz", "add", str(SEED_000))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no-such-model-xyz" in result.stderr
    assert not index.exists()


def test_failed_first_add_keeps_the_users_folder(tmp_path):
    index = tmp_path / "ix"
    index.mkdir()
    (index / ".gitkeep").write_text("")
    result = _verify("--index", str(index), "--model", "no-such-model-xyz", "add", str(SEED_000))
    assert result.returncode == 2
    assert sorted(p.name for p in index.iterdir()) == [".gitkeep"]

"""`verify add --ray`: the same claims, links and scores as the single-process path, on a local Ray.

The real models run (the default encoder, the shipped judge, spaCy): equality only means something
with the numbers that depend on batch composition. Each Ray test starts its own local Ray with two
actors per pool and stops it. Without Ray installed they skip, naming the extra to install.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEEDS

from verify.cli import cli
from verify.store import ClaimIndex

pytestmark = pytest.mark.e2e

NEEDS_RAY = "needs Ray for `verify add --ray`: pip install 'verify[team]'"


@pytest.fixture(scope="module")
def ray_module():
    return pytest.importorskip("ray", reason=NEEDS_RAY)


def _contents(index: ClaimIndex) -> dict:
    """Everything an add stores that the two paths must agree on, scores and vectors as numbers."""
    claims = [(c.id, c.article_id, c.text, c.start, c.end, c.speaker, c.side, c.cue, str(c.polarity),
               c.checkworthiness, tuple(sorted((e.surface, e.canonical, e.kind) for e in c.entities)))
              for c in index.claims()]
    links = sorted((l.a, l.b, str(l.relation), l.reason, l.version, l.score, l.similarity) for l in index.links())
    ids = index.vectors.ids()
    return {"claims": claims, "links": links, "aliases": sorted(index.aliases()), "sides": sorted(index.sides()),
            "vector_ids": sorted(ids.tolist()), "vectors": {int(i): v for i, v in zip(ids, index.vectors.get(ids))}}


def assert_same(single: dict, ray: dict) -> None:
    assert ray["claims"] == single["claims"]
    assert ray["aliases"] == single["aliases"] and ray["sides"] == single["sides"]
    assert [l[:5] for l in ray["links"]] == [l[:5] for l in single["links"]]  # pairs, relation, reason, version
    for one, other in zip(single["links"], ray["links"]):
        assert other[5] == pytest.approx(one[5], abs=1e-6) and other[6] == pytest.approx(one[6], abs=1e-6)
    assert ray["vector_ids"] == single["vector_ids"]
    for i, vector in single["vectors"].items():
        assert abs(ray["vectors"][i] - vector).max() <= 1e-6


@pytest.fixture(scope="module")
def single_process(tmp_path_factory) -> dict:
    """The seeds added by the single-process path, with the real models, two articles a batch."""
    from verify.embed import load_encoder
    from verify.judge import load_judge
    from verify.pipeline import add_sources, make_extractor

    folder = tmp_path_factory.mktemp("single") / "ix"
    with ClaimIndex.open(folder, create=True) as index:
        summary = add_sources(index, [str(SEEDS)], encoder=load_encoder(), extractor=make_extractor(index),
                              judge=load_judge(), batch_size=2)
        assert summary.added == 5 and summary.links > 0  # the comparison below is not of empties
        return _contents(index)


def test_ray_path_stores_the_same_claims_links_and_scores(ray_module, single_process, tmp_path, monkeypatch):
    """Several batches (two articles each), so parses arrive ahead and encodings overlap linking."""
    from verify.scale.ray_ingest import RayIngest

    monkeypatch.setenv("VERIFY_RAY_ACTORS", "2")
    with ClaimIndex.open(tmp_path / "ix", create=True) as index, RayIngest() as ray_ingest:
        assert ray_ingest.actors == 2
        summary = ray_ingest.add_sources(index, [str(SEEDS)], batch_size=2)
        assert summary.added == 5
        assert_same(single_process, _contents(index))
        assert len(ray_ingest.pool("parsers").handles) == len(ray_ingest.pool("judges").handles) == 2
    assert not ray_module.is_initialized()  # the session stopped the Ray it started


def test_ray_path_into_the_shared_postgresql_store_stores_the_same(ray_module, single_process, pg_url):
    """Team mode: the Ray path writing to PostgreSQL gives what the single-process path gave in SQLite."""
    from verify.scale.ray_ingest import RayIngest
    from verify.store.postgres import open_store

    with open_store(pg_url, writable=True, create=True) as index, RayIngest(actors=2) as ray_ingest:
        summary = ray_ingest.add_sources(index, [str(SEEDS)], batch_size=2)
        assert summary.added == 5
        assert_same(single_process, _contents(index))


def test_cli_add_with_ray_end_to_end(ray_module, single_process, tmp_path):
    """`verify add FILES --ray` in its own process (a local Ray of its own), then re-adding is a no-op."""
    env = {**os.environ, "VERIFY_RAY_ACTORS": "2"}
    verify = [str(Path(sys.executable).parent / "verify")]
    index = tmp_path / "ix"
    # The batches of the fixture (two articles) are not the CLI's (16): every seed is added by one call
    # here, so compare with a single-process CLI run of the same command instead of with the fixture.
    ray_run = subprocess.run([*verify, "--index", str(index), "add", str(SEEDS), "--ray"], capture_output=True,
                             text=True, env=env, cwd=ROOT, timeout=600)
    assert ray_run.returncode == 0, ray_run.stderr
    assert ray_run.stdout.startswith("articles: 5 added")
    single_run = subprocess.run([*verify, "--index", str(tmp_path / "single"), "add", str(SEEDS)],
                                capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert single_run.returncode == 0, single_run.stderr
    assert ray_run.stdout.split("; time:")[0] == single_run.stdout.split("; time:")[0]
    with ClaimIndex.open(index) as ray_index, ClaimIndex.open(tmp_path / "single") as single_index:
        assert_same(_contents(single_index), _contents(ray_index))
    again = subprocess.run([*verify, "--index", str(index), "add", str(SEEDS), "--ray"], capture_output=True,
                           text=True, env=env, cwd=ROOT, timeout=600)
    assert again.returncode == 0 and "0 added, 5 unchanged" in again.stdout


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free once closed: nothing listens there


def test_an_unreachable_cluster_is_one_line_and_exit_2(ray_module, tmp_path):
    index = tmp_path / "ix"
    result = CliRunner().invoke(cli, ["--index", str(index), "add", str(SEEDS), f"--ray=127.0.0.1:{_closed_port()}"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "cannot be reached" in result.stderr
    assert not index.exists()  # refused before any index was made


def test_a_malformed_address_says_where_ray_goes(tmp_path):
    result = CliRunner().invoke(cli, ["--index", str(tmp_path / "ix"), "add", str(SEEDS), "--ray", "not an address"])
    assert result.exit_code == 2
    assert "not a Ray address" in result.stderr and "--ray=ADDRESS" in result.stderr


def test_without_ray_installed_the_error_names_the_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError, as when not installed
    index = tmp_path / "ix"
    result = CliRunner().invoke(cli, ["--index", str(index), "add", str(SEEDS), "--ray"])
    assert result.exit_code == 2
    assert result.stderr == "verify: Ray is not installed: install the team extra, pip install 'verify[team]'\n"
    assert not Path(index).exists()

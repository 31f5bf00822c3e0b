"""Static checks, run with the tests so CI runs them: `mypy verify` (the typed seams of verify.protocols
hold, see its docstring) and `ruff check` (pyproject.toml's [tool.mypy] and [tool.ruff] say what is checked).

Slow-ish (mypy takes about a minute on a cold cache): marked `static`, so `-m "not static"` skips them
while working. Both print their findings on failure.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from verify.protocols import ClaimExtractor, Encoder, LearningExtractor

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.static


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=900)


def test_mypy_finds_no_error_in_verify():
    pytest.importorskip("mypy", reason="mypy is in the dev extra: pip install -e '.[dev]'")
    done = _run("mypy", "verify")
    assert done.returncode == 0, f"mypy verify:\n{done.stdout}{done.stderr}"


def test_bench_and_training_scripts_call_verify_with_the_arguments_it_takes():
    """The scripts under bench/ and training/ are no package and no test runs them whole; when a verify
    function they call changes its arguments, mypy's call checks are what notice (bench_ray's cost model
    broke so in session 15, unseen until it was next run). Only a missing, unknown or extra argument
    counts here (mypy's call-arg): the scripts are not typed throughout, and their other findings are
    about None checks a script does not need."""
    pytest.importorskip("mypy", reason="mypy is in the dev extra: pip install -e '.[dev]'")
    done = _run("mypy", "bench", "training")
    assert "source file" in done.stdout, f"mypy did not check the scripts:\n{done.stdout}{done.stderr}"
    wrong_calls = [line for line in done.stdout.splitlines() if line.endswith("[call-arg]")]
    assert not wrong_calls, "\n".join(wrong_calls)


def test_ruff_finds_nothing():
    pytest.importorskip("ruff", reason="ruff is in the dev extra: pip install -e '.[dev]'")
    done = _run("ruff", "check", "verify", "tests", "bench", "training")
    assert done.returncode == 0, f"ruff check:\n{done.stdout}{done.stderr}"


def test_the_real_encoder_and_extractor_pass_the_isinstance_checks_the_pipeline_makes():
    """`verify.pipeline` calls an encoder that is not an `Encoder` (a lazy loader) and stores the entity
    tables of a `LearningExtractor` only: the real ones must pass those checks, the stand-ins not."""
    from verify.embed import FakeEncoder
    from verify.extract import Extractor

    assert isinstance(FakeEncoder(), Encoder)
    assert not isinstance(lambda: FakeEncoder(), Encoder)
    extractor: ClaimExtractor = Extractor()
    assert isinstance(extractor, LearningExtractor)

    class Lines:
        def extract_many(self, texts, languages=None, article_ids=None):
            return [[] for _ in texts]

    assert not isinstance(Lines(), LearningExtractor)

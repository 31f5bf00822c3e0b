"""The runtime race (verify/runtime.py): who wins, what is cached, and `verify doctor` for real.

The choosing logic runs on fake candidates and a fake clock: each fake "takes" a fixed time per item
and returns the reference's outputs, or outputs that disagree with them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from verify import runtime
from verify.embed import FakeEncoder
from verify.runtime import Built


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


REFERENCE = FakeEncoder(dim=32)


def fake(clock: Clock, seconds_per_item: float, *, agrees: bool = True, runtime_label: str = "fake-fp32",
         calls: list | None = None):
    """A build() of a fake encoder candidate taking `seconds_per_item` on `clock`."""
    def build() -> Built:
        if calls is not None:
            calls.append(runtime_label)

        def run(items):
            clock.now += seconds_per_item * len(items)
            vectors = REFERENCE.encode(items)
            return vectors if agrees else np.roll(vectors, 1, axis=1)

        return Built(run, runtime_label, value=runtime_label)
    return build


def broken() -> Built:
    raise ImportError("No module named 'fastruntime'")


SENTENCES = [f"frase número {i} sobre el gobierno y la economía" for i in range(20)]


def test_the_fastest_agreeing_candidate_wins():
    clock = Clock()
    candidates = {"torch": fake(clock, 0.05), "slow": fake(clock, 0.08),
                  "fast": fake(clock, 0.01, runtime_label="x-int8")}
    entries, winner = runtime.race(candidates, SENTENCES, runtime.encoder_agreement, clock=clock)
    chosen = [e for e in entries if e.chosen]
    assert [e.backend for e in chosen] == ["fast"] and winner is not None and winner.value == "x-int8"
    rates = {e.backend: e.rate for e in entries}
    assert rates["fast"] == pytest.approx(100.0) and rates["torch"] == pytest.approx(20.0)
    assert all(e.agrees and e.agreement == pytest.approx(1.0) for e in entries)


def test_a_faster_candidate_that_disagrees_is_excluded_and_a_broken_one_is_named():
    clock = Clock()
    candidates = {"torch": fake(clock, 0.05), "wrong": fake(clock, 0.001, agrees=False),
                  "good": fake(clock, 0.02), "missing": broken}
    entries, winner = runtime.race(candidates, SENTENCES, runtime.encoder_agreement, clock=clock)
    by_name = {e.backend: e for e in entries}
    assert not by_name["wrong"].agrees and by_name["wrong"].agreement < runtime.MIN_COSINE
    assert by_name["wrong"].rate is not None and not by_name["wrong"].chosen  # timed, shown, not chosen
    assert by_name["good"].chosen and winner is not None
    assert by_name["missing"].problem == "ImportError: No module named 'fastruntime'"
    assert by_name["missing"].rate is None and not by_name["missing"].agrees


def test_a_candidate_far_behind_after_the_first_round_is_not_timed_again():
    clock = Clock()
    runs = {"torch": 0, "fast": 0, "close": 0}

    def counting(name, seconds):
        inner = fake(clock, seconds)

        def build():
            built = inner()
            run = built.run
            built.run = lambda items: (runs.__setitem__(name, runs[name] + 1), run(items))[1]
            return built
        return build

    entries, _ = runtime.race({"torch": counting("torch", 0.05), "fast": counting("fast", 0.01),
                               "close": counting("close", 0.015)}, SENTENCES, runtime.encoder_agreement,
                              clock=clock, repeats=3)
    # warm-up + rounds: torch, 5x slower, is dropped after its first; the two close ones take turns three times
    assert runs == {"torch": 2, "fast": 4, "close": 4}
    assert [e.backend for e in entries if e.chosen] == ["fast"] and entries[0].rate == pytest.approx(20.0)


def test_the_judge_agrees_only_with_the_same_verdicts_and_close_probabilities():
    reference = np.array([[0.9, 0.05, 0.05], [0.1, 0.2, 0.7]])
    assert runtime.judge_agreement(reference, reference + [[-0.02, 0.01, 0.01], [0, 0.01, -0.01]])[1]
    flipped = np.array([[0.9, 0.05, 0.05], [0.1, 0.7, 0.2]])
    assert not runtime.judge_agreement(reference, flipped)[1]
    moved, ok = runtime.judge_agreement(reference, reference + [[-0.06, 0.03, 0.03], [0, 0, 0]])
    assert moved == pytest.approx(0.06) and not ok  # same verdicts, but a probability moved too far


# ----------------------------------------------------------------------------- the cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFY_CACHE", str(tmp_path))
    return tmp_path / runtime.CACHE_NAME


def choose(calls: list, **kwargs):
    clock = Clock()
    candidates = {"torch": fake(clock, 0.05, calls=calls, runtime_label="torch-fp32"),
                  "fast": fake(clock, 0.01, calls=calls, runtime_label="fast-int8")}
    notes: list[str] = []
    choice, winner = runtime.choose("encoder", "fake-weights", lambda: candidates, threads=2,
                                    note=notes.append, clock=clock, **kwargs)
    return choice, winner, "".join(notes)


def test_the_choice_is_cached_for_the_same_machine_and_reused(cache):
    calls: list[str] = []
    choice, winner, note = choose(calls)
    assert choice.backend == "fast" and winner == "fast-int8" and calls == ["torch-fp32", "fast-int8"]
    assert "choosing the fastest encoder runtime" in note and "fast-int8" in note
    stored = json.loads(cache.read_text())
    assert list(stored["choices"]) == [runtime.identity_key(choice.identity)]
    again, winner, note = choose(calls)
    assert calls == ["torch-fp32", "fast-int8"] and winner is None and note == ""  # no second race
    assert again.backend == "fast" and again.entries == choice.entries
    choose(calls, force=True)  # `verify doctor`: races again whatever the cache says
    assert len(calls) == 4


def test_a_new_cpu_or_runtime_version_means_a_new_race(cache, monkeypatch):
    calls: list[str] = []
    first, _, _ = choose(calls)
    real = runtime.cpu_identity()
    monkeypatch.setattr(runtime, "cpu_identity", lambda: {**real, "extensions": real["extensions"] + ["amx_tile"]})
    second, _, _ = choose(calls)
    assert len(calls) == 4 and second.identity["extensions"][-1] == "amx_tile"
    monkeypatch.setattr(runtime, "runtime_versions", lambda: {"torch": "9.9", "onnxruntime": "absent",
                                                              "openvino": "absent"})
    choose(calls)
    assert len(calls) == 6
    assert len(json.loads(cache.read_text())["choices"]) == 3  # one per identity: a shared home serves several
    monkeypatch.undo()
    monkeypatch.setenv("VERIFY_CACHE", str(cache.parent))
    assert choose(calls)[0].identity == first.identity and len(calls) == 6  # the first machine's is still there


@pytest.mark.parametrize("damage", [b"", b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'{"choices": {"k": 3}}',
                                    "KEY"])
def test_a_damaged_cache_file_is_raced_again_and_rewritten(cache, damage):
    calls: list[str] = []
    choice, _, _ = choose(calls)
    if damage == "KEY":  # valid JSON, right key, wrong record
        damage = json.dumps({"choices": {runtime.identity_key(choice.identity): {"kind": "encoder"}}}).encode()
    cache.write_bytes(damage)
    again, winner, _ = choose(calls)
    assert len(calls) == 4 and winner == "fast-int8" and again.backend == "fast"
    assert runtime.cached(again.identity, cache) is not None  # rewritten whole


def test_no_runtime_at_all_is_a_model_error_naming_each_problem(cache):
    from verify.errors import ModelError

    with pytest.raises(ModelError, match="no runtime for the encoder runs.*torch: ImportError"):
        runtime.choose("encoder", "fake", lambda: {"torch": broken}, threads=1, note=lambda _: None)
    assert not cache.exists()


def test_cpu_identity_names_the_vector_extensions():
    ident = runtime.cpu_identity()
    assert ident["cpu"] and ident["cores"] >= 1
    amx = {f for f in ident["extensions"] if f.startswith("amx")}
    assert set(ident["extensions"]) <= set(runtime.VECTOR_FLAGS) | amx


# ----------------------------------------------------------------------------- load_encoder and the race


@pytest.fixture
def fake_default_model(monkeypatch, tmp_path):
    """load_encoder's default model with fake backends: `built` records which backends were built."""
    from verify import embed

    built: list[str] = []

    def build(model_dir, weights, threads, backend):
        built.append(backend)
        if backend == "openvino":
            raise ImportError("No module named 'openvino'")
        return FakeEncoder(dim=16, name=backend)

    monkeypatch.setattr(embed, "_default_model", lambda: (tmp_path, "fake-weights"))
    monkeypatch.setattr(embed, "_build_default", build)
    monkeypatch.delenv("VERIFY_ENCODER_BACKEND", raising=False)
    return built


def test_a_backend_named_by_the_environment_skips_the_race(fake_default_model, monkeypatch):
    from verify.embed import load_encoder

    monkeypatch.setattr(runtime, "choose", lambda *a, **k: pytest.fail("raced although a backend was named"))
    monkeypatch.setenv("VERIFY_ENCODER_BACKEND", "onnx")
    assert load_encoder().name == "onnx" and fake_default_model == ["onnx"]


def test_a_cached_choice_that_no_longer_builds_falls_back_to_the_next_fastest(fake_default_model, monkeypatch):
    from verify.embed import load_encoder

    entries = [runtime.Entry("torch", rate=10.0, agrees=True), runtime.Entry("onnx", rate=50.0, agrees=True),
               runtime.Entry("openvino", rate=90.0, agrees=True, chosen=True)]
    choice = runtime.Choice("encoder", "openvino", "openvino-bf16", 90.0, {}, entries)
    monkeypatch.setattr(runtime, "choose", lambda *a, **k: (choice, None))
    assert load_encoder().name == "onnx" and fake_default_model == ["openvino", "onnx"]


# ----------------------------------------------------------------------------- verify doctor, for real


@pytest.mark.e2e
def test_verify_doctor_races_both_models_and_says_where_the_cache_is(tmp_path):
    from verify import e5model

    # A cache of its own, sharing the converted models: a race run under the test suite's load must not
    # become the choice the developer's own `verify add` uses afterwards.
    e5model.ensure_default_model()
    (tmp_path / "models").symlink_to(e5model.cache_root() / "models", target_is_directory=True)
    verify = str(Path(sys.executable).parent / "verify")
    out = subprocess.run([verify, "doctor", "--json"], capture_output=True, text=True, timeout=1800,
                         env={**os.environ, "VERIFY_CACHE": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) >= {"machine", "runtimes", "cache", "races"} and set(report["races"]) == {"encoder", "judge"}
    assert report["machine"]["cores"] >= 1 and isinstance(report["machine"]["extensions"], list)
    for kind, race in report["races"].items():
        entries = {e["backend"]: e for e in race["entries"]}
        assert {"openvino", "onnx-int8", "onnx", "torch"} <= set(entries)
        assert entries["torch"]["agrees"] and entries["torch"]["rate"] > 0
        chosen = [e for e in entries.values() if e["chosen"]]
        assert len(chosen) == 1 and chosen[0]["backend"] == race["backend"] and chosen[0]["agrees"]
        assert race["unit"] == {"encoder": "sentences/s", "judge": "pairs/s"}[kind]
        # The winner's rate is a median over the rounds; a runtime dropped after one round keeps that round's
        # rate, at most 1 / DROP_FACTOR of the best first round then, so the winner is within that of any.
        fastest = max(e["rate"] for e in entries.values() if e["agrees"])
        assert race["rate"] >= fastest / runtime.DROP_FACTOR
    assert Path(report["cache"]).parent == tmp_path
    cached = json.loads(open(report["cache"]).read())["choices"]
    assert {c["kind"] for c in cached.values()} >= {"encoder", "judge"}


def test_the_race_times_texts_as_long_as_news_claims_and_checks_the_short_ones():
    # Runtimes rank differently by length (int8 won on ~100-character check sentences here and lost on
    # real claims): the timed texts must be claim-length, the agreement still checked on the check set.
    data = runtime.check_set()
    check, timed = runtime.race_inputs("encoder")
    assert check == data["sentences"] and len(timed) == runtime.TIMED_ITEMS
    assert min(len(t) for t in timed) > max(len(s) for s in data["sentences"])
    assert 150 <= np.mean([len(t) for t in timed]) <= 300  # the pair files' claims average 191 characters
    check, timed = runtime.race_inputs("judge")
    assert check == [tuple(p) for p in data["pairs"]] and len(timed) == runtime.TIMED_ITEMS
    sides = [len(side) for pair in timed for side in pair]
    assert 220 <= np.mean(sides) <= 400 and all(a != b for a, b in timed)  # judged claims average 286
    assert len(set(timed)) == len(timed)


def test_the_race_times_calls_of_several_batches_as_verify_makes_them():
    # One batch of 16 ranked OpenVINO bf16 under ONNX Runtime int8 here, two batches of 32 over it, as
    # verify's own calls do: the timed call must span at least two of each model's batches.
    from verify.embed import BATCH_SIZE
    from verify.judge import ShippedJudge

    _, sentences = runtime.race_inputs("encoder")
    _, pairs = runtime.race_inputs("judge")
    assert len(set(sentences)) == len(sentences) >= 2 * BATCH_SIZE
    assert len(pairs) >= 2 * ShippedJudge().batch_size

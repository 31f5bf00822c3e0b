"""The evaluation harness on tiny files, with the fake encoder (figures themselves: docs, e2e)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from verify.embed import FakeEncoder
from verify.errors import InputError
from verify.evaluate import confusion, eval_nli, eval_pairs, eval_sts, format_confusion, per_class, read_nli, read_pairs


def test_confusion_and_per_class():
    gold = np.array([0, 0, 1, 2, 2, 2])
    pred = np.array([0, 2, 1, 2, 2, 1])
    m = confusion(gold, pred, 3)
    assert m.tolist() == [[1, 0, 1], [0, 1, 0], [0, 1, 2]]
    stats = per_class(m, ["e", "n", "c"])
    assert stats["c"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert stats["c"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    table = format_confusion(m, ["e", "n", "c"])
    assert table.splitlines()[0].startswith("gold \\ predicted") and len(table.splitlines()) == 4


def test_eval_sts_on_a_small_file(tmp_path):
    path = tmp_path / "sts.csv"
    path.write_text('Un gato duerme en el sofá.,Un gato duerme en el sofá.,5.0\n'
                    'Un gato duerme en el sofá.,"Un gato, tranquilo, duerme.",3.5\n'
                    'Un gato duerme en el sofá.,La bolsa cayó un 3 % en Tokio.,0.0\n', encoding="utf-8")
    result = eval_sts(path, FakeEncoder())
    assert result["pairs"] == 3
    assert result["spearman"] == pytest.approx(1.0)  # identical > shared words > nothing shared


def test_read_nli_skips_a_header_and_rejects_bad_labels(tmp_path):
    good = tmp_path / "nli.tsv"
    good.write_text("premise\thypothesis\tlabel\nA\tB\t0\nC\tD\t2\n", encoding="utf-8")
    a, b, gold = read_nli(good)
    assert a == ["A", "C"] and gold.tolist() == [0, 2]
    bad = tmp_path / "bad.tsv"
    bad.write_text("A\tB\tentailment\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.tsv: line 1"):
        read_nli(bad)


def test_read_nli_json_lines_and_their_errors(tmp_path):
    good = tmp_path / "nli.jsonl"
    good.write_text('{"premise": "A", "hypothesis": "B", "label": "contradiction"}\n\n'
                    '{"premise": "C", "hypothesis": "D", "label": 0}\n', encoding="utf-8")
    a, b, gold = read_nli(good)
    assert (a, b, gold.tolist()) == (["A", "C"], ["B", "D"], [2, 0])
    for n, body in enumerate(['{"premise": "A", "label": "neutral"}', "not json", '["A", "B", 1]']):
        bad = tmp_path / f"bad{n}.jsonl"
        bad.write_text('{"premise": "A", "hypothesis": "B", "label": 1}\n' + body + "\n", encoding="utf-8")
        with pytest.raises(InputError, match="line 2: expected a JSON object with premise, hypothesis and label"):
            read_nli(bad)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no rows"):
        read_nli(empty)


def test_read_pairs_names_a_line_that_is_not_json(tmp_path):
    bad = tmp_path / "pairs.jsonl"
    bad.write_text('{"a": "x", "b": "y", "label": "repeats"}\n{"a": \n', encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2: not JSON \("):
        read_pairs(bad)


def test_eval_nli_maps_relations_and_splits_rows(tmp_path):
    path = tmp_path / "nli.tsv"
    rows = [("El museo abre los lunes.", "El museo abre los lunes.", 0),
            ("El museo abre los lunes.", "El museo no abre los lunes.", 2),
            ("El museo abre los lunes.", "Mañana lloverá en Quito.", 1),
            ("La fábrica cerró en 2020.", "La fábrica no cerró en 2020.", 2)]
    path.write_text("".join(f"{a}\t{b}\t{g}\n" for a, b, g in rows), encoding="utf-8")
    result = eval_nli(path, FakeEncoder())
    assert result["pairs"] == 4 and np.array(result["confusion"]).sum() == 4
    assert result["contradiction"]["gold"] == 2
    assert 0.0 <= result["accuracy"] <= 1.0
    assert eval_nli(path, FakeEncoder(), rows="odd")["pairs"] == 2
    json.dumps(result)


def test_eval_pairs_reports_errors_and_rejects_bad_lines(tmp_path):
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"a": "Llueve en Quito.", "b": "Llueve en Quito.", "label": "repeats"}) + "\n"
                    + json.dumps({"a": "Llueve en Quito.", "b": "El euro sube.", "label": "contradicts"}) + "\n",
                    encoding="utf-8")
    result = eval_pairs(path, FakeEncoder())
    assert result["pairs"] == 2 and len(result["errors"]) == 1
    assert result["errors"][0]["gold"] == "contradicts"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"a": "x", "b": "y", "label": "maybe"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1: needs a, b and label"):
        eval_pairs(bad, FakeEncoder())


def test_eval_pairs_reports_progress_and_the_same_result(tmp_path, monkeypatch):
    import verify.evaluate as evaluate

    monkeypatch.setattr(evaluate, "_CLASSIFY_CHUNK", 2)  # several chunks from a small file
    path = tmp_path / "pairs.jsonl"
    rows = [("El paro bajó al 12 %.", "El paro subió al 12 %.", "contradicts"),
            ("Peskov dijo que no hay pruebas.", "Peskov negó que haya pruebas.", "supports"),
            ("La lluvia cerró el puerto.", "El puerto cerró por la lluvia.", "repeats"),
            ("Rusia envió agentes a Libia.", "El festival abre en mayo.", "unrelated"),
            ("El paro bajó al 12 %.", "El festival abre en mayo.", "unrelated")]
    path.write_text("".join(json.dumps({"a": a, "b": b, "label": label}) + "\n" for a, b, label in rows))
    calls: list[tuple[int, int]] = []
    with_progress = eval_pairs(path, FakeEncoder(), progress=lambda done, total: calls.append((done, total)))
    monkeypatch.setattr(evaluate, "_CLASSIFY_CHUNK", 512)
    assert with_progress == eval_pairs(path, FakeEncoder())
    texts = len({t for a, b, _ in rows for t in (a, b)})
    assert calls[-1] == (texts + len(rows), texts + len(rows))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) == texts + 3  # one per text, then one per chunk of two pairs

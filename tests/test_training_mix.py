"""The judge's training mix (training/mix.py): what is held out stays out, malformed data stops the run."""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
import mix  # noqa: E402

SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def _story_lines(story: str) -> list[str]:
    kinds = [("contradiction", "denial"), ("contradiction", "figure"), ("entailment", "paraphrase"),
             ("entailment", "summary"), ("neutral", "consistent"), ("neutral", "consistent"), ("neutral", "hard")]
    return [f"{story}\t{label}\t{kind}\tPremisa de {story}.\tHipótesis {n} de {story}.\n"
            for n, (label, kind) in enumerate(kinds)]


def test_every_eighth_story_is_dev_whole_and_never_trained_on(tmp_path):
    lines = [line for n in range(1, 18) for line in _story_lines(f"p9-{n:03d}")]
    folder = tmp_path / "news_written9"
    folder.mkdir()
    (folder / "part-9.tsv").write_text("".join(lines), encoding="utf-8")
    train, dev = mix.written_stories(folder)
    assert len(train) + len(dev) == 17 * 7 and len(dev) == 2 * 7  # stories 8 and 16
    dev_premises = {p.premise for p in dev}
    assert dev_premises == {"Premisa de p9-008.", "Premisa de p9-016."}
    assert not dev_premises & {p.premise for p in train}
    assert {p.source for p in dev} == {"news_written9_dev"} and {p.source for p in train} == {"news_written9"}


def test_a_malformed_or_mislabelled_line_stops_the_run(tmp_path):
    (tmp_path / "part-1.tsv").write_text("p1-001\tneutral\tconsistent\tsolo una premisa\n", encoding="utf-8")
    with pytest.raises(ValueError, match="part-1.tsv:1"):
        mix.written_stories(tmp_path)
    (tmp_path / "part-1.tsv").write_text("p1-001\tsupports\tparaphrase\tPremisa.\tHipótesis.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown label"):
        mix.written_stories(tmp_path)


def test_the_committed_stories_parse_and_hold_out_forty():
    train, dev = mix.written_stories()
    assert len(dev) == 40 * 7 and len(train) == len(set((p.premise, p.hypothesis) for p in train)) > 2000


def test_the_person_stories_parse_hold_out_forty_and_keep_their_label_balance():
    train, dev = mix.written_stories(mix.WRITTEN / "news_written3")
    assert len(dev) == 40 * 7 and {p.source for p in dev} == {"news_written3_dev"}
    labels = [p.label for p in train + dev]
    # four neutrals, two contradictions, one entailment a story: "same person" must not mean neutral
    assert labels.count(mix.LABEL_IDS["neutral"]) == 4 * len(labels) // 7
    assert labels.count(mix.LABEL_IDS["contradiction"]) == 2 * len(labels) // 7


def test_mix_6_is_mix_4_plus_the_person_stories():
    derived = [mix.Pair("a", "b", 1, "derived_spanish")]
    four, dev4, counts4 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=4)
    six, dev6, counts6 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=6)
    assert {k: v for k, v in counts6.items() if k != "news_written3"} == counts4
    assert counts6["news_written3"] == 3 * 1960 and len(six) == len(four) + 3 * 1960
    assert len(dev6) == len(dev4) + 280


def _real_folder(tmp_path, labels: list[str]) -> Path:
    folder = tmp_path / "news_real"
    folder.mkdir()
    # lines 0 and 50 are dev articles (line // 5 a multiple of 10); 5, 15 and 20 are not
    rows = [("p0", 5, 15), ("p1", 15, 20), ("p2", 20, 5), ("p3", 50, 15), ("p4", 5, 0)]
    (folder / "pairs.tsv").write_text("PAIR\tLINE_A\tLINE_B\tCOSINE\tA\tB\n" + "".join(
        f"{p}\t{a}\t{b}\t0.9\tA de {p}.\tB de {p}.\n" for p, a, b in rows), encoding="utf-8")
    (folder / "labels.tsv").write_text("".join(f"p{n}\t{label}\tnota\n" for n, label in enumerate(labels)),
                                       encoding="utf-8")
    return folder


def test_a_real_pair_is_read_both_ways_and_a_dev_article_keeps_it_out_of_training(tmp_path):
    folder = _real_folder(tmp_path, ["a_entails_b", "contradiction", "b_entails_a", "equivalent", "neutral"])
    train, dev = mix.real_pairs(folder)
    ids = {name: mix.LABEL_IDS[name] for name in ("entailment", "neutral", "contradiction")}
    got = {(p.premise, p.hypothesis): p.label for p in train}
    assert got == {("A de p0.", "B de p0."): ids["entailment"], ("B de p0.", "A de p0."): ids["neutral"],
                   ("A de p1.", "B de p1."): ids["contradiction"], ("B de p1.", "A de p1."): ids["contradiction"],
                   ("A de p2.", "B de p2."): ids["neutral"], ("B de p2.", "A de p2."): ids["entailment"]}
    assert [(p.premise, p.label) for p in dev] == [("A de p3.", ids["entailment"]), ("B de p3.", ids["entailment"]),
                                                   ("A de p4.", ids["neutral"]), ("B de p4.", ids["neutral"])]
    assert {p.source for p in dev} == {"news_real_dev"} and {p.source for p in train} == {"news_real"}


def test_an_unknown_real_label_stops_the_run(tmp_path):
    folder = _real_folder(tmp_path, ["supports"])
    with pytest.raises(ValueError, match="labels.tsv:1"):
        mix.real_pairs(folder)


def test_mix_7_is_mix_6_plus_the_real_pairs_read_both_ways():
    derived = [mix.Pair("a", "b", 1, "derived_spanish")]
    six, dev6, counts6 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=6)
    seven, dev7, counts7 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=7)
    real, real_dev = mix.real_pairs()
    assert {k: v for k, v in counts7.items() if k != "news_real"} == counts6
    assert counts7["news_real"] == 3 * len(real) and len(seven) == len(six) + 3 * len(real)
    assert len(dev7) == len(dev6) + len(real_dev) and len(real) + len(real_dev) == 2 * 1811
    assert not {(p.premise, p.hypothesis) for p in real_dev} & {(p.premise, p.hypothesis) for p in real}


def test_mix_8_is_mix_4_without_stories_plus_the_translations_labelled_from_the_english_gold():
    derived = [mix.Pair("a", "b", 1, "derived_spanish")]
    four, dev4, counts4 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=4)
    eight, dev8, counts8 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=8)
    assert counts8 == {**{k: v for k, v in counts4.items() if k != "news_written2"},
                       "negnli_es": 2 * 2999, "mnli_es_more": 2 * 1000}
    assert len(eight) == sum(counts8.values())
    # no story is trained on, but both story sets' dev parts join InferES dev in choosing the checkpoint
    assert not {p.source for p in eight} & {"news_written2", "news_written3"}
    assert len(dev8) == len(dev4) + 280
    english = {r["id"]: r for r in mix._read_jsonl(SHARED_DATA / "nli" / "negation_nli.jsonl")}
    translated = mix.translated(SHARED_DATA, mix.WRITTEN / "negnli_es", "negation_nli")
    ids = [line.split("\t")[0] for path in sorted((mix.WRITTEN / "negnli_es").glob("part-*.tsv"))
           for line in path.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(english) and len(translated) == len(ids)
    assert all(p.label == mix.LABEL_IDS[english[i]["label"]] for p, i in zip(translated, ids))
    # none of the added MultiNLI translations repeats a pair mix 3 already has in Spanish
    more = {line.split("\t")[0] for path in (mix.WRITTEN / "mnli_es_more").glob("part-*.tsv")
            for line in path.read_text(encoding="utf-8").splitlines()}
    first = {line.split("\t")[0] for path in (mix.WRITTEN / "mnli_es").glob("part-*.tsv")
             for line in path.read_text(encoding="utf-8").splitlines()}
    assert len(more) == 1000 and not more & first


def test_mix_9_is_mix_8_with_inferes_seen_twice_as_often_and_the_same_dev():
    derived = [mix.Pair("a", "b", 1, "derived_spanish")]
    eight, dev8, counts8 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=8)
    nine, dev9, counts9 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=9)
    assert counts9 == {**counts8, "inferes_train": 2 * counts8["inferes_train"]}
    assert len(nine) == sum(counts9.values())
    assert dev9 == dev8
    # each pair of InferES's training part four times, none of its dev part
    train, inferes_dev = mix.inferes_split(SHARED_DATA, 13)
    seen = Counter((p.premise, p.hypothesis, p.label) for p in nine if p.source == "inferes_train")
    assert seen == Counter({k: 4 * n for k, n in Counter((p.premise, p.hypothesis, p.label) for p in train).items()})
    assert not set(seen) & {(p.premise, p.hypothesis, p.label) for p in inferes_dev}


def test_mix_10_is_mix_8_plus_the_inferes_style_pairs_with_every_eighth_premise_held_out():
    derived = [mix.Pair("a", "b", 1, "derived_spanish")]
    eight, dev8, counts8 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=8)
    ten, dev10, counts10 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=10)
    style, style_dev = mix.written_stories(mix.WRITTEN / "inferes_style_es")
    assert counts10 == {**counts8, "inferes_style_es": 3 * len(style)} and len(ten) == sum(counts10.values())
    assert dev10 == dev8 + style_dev and len(style_dev) >= 6 * 8
    # a held-out premise is held out with all six of its hypotheses
    assert not {p.premise for p in style_dev} & {p.premise for p in style}
    lines = [line.split("\t") for path in sorted((mix.WRITTEN / "inferes_style_es").glob("part-*.tsv"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    kinds = {"paraphrase": "entailment", "negentail": "entailment", "negation": "contradiction",
             "contrary": "contradiction", "overlap": "neutral", "negneutral": "neutral"}
    assert all(kinds[kind] == label for _, label, kind, _, _ in lines)
    assert len(lines) == len(style) + len(style_dev)


def test_a_translated_line_with_an_unknown_id_stops_the_run(tmp_path):
    (tmp_path / "part-0.tsv").write_text("negnli-snli-999999\tUna premisa.\tUna hipótesis.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="part-0.tsv:1: negnli-snli-999999 is not a pair id of negation_nli"):
        mix.translated(SHARED_DATA, tmp_path, "negation_nli")


def test_an_opposite_verb_swap_keeps_inflection_and_case_and_reads_only_what_the_list_means():
    sentences = ["Las ventas aumentaron un 5 % en marzo.", "Subió la luz en enero de 2023.",
                 "El Gobierno aprobó y rechazó la ley.",  # two verbs of the list: skipped
                 "El turista cayó en el puerto de la ciudad.",  # a person's fall, no figure: skipped
                 "El ministro se negó a responder a la prensa."]  # refused to, not denied: skipped
    pairs = mix.opposite_verbs(sentences, random.Random(0))
    assert {frozenset((p.premise, p.hypothesis)) for p in pairs} == {
        frozenset(("Las ventas aumentaron un 5 % en marzo.", "Las ventas disminuyeron un 5 % en marzo.")),
        frozenset(("Subió la luz en enero de 2023.", "Bajó la luz en enero de 2023."))}
    assert {p.label for p in pairs} == {mix.LABEL_IDS["contradiction"]}


def test_a_synonym_swap_is_entailment_and_a_fall_needs_a_figure():
    sentences = ["El portavoz aseguró que el acuerdo sigue en pie.", "Dijo y afirmó lo mismo ante la prensa.",
                 "La Bolsa cayó un 3 % el lunes por la tarde.", "El turista cayó en el puerto de la ciudad."]
    plain = mix.synonym_verbs(sentences, random.Random(0), 10)
    assert [{p.premise, p.hypothesis} for p in plain] == [
        {"El portavoz aseguró que el acuerdo sigue en pie.", "El portavoz afirmó que el acuerdo sigue en pie."}]
    direction = mix.synonym_verbs(sentences, random.Random(0), 10, verbs=mix.DIRECTION_SYNONYMS,
                                  source="direction_synonyms")
    assert [{p.premise, p.hypothesis} for p in direction] == [
        {"La Bolsa cayó un 3 % el lunes por la tarde.", "La Bolsa descendió un 3 % el lunes por la tarde."}]
    assert {p.label for p in plain + direction} == {mix.LABEL_IDS["entailment"]}
    assert len(mix.synonym_verbs(sentences * 5, random.Random(0), 2)) == 2


def test_the_swaps_training_makes_leave_the_near_copies_bench_half_unseen():
    # bench/judge_near_copies.py reports apart the synonym swaps no mix trains on: they must stay so.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import judge_near_copies

    opposite = {w for pair in mix.OPPOSITE_VERBS for w in pair}
    synonyms = {w for pair in mix.SYNONYM_VERBS for w in pair}
    bench_words = set(judge_near_copies.SYNONYMS) | set(judge_near_copies.SYNONYMS.values())
    assert not synonyms & (opposite | bench_words)
    trained = {frozenset(pair) for pair in mix.DIRECTION_SYNONYMS}
    for verb, synonym in judge_near_copies.SYNONYMS.items():
        assert (frozenset((verb, synonym)) in trained) == (verb in judge_near_copies.TRAINED)


def test_a_pair_file_is_read_as_its_labels_say(tmp_path):
    rows = [{"a": "A1", "b": "B1", "label": "contradicts"}, {"a": "A2", "b": "B2", "label": "supports"},
            {"a": "A3", "b": "B3", "label": "repeats"}, {"a": "A4", "b": "B4", "label": "unrelated"}]
    path = tmp_path / "news_pairs_x.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    e, n, c = (mix.LABEL_IDS[k] for k in ("entailment", "neutral", "contradiction"))
    assert {(p.premise, p.hypothesis, p.label) for p in mix.pair_file_readings(path, "x")} == {
        ("A1", "B1", c), ("B1", "A1", c),
        ("B2", "A2", e),  # a support confirms the first claim and may add to it: entailed one way only
        ("A3", "B3", e), ("B3", "A3", e), ("A4", "B4", n), ("B4", "A4", n)}
    path.write_text(path.read_text(encoding="utf-8") + json.dumps({"a": "A5", "b": "B5", "label": "contradice"}) + "\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="news_pairs_x.jsonl:5"):
        mix.pair_file_readings(path, "x")


def test_mix_15_is_mix_8_plus_the_news_pair_files_and_never_a_tweet_file():
    derived = [mix.Pair("a", "b", 1, "derived_spanish")]
    eight, dev8, counts8 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=8)
    fifteen, dev15, counts15 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=15)
    trained = [p for name in mix.PAIR_FILES_TRAINED
               for p in mix.pair_file_readings(mix.PAIR_DATA / f"{name}.jsonl", "news_pairs")]
    assert counts15 == {**counts8, "news_pairs": mix.PAIR_REPEAT * len(trained)}
    assert len(fifteen) == sum(counts15.values())
    # the tweet files' readings choose the checkpoint beside mix 8's dev sets; no sentence of any tweet
    # file (those after heldout5, the blind ones to come included) is trained on
    chosen = [p for name in mix.PAIR_DEV_FILES for p in mix.pair_file_readings(mix.PAIR_DATA / f"{name}.jsonl", "d")]
    assert len(dev15) == len(dev8) + len(chosen)
    tweets = {r[k] for path in mix.PAIR_DATA.glob("news_pairs_heldout*.jsonl")
              if int(path.stem.removeprefix("news_pairs_heldout") or 0) >= 6
              for r in mix._read_jsonl(path) for k in ("a", "b")}
    assert tweets and not tweets & {s for p in fifteen for s in (p.premise, p.hypothesis)}


def _unit(*xs: float):
    import numpy as np

    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_a_written_contradiction_meets_the_closest_first_claim_of_another_pair_as_neutral(tmp_path):
    import numpy as np

    rows = [{"a": "A1", "b": "B1", "label": "contradicts"}, {"a": "A1", "b": "S1", "label": "supports"},
            {"a": "A2", "b": "B2", "label": "unrelated"}, {"a": "A3", "b": "B3", "label": "contradicts"},
            {"a": "A4", "b": "B4", "label": "repeats"}]
    path = tmp_path / "news_pairs_x.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    # B1 sits closest to its own A1 (never its partner), then A4 (one story with it: over the cap),
    # then A2; B3 closest to its own A3, then A4
    vectors = {"B1": _unit(1, 0, 0), "B3": _unit(0, 1, 0), "A1": _unit(1, 0.2, 0), "A2": _unit(1, 0, 1.2),
               "A3": _unit(0, 1, 0.1), "A4": _unit(1, 0.3, 0.1)}

    def encode(texts: list[str]):
        return np.stack([vectors[t] for t in texts])

    assert float(vectors["B1"] @ vectors["A4"]) >= 0.88 > float(vectors["B1"] @ vectors["A2"])
    n = mix.LABEL_IDS["neutral"]
    got = {(p.premise, p.hypothesis, p.label) for p in mix.cross_pair_neutrals([path], 0.88, encode)}
    assert got == {("B1", "A2", n), ("A2", "B1", n), ("B3", "A4", n), ("A4", "B3", n)}


def test_mix_16_is_mix_15_plus_the_cross_pairs():
    derived = [mix.Pair("a", "b", 1, "derived_spanish")]
    fifteen, dev15, counts15 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=15)
    sixteen, dev16, counts16 = mix.build_mix(SHARED_DATA, 13, derived=derived, version=16)
    # (the cross pairs as the mix holds them: encoding the files once more would only repeat the work)
    cross = [p for p in sixteen if p.source == "cross_pairs"]
    contradictions = sum(r["label"] == "contradicts" for name in mix.PAIR_FILES_TRAINED
                         for r in mix._read_jsonl(mix.PAIR_DATA / f"{name}.jsonl"))
    assert len(cross) == mix.CROSS_REPEAT * 2 * contradictions
    assert {p.label for p in cross} == {mix.LABEL_IDS["neutral"]}
    assert counts16 == {**counts15, "cross_pairs": len(cross)} and len(dev16) == len(dev15)
    assert len(sixteen) == sum(counts16.values())

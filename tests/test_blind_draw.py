"""bench/draw_blind_tweets.py: a blind file's tweets come from no pair file and no earlier draw."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import draw_blind_tweets as draw  # noqa: E402

LONG = "uno dos tres cuatro cinco seis siete ocho nueve diez once doce"


def test_a_tweet_a_pair_file_holds_or_a_draw_showed_is_never_drawn(tmp_path):
    tsv = tmp_path / "split.tsv"
    rows = [("politics", "1", f"A {LONG} https://t.co/x"),  # line 2: held as a first claim
            ("politics", "1", f"B {LONG}"),  # line 3: held as a copied second claim
            ("politics", "1", f"C {LONG}"),  # line 4: a written second claim only names it: still fresh
            ("politics", "1", f"D {LONG}"),  # line 5: shown by an earlier draw
            ("politics", "1", f"E {LONG}"),  # line 6: fresh
            ("politics", "0", f"F {LONG}"),  # line 7: not check-worthy
            ("politics", "1", "G corto")]  # line 8: under 12 words
    tsv.write_text("topic\ttweet_id\ttweet_url\ttweet_text\tclass_label\n"
                   + "".join(f"{t}\t{i}\tu\t{text}\t{label}\n" for i, (t, label, text) in enumerate(rows)),
                   encoding="utf-8")
    pairs = tmp_path / "news_pairs_x.jsonl"
    pairs.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"a": f"A {LONG}", "b": f"B {LONG}", "label": "repeats", "lines": [2, 3]},
        {"a": f"A {LONG}", "b": f"C {LONG}", "label": "supports", "lines": [2, None]},
    ]) + "\n", encoding="utf-8")
    tweets = draw.eligible(tsv)
    assert sorted(tweets) == [2, 3, 4, 5, 6]
    assert tweets[2]["text"] == f"A {LONG}"  # the link removed, spaces collapsed
    assert draw.fresh(tweets, draw.held_sentences([pairs]), shown={f"D {LONG}"}) == [4, 6]


def test_a_draw_over_several_splits_names_each_tweets_split(tmp_path, monkeypatch):
    header = "topic\ttweet_id\ttweet_url\ttweet_text\tclass_label\n"
    for split, letters in (("train", "AB"), ("dev", "CD")):
        (tmp_path / f"CT22_spanish_1A_checkworthy_{split}.tsv").write_text(
            header + "".join(f"politics\t{i}\tu\t{x} {LONG}\t1\n" for i, x in enumerate(letters)), encoding="utf-8")
    shown = tmp_path / "shown.jsonl"  # an earlier draw of dev showed C (at the same line as train's A)
    shown.write_text(json.dumps({"line": 2, "topic": "politics", "text": f"C {LONG}"}) + "\n", encoding="utf-8")
    monkeypatch.setattr(draw, "CHECKWORTHY", tmp_path)
    monkeypatch.setattr(draw, "PAIR_FILES", tmp_path)  # no pair file
    out = tmp_path / "tweets.jsonl"
    assert draw.main(["--split", "train", "--split", "dev", "--seed", "1", "--count", "3", "--out", str(out),
                      "--shown", str(shown)]) == 0
    drawn = [json.loads(raw) for raw in out.read_text(encoding="utf-8").splitlines()]
    assert [(t["split"], t["line"], t["text"][0]) for t in drawn] == [("dev", 3, "D"), ("train", 2, "A"),
                                                                      ("train", 3, "B")]
    assert draw.main(["--split", "dev", "--seed", "1", "--count", "2", "--out", str(out),
                      "--shown", str(shown)]) == 2  # one fresh tweet in dev: too few


def test_sts_sentences_are_drawn_from_the_news_rows_and_never_twice(tmp_path, monkeypatch):
    import draw_blind_sts as sts

    csv_path = tmp_path / "stsb-es-dev.csv"
    csv_path.write_text("\n".join([
        f'"Un perro corre por el parque {LONG}","Un gato duerme {LONG}",1.0',  # row 1: before the news rows
        f'"El ministro dimitió ayer {LONG}","El ministro  dimitió ayer {LONG}",5.0',  # row 2: one sentence twice
        'Muy corto,"Otra frase corta",0.0',  # row 3: under 8 words
        f'"La bolsa cayó un 3 % {LONG}","Un titular ya usado {LONG}",2.0',  # row 4: B held by a pair file
    ]) + "\n", encoding="utf-8")
    found = sts.eligible(csv_path, from_row=2)
    assert [v["id"] for v in found.values()] == ["2:1", "4:1", "4:2"]
    pairs = tmp_path / "news_pairs_x.jsonl"
    pairs.write_text(json.dumps({"a": f"Un titular ya usado {LONG}", "b": "x", "label": "unrelated",
                                 "lines": [None, None]}) + "\n", encoding="utf-8")
    monkeypatch.setattr(sts, "STS_FILES", {"dev": csv_path})
    monkeypatch.setattr(sts, "PAIR_FILES", tmp_path)
    out = tmp_path / "sentences.jsonl"
    assert sts.main(["--seed", "1", "--count", "2", "--from-row", "2", "--out", str(out)]) == 0
    assert [json.loads(r)["id"] for r in out.read_text(encoding="utf-8").splitlines()] == ["2:1", "4:1"]
    assert sts.main(["--seed", "1", "--count", "3", "--from-row", "2", "--out", str(out)]) == 2


def test_sts_train_sentences_a_judge_may_have_trained_on_are_never_drawn(tmp_path):
    import draw_blind_sts as sts

    csv_path = tmp_path / "stsb-es-train.csv"
    csv_path.write_text("\n".join([
        f'"El ministro dimitió ayer {LONG}","El ministro renunció ayer {LONG}",4.8',  # a paraphrase the mix takes
        f'"La bolsa de Tokio abre {LONG}","Un perro en la playa {LONG}",0.4',  # an unrelated pair the mix takes
        f'"El índice subió un 2 % {LONG}","El banco central fijó tipos {LONG}",2.0',  # A: a verb the mixes swap
        f'"El tribunal condenó al alcalde {LONG}","El alcalde fue condenado {LONG}",3.8',  # both fresh
    ]) + "\n", encoding="utf-8")
    found = sts.eligible(csv_path, from_row=1, trained=sts.judge_trained)
    assert [v["id"] for v in found.values()] == ["3:2", "4:1", "4:2"]
    assert len(sts.eligible(csv_path, from_row=1)) == 8  # dev's reading: every sentence


def test_an_article_a_pair_file_took_the_judge_trained_on_or_a_draw_showed_is_never_drawn(tmp_path, monkeypatch):
    import draw_blind_articles as articles

    words = " ".join(["palabra"] * 160)
    held = "El ministro de Hacienda anunció ayer una subida de impuestos para el año próximo."
    texts = [f"Línea cero, de entrenamiento. {words}",  # line 0: a training line (n % 5 == 0)
             f"{held} {words}",  # line 1: a pair file holds a sentence of it
             f"Una noticia nueva sobre el puerto. {words}",  # line 2: fresh
             f"Otra noticia ya mostrada. {words}",  # line 3: an earlier draw showed it
             "Una noticia corta.",  # line 4: under 150 words
             f"La quinta, de entrenamiento. {words}",  # line 5: a training line
             f"La sexta noticia, fresca. {words}"]  # line 6: fresh
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps({"title": f"t{i}", "text": t}, ensure_ascii=False) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    (tmp_path / "news_pairs_x.jsonl").write_text(
        json.dumps({"a": held, "b": "Otra cosa escrita.", "label": "unrelated", "lines": [1, None]},
                   ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "news_links_real.jsonl").write_text("", encoding="utf-8")
    shown = tmp_path / "shown.jsonl"
    shown.write_text(json.dumps({"line": 3, "title": "t3", "text": texts[3]}) + "\n", encoding="utf-8")
    monkeypatch.setattr(articles, "NEWS", news)
    monkeypatch.setattr(articles, "PAIR_FILES", tmp_path)
    out = tmp_path / "articles.jsonl"
    assert articles.main(["--seed", "1", "--count", "2", "--out", str(out), "--shown", str(shown)]) == 0
    assert [json.loads(r)["line"] for r in out.read_text(encoding="utf-8").splitlines()] == [2, 6]
    assert articles.main(["--seed", "1", "--count", "3", "--out", str(out), "--shown", str(shown)]) == 2

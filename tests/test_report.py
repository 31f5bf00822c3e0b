"""Reports: JSON shape from the issue, HTML escaping, CSV and Markdown, story grouping, option checks."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import make_article, make_claim

from verify.errors import InputError
from verify.records import Link, Polarity, Relation
from verify.report import build_report, render
from verify.store import ClaimIndex


@pytest.fixture
def index(tmp_path, fake_encoder):
    ix = ClaimIndex.open(tmp_path / "ix", create=True)
    texts = {
        "a1": ["<script>alert('x')</script> Rusia envió armas a Libia.", "El embargo sigue vigente."],
        "a2": ["Rusia no envió armas a Libia, dijo el Kremlin."],
        "a3": ["Chile exportó más cobre en 2023."],
        "a4": ["Chile exportó menos cobre en 2023."],
    }
    stored = {}
    with ix.batch():
        ix.bind_model(fake_encoder.name, fake_encoder.fingerprint, fake_encoder.dim)
        for aid, sentences in texts.items():
            text = " ".join(sentences)
            claims = [make_claim(aid, s, text.index(s), speaker="Kremlin" if aid == "a2" else None,
                                 polarity=Polarity.DENIES if aid == "a2" else Polarity.ASSERTS,
                                 entities=["Rusia"] if "Rusia" in s else ["Chile"])
                      for s in sentences]
            stored[aid] = ix.add_article(make_article(aid, text, title=f"Título {aid} & <b>", date="2024-05-01"),
                                         claims, fake_encoder.encode(sentences))
        ix.add_links([
            Link(stored["a1"][0].id, stored["a2"][0].id, Relation.CONTRADICTS, 0.9, "Kremlin denies what A asserts",
                 0.9, "t"),
            Link(stored["a3"][0].id, stored["a4"][0].id, Relation.CONTRADICTS, 0.7, "más vs menos", 0.95, "t"),
            Link(stored["a1"][0].id, stored["a1"][1].id, Relation.SUPPORTS, 0.6, "same story", 0.8, "t"),
        ])
    yield ix
    ix.close()


def test_json_shape(index):
    data = json.loads(render(build_report(index), "json"))
    assert data["index"] == {"articles": 4, "claims": 5, "model": "fake"}
    assert [l["relation"] for l in data["links"]] == ["contradicts", "contradicts"]
    first = data["links"][0]
    assert first["score"] == 0.9 and first["reason"] == "Kremlin denies what A asserts"
    for key in ("id", "text", "start", "end", "speaker", "side", "polarity", "checkworthiness", "entities", "article"):
        assert key in first["a"]
    assert first["b"]["speaker"] == "Kremlin" and first["b"]["polarity"] == "denies"
    assert first["a"]["article"] == {"id": "a1", "title": "Título a1 & <b>", "source": "a1.txt", "date": "2024-05-01"}


def test_stories_grouped_strongest_first(index):
    report = build_report(index, relation="all")
    assert len(report.stories) == 2
    assert report.stories[0].strongest == 0.9 and len(report.stories[0].links) == 2
    assert report.stories[0].title.startswith("Rusia")


def test_html_escapes_article_text(index):
    page = render(build_report(index), "html")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Título a1 &amp; &lt;b&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and "<link " not in page  # self-contained: no external files


def test_csv_and_markdown(index):
    rows = list(csv.DictReader(io.StringIO(render(build_report(index, min_score=0.8), "csv"))))
    assert len(rows) == 1 and rows[0]["b_speaker"] == "Kremlin" and rows[0]["relation"] == "contradicts"
    md = render(build_report(index), "md")
    assert md.count("### contradicts") == 2 and "Kremlin denies what A asserts" in md
    assert "`a1.txt`" in md


def test_bad_options(index):
    with pytest.raises(InputError, match="unknown relation"):
        build_report(index, relation="refutes")
    with pytest.raises(InputError, match="outside 0..1"):
        build_report(index, min_score=2)
    with pytest.raises(InputError, match="unknown format"):
        render(build_report(index), "pdf")

"""Candidate generation and linking against the store, with the fake encoder."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from conftest import make_article, make_claim

from verify.link import candidate_pairs, judged_pairs, link_claims
from verify.match.signals import JudgePolicy
from verify.records import Relation
from verify.store import ClaimIndex


def _store(index, encoder, article_id, sentences, speaker=None):
    text = " ".join(sentences)
    claims = [make_claim(article_id, s, text.index(s), speaker=speaker, entities=["Libia"]) for s in sentences]
    with index.batch():
        if index.model is None:
            index.bind_model(encoder.name, encoder.fingerprint, encoder.dim)
        stored = index.add_article(make_article(article_id, text), claims, encoder.encode(sentences))
    return stored


def _with_id(claim, i):
    return dataclasses.replace(claim, id=i)


def test_near_verbatim_claims_in_two_articles_are_linked_once(tmp_path, fake_encoder):
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        a = _store(index, fake_encoder, "a1", ["El embargo de armas a Libia sigue vigente desde 2011."])
        b = _store(index, fake_encoder, "a2", ["El embargo de armas a Libia sigue vigente desde 2011.",
                                                "Mañana lloverá en Madrid según el pronóstico."])
        pairs, sims = candidate_pairs(index, b, fake_encoder.encode([c.text for c in b]))
        assert (a[0].id, b[0].id) in pairs and abs(sims[pairs.index((a[0].id, b[0].id))] - 1.0) < 1e-5
        links = link_claims(index, b, fake_encoder.encode([c.text for c in b]))
        assert [(l.a, l.b, l.relation) for l in links] == [(a[0].id, b[0].id, Relation.REPEATS)]
        assert links[0].version.startswith("rules-")


def test_same_article_same_speaker_is_not_a_link(tmp_path, fake_encoder):
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        claims = _store(index, fake_encoder, "a1", ["Libia recibió armas de Rusia en 2019, dijo Peskov.",
                                                    "Libia recibió armas de Rusia en 2019, repitió Peskov."],
                        speaker="Peskov")
        assert link_claims(index, claims, fake_encoder.encode([c.text for c in claims])) == []


class _AlwaysContradicts:
    """A stand-in judge (the `Judge` protocol): the shipped one is tested in test_judge.py."""

    name = "tiny-nli"

    def __init__(self):
        self.calls = 0

    def probabilities(self, premises, hypotheses):
        self.calls += len(premises)
        return np.tile(np.array([0.02, 0.03, 0.95], dtype=np.float32), (len(premises), 1))


def test_judge_verdict_and_its_name_are_stored_with_the_link(tmp_path, fake_encoder):
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        _store(index, fake_encoder, "a1", ["El embargo de armas a Libia sigue vigente desde 2011."])
        b = _store(index, fake_encoder, "a2", ["El embargo de armas a Libia ya no sigue vigente desde 2011."])
        judge = _AlwaysContradicts()
        (link,) = link_claims(index, b, fake_encoder.encode([b[0].text]), judge=judge)
        assert link.relation == Relation.CONTRADICTS and link.version.endswith("+tiny-nli")
        assert "judge: contradiction 0.95" in link.reason and judge.calls == 2  # both ways: a contradiction


def test_a_near_verbatim_repeat_is_not_sent_to_the_judge(tmp_path, fake_encoder):
    # A repeat stays one whatever the judge says (verify.match.signals.combine): reading it is wasted.
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        _store(index, fake_encoder, "a1", ["El embargo de armas a Libia sigue vigente desde 2011."])
        b = _store(index, fake_encoder, "a2", ["El embargo de armas a Libia sigue vigente desde 2011."])
        judge = _AlwaysContradicts()
        (link,) = link_claims(index, b, fake_encoder.encode([b[0].text]), judge=judge)
        assert link.relation == Relation.REPEATS and judge.calls == 0 and "judge:" not in link.reason
        assert link.version.endswith("+tiny-nli")


def test_the_judge_reads_each_new_claims_closest_pairs_and_more_of_those_in_dispute():
    new = _with_id(make_claim("n", "Rusia envió armas a Libia en marzo."), 1)
    plain = [_with_id(make_claim(f"o{i}", f"Rusia envió armas a Libia en el mes {i}."), 10 + i) for i in range(2)]
    # negates a word the new claim states, but denies nothing it asserts: disputed, no rule conflict
    touching = _with_id(make_claim("t", "El Kremlin no habló de Libia en la reunión del jueves."), 18)
    # negates something that shares no word with it
    aside = _with_id(make_claim("x", "Moscú no comentó el resultado del partido de fútbol del domingo."), 19)
    denial = _with_id(make_claim("d", "Moscú negó que Rusia enviara armas a Libia."), 20)
    far = _with_id(make_claim("far", "Llueve en Lima."), 30)
    pairs = [(new, c) for c in plain + [touching, aside, denial, far]]
    sims = np.array([0.95, 0.945, 0.94, 0.935, 0.93, 0.70], dtype=np.float32)

    def judged(disputed: int, denied: int = 0) -> list[bool]:
        policy = JudgePolicy(min_similarity=0.84, per_claim=1, per_claim_disputed=disputed, per_claim_denied=denied)
        return judged_pairs(pairs, sims, {1}, policy).tolist()

    # the closest pair; then the rules' conflict before the closer negation; never the plain, aside or far ones
    assert judged(0) == [True, False, False, False, False, False]
    assert judged(1) == [True, False, False, False, True, False]
    assert judged(2) == [True, False, True, False, True, False]
    # A frame's denial of what the other may state is read besides, and leaves the disputed places to others.
    assert judged(0, denied=1) == [True, False, False, False, True, False]
    assert judged(1, denied=1) == [True, False, True, False, True, False]


def test_two_denials_of_one_thing_are_not_in_dispute():
    new = _with_id(make_claim("n", "Moscú no envió armas a Libia."), 1)
    closest = _with_id(make_claim("c", "Moscú habló de Libia con Ankara."), 10)
    agreeing = _with_id(make_claim("a", "El Kremlin no envió armas a Libia durante el invierno."), 11)
    touching = _with_id(make_claim("t", "La OTAN habló de armas en la cumbre de Madrid."), 12)
    pairs = [(new, closest), (new, agreeing), (new, touching)]
    sims = np.array([0.95, 0.94, 0.93], dtype=np.float32)
    policy = JudgePolicy(min_similarity=0.84, per_claim=1, per_claim_disputed=1)
    # the agreeing denial negates the same words; the other claim states "armas" that this one negates
    assert judged_pairs(pairs, sims, {1}, policy).tolist() == [True, False, True]


def test_a_closest_candidate_that_shares_no_word_is_not_read():
    new = _with_id(dataclasses.replace(make_claim("n", "Rusia envió armas a Libia en marzo."), language="es"), 1)
    unrelated = _with_id(make_claim("u", "El equipo ganó el partido del domingo."), 10)
    related = _with_id(make_claim("r", "Rusia envió asesores a Libia en abril."), 11)
    english = _with_id(dataclasses.replace(make_claim("e", "The team won Sunday's match."), language="en"), 12)
    policy = JudgePolicy(min_similarity=0.84, per_claim=1, per_claim_disputed=0)
    sims = np.array([0.95, 0.94], dtype=np.float32)
    # The closest shares no content word: not read, and its place is not handed to the next one.
    assert judged_pairs([(new, unrelated), (new, related)], sims, {1}, policy).tolist() == [False, False]
    assert judged_pairs([(new, related), (new, unrelated)], sims, {1}, policy).tolist() == [True, False]
    # Claims in two languages share words only through the judge; the rule can be turned off.
    assert judged_pairs([(new, english)], sims[:1], {1}, policy).tolist() == [True]
    everything = dataclasses.replace(policy, shared_word=False)
    assert judged_pairs([(new, unrelated), (new, related)], sims, {1}, everything).tolist() == [True, False]


def test_a_pair_sharing_little_is_read_only_when_close():
    # Two claims of one story that share a name and little else are two matters (JudgePolicy.overlap_*).
    new = _with_id(dataclasses.replace(make_claim("n", "Rusia envió armas a Libia en marzo."), language="es"), 1)
    aside = _with_id(make_claim("a", "Libia celebró elecciones municipales con baja participación el domingo."), 10)
    close = _with_id(make_claim("c", "Rusia envió asesores militares a Libia en abril."), 11)
    english = _with_id(dataclasses.replace(make_claim("e", "Libya held local elections on Sunday."), language="en"), 12)
    policy = JudgePolicy(min_similarity=0.84, per_claim=1, per_claim_disputed=0)
    assert judged_pairs([(new, aside)], np.array([0.88], np.float32), {1}, policy).tolist() == [False]
    assert judged_pairs([(new, aside)], np.array([0.90], np.float32), {1}, policy).tolist() == [True]
    # sharing more than a quarter of the words, or in two languages, it is read at any cosine
    assert judged_pairs([(new, close)], np.array([0.85], np.float32), {1}, policy).tolist() == [True]
    assert judged_pairs([(new, english)], np.array([0.85], np.float32), {1}, policy).tolist() == [True]
    # not read, its place is not handed to the next candidate; the gate can be turned off
    sims = np.array([0.88, 0.86], np.float32)
    assert judged_pairs([(new, aside), (new, close)], sims, {1}, policy).tolist() == [False, False]
    off = dataclasses.replace(policy, overlap_similarity=policy.min_similarity)
    assert judged_pairs([(new, aside), (new, close)], sims, {1}, off).tolist() == [True, False]


@pytest.mark.parametrize(("new", "closest", "touching", "disputed"), [
    # Conflicting figures the rules alone do not trust (other actors named) are in dispute too: after
    # the rules' own conflicts, before a claim that only negates a word the other states.
    ("El Estado gastó 30.000 millones de euros en intereses de la deuda pública.",
     "El Estado gastó en intereses de la deuda pública.",
     "El Tesoro no habló de los intereses de la deuda en la reunión.",
     "Según el Tesoro, los intereses de la deuda pública costaron 18.000 millones de euros."),
    # Opposite directions the rules alone do not trust (under half the words shared) the same way.
    ("El paro baja en 76.113 personas y encadena siete meses de descensos.",
     "El paro registrado en septiembre, en 76.113 personas.",
     "El ministerio no habló del paro de septiembre en la reunión.",
     "El paro registrado subió en septiembre en 76.113 personas, según los datos del Ministerio de Trabajo."),
], ids=["figure", "direction"])
def test_a_disputed_pair_is_read_before_a_negation(new: str, closest: str, touching: str, disputed: str):
    claims = [_with_id(make_claim(label, text), i)
              for label, text, i in (("n", new, 1), ("c", closest, 10), ("t", touching, 11), ("d", disputed, 12))]
    pairs = [(claims[0], other) for other in claims[1:]]
    sims = np.array([0.95, 0.94, 0.93], dtype=np.float32)
    policy = JudgePolicy(min_similarity=0.84, per_claim=1, per_claim_disputed=1)
    assert judged_pairs(pairs, sims, {1}, policy).tolist() == [True, False, True]

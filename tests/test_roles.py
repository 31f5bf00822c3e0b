"""Standing roles read off a claim ("Hifter, comandante del Ejército Nacional de Libia") and the
agreement they give two claims about different events."""

from __future__ import annotations

import dataclasses

from verify.match import classify
from verify.match.roles import role_facts
from verify.records import Claim, Entity, Relation

HAFTAR = ("Jalifa Haftar", "Haftar", "PER")
HIFTER = ("Jalifa Haftar", "Khalifa Hifter", "PER")
LNA = ("Ejército Nacional de Libia", "Ejército Nacional de Libia", "ORG")


def facts(text, *entities):
    return {(f.holder, f.role, f.target) for f in role_facts(text, tuple(entities), "es")}


def test_a_role_after_an_apposition_belongs_to_the_subject():
    text = ("Haftar, aliado de las antiguas autoridades de Tobruk, ha estado al frente del Ejército Nacional "
            "de Libia en la lucha contra los milicianos islamistas.")
    assert facts(text, HAFTAR, LNA, ("Tobruk", "Tobruk", "LOC")) == {
        ("Jalifa Haftar", "leads", "Ejército Nacional de Libia")}


def test_a_role_in_apposition_and_a_spokesman_named_after_his_employer():
    assert facts("El rival general, Khalifa Hifter, comandante del autoproclamado Ejército Nacional de Libia, "
                 "rechazó la reunión.", HIFTER, LNA) == {("Jalifa Haftar", "leads", "Ejército Nacional de Libia")}
    assert facts("El portavoz del Kremlin, Dmitri Peskov, dijo que Moscú no apoya a nadie.",
                 ("Dmitri Peskov", "Dmitri Peskov", "PER"), ("Kremlin", "Kremlin", "ORG"), ("Moscú", "Moscú", "LOC")
                 ) == {("Dmitri Peskov", "speaks for", "Kremlin")}


def test_titles_and_passing_mentions_are_not_roles():
    putin = ("Vladimir Putin", "Vladimir Putin", "PER")
    assert facts("Kim Jong Un viajó a Rusia para una cumbre con el presidente Vladimir Putin.",
                 ("Kim Jong Un", "Kim Jong Un", "PER"), putin) == set()
    assert facts("Lo recibió el presidente sirio, Bashar al Assad, en Damasco.",
                 ("Bashar al Assad", "Bashar al Assad", "PER"), ("Damasco", "Damasco", "LOC")) == set()
    assert facts("El viaje de Putin al país, indicó un vocero del Kremlin, será en otoño.",
                 ("Vladimir Putin", "Putin", "PER"), ("Kremlin", "Kremlin", "ORG")) == set()


def _claim(text, *entities, article="a"):
    return Claim(article_id=article, text=text, start=0, end=len(text), checkworthiness=0.8,
                 entities=tuple(Entity(surface=s, canonical=c, kind=k) for c, s, k in entities))


def test_claims_about_different_events_agree_on_a_shared_role():
    a = _claim("Haftar, aliado de las antiguas autoridades de Tobruk, ha estado al frente del Ejército Nacional "
               "de Libia en la lucha contra los milicianos islamistas.", HAFTAR, LNA, article="000")
    b = _claim("Las fotos muestran un apretón de manos con el rival general, Khalifa Hifter, comandante del "
               "autoproclamado Ejército Nacional de Libia que se encuentra en el este de Libia.", HIFTER, LNA,
               article="004")
    verdict = classify(a, b, similarity=0.85)
    assert verdict.relation == Relation.SUPPORTS
    assert "both state that Jalifa Haftar leads Ejército Nacional de Libia" in verdict.reason
    assert '"frente" / "comandante"' in verdict.reason
    # Far apart in meaning, a role named in passing is not enough.
    assert classify(a, b, similarity=0.72).relation == Relation.UNRELATED


def test_a_different_role_or_holder_is_no_agreement():
    a = _claim("Haftar, aliado de Egipto, ha estado al frente del Ejército Nacional de Libia.", HAFTAR, LNA)
    serraj = ("Fayez Serraj", "Fayez Serraj", "PER")
    b = _claim("Fayez Serraj, rival del Ejército Nacional de Libia, se reunió con Conte en Roma.", serraj, LNA)
    assert classify(a, b, similarity=0.86).relation == Relation.UNRELATED


def test_compare_agrees_on_a_role_across_two_spellings():
    from verify.compare import compare_texts
    from verify.extract import Extractor

    class Same:  # every text the same vector: similarity 1.0, so only the rules decide
        def encode(self, texts):
            import numpy as np

            return np.ones((len(texts), 4), np.float32) / 2.0

    verdict = compare_texts(
        "Haftar, aliado de las antiguas autoridades de Tobruk, ha estado al frente del Ejército Nacional de Libia.",
        "El rival general, Khalifa Hifter, comandante del autoproclamado Ejército Nacional de Libia, rechazó la "
        "reunión.", Same(), Extractor())
    assert verdict.relation == Relation.SUPPORTS
    assert "Khalifa Hifter leads Ejército Nacional de Libia" in verdict.reason


def test_a_role_of_the_speaker_is_attribution_not_agreement():
    peskov = ("Dmitri Peskov", "Dmitri Peskov", "PER")
    kremlin = ("Kremlin", "Kremlin", "ORG")
    a = Claim(article_id="000",
              text="Moscú está en contacto con los libios, ha informado el portavoz del Kremlin, Dmitri Peskov.",
              start=0, end=90, checkworthiness=0.8, speaker="Dmitri Peskov",
              entities=tuple(Entity(surface=s, canonical=c, kind=k) for c, s, k in (peskov, kremlin)))
    b = Claim(article_id="003",
              text="El portavoz del Kremlin, Dmitri Peskov, dijo que Rusia no estaba respaldando a Haftar.",
              start=0, end=86, checkworthiness=0.8, speaker="Dmitri Peskov",
              entities=tuple(Entity(surface=s, canonical=c, kind=k) for c, s, k in (peskov, kremlin)))
    assert classify(a, b, similarity=0.91).relation != Relation.SUPPORTS
    # The same sentences as narration (no speaker) do state the role.
    a0, b0 = (dataclasses.replace(c, speaker=None) for c in (a, b))
    assert classify(a0, b0, similarity=0.91).relation == Relation.SUPPORTS

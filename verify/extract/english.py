"""Claims in languages other than Spanish: sentences (sentencex), check-worthiness, and a speaker,
cue and polarity from plain English patterns ("X said", "according to X", "denied", "allegedly").

No parse: the fallback for any language spaCy's Spanish model cannot read.
"""

from __future__ import annotations

import re

from verify.extract.checkworthy import CLAIM_THRESHOLD, learned_checkworthiness, news_checkworthiness
from verify.extract.entities import AliasTable
from verify.extract.filters import QUOTE_CHARS, not_a_claim, skip_dateline
from verify.extract.sentences import split_sentences
from verify.extract.sides import side_for_phrase
from verify.lang import alternation, lexicon
from verify.records import Claim, Polarity, QuoteKind

_EN = lexicon("en")
_EN_NP = (r"([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}"
          r"(?:\s+(?:officials|spokesman|spokeswoman|spokesperson|sources|authorities|ministry|government|military))?)")
EN_SAID = re.compile(r"(?:,\s*|\b)" + _EN_NP + r"\s+(said|says|told|stated|claimed|denied|added|warned)\b"
                     r"|\b(said|says|told|stated|claimed|denied|added|warned)\s+([A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})")
EN_ACCORDING = re.compile(r"\baccording to ((?:the )?[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3})")
# A denial: a denying verb, a negator or a denial phrase ("no evidence"). "rejects" and "dismissed" deny
# in the matcher's frames but were never read as a denial here; kept so when the lists were merged
# (issue #11), to change with intent.
_NOT_READ_AS_DENIAL = ("rejects", "dismissed")
EN_DENY = re.compile(rf"\b({alternation([w for w in _EN['deny_verbs'] if w not in _NOT_READ_AS_DENIAL])}|"
                     rf"{alternation(_EN['negation_phrases'] + _EN['negators'])})\b", re.I)
# A hedge: "allegedly", a modal ("could", "would"), a source named only by "according to".
EN_HEDGE = re.compile(rf"\b({alternation(_EN['hedge_phrases'] + _EN['according_to'])})\b", re.I)


def extract_other(text: str, language: str, article_id: str, aliases: AliasTable,
                  min_checkworthiness: float = CLAIM_THRESHOLD) -> list[Claim]:
    """The check-worthy claims of a text in `language` (not Spanish); `aliases` gives known speakers' sides."""
    claims = []
    last_speaker = None
    for start, end in split_sentences(text, language):
        start = skip_dateline(text, start, end)
        sentence = text[start:end]
        if not_a_claim(sentence, None):
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
        side = side_for_phrase(speaker or "") or (aliases.side_of(speaker) if speaker else None)
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

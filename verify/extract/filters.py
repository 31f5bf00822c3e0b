"""What is not a claim: boilerplate, credit lines, datelines, questions, headline fragments.

Shared by the Spanish and the other-language readings of `verify.extract.extractor`.
"""

from __future__ import annotations

import re

QUOTE_CHARS = "\"“”«»'‘’"
BOILERPLATE = re.compile(
    r"^(actualizado|publicado|fecha|foto|fotografía|imagen|vídeo|video|fuente|más noticias|leer más|lea también|"
    r"te puede interesar|suscríbete|sumate|síguenos|con información de|este contenido|comparte|compartir|"
    r"etiquetas|temas|noticias relacionadas|relacionado|copyright|©|todos los derechos)\b", re.I)
CREDIT_LINE = re.compile(r"^[A-ZÁÉÍÓÚÑ .\-']{3,}\s*/\s*[A-ZÁÉÍÓÚÑ .\-']{2,}$")  # "ESAM AL-FETORI / REUTERS"
DATELINE = re.compile(r"^[^\n.]{0,60}?\((?:AP|EFE|AFP|EP|Reuters|Reuters/EP|Europa Press|ANSA|Télam|DPA|Xinhua"
                      r"|[A-Z]{2,6})\)\s*[-–—]\s*")


def skip_dateline(text: str, start: int, end: int) -> int:
    m = DATELINE.match(text[start:end])
    if m and m.end() < end - start:
        return start + m.end()
    return start


def not_a_claim(sentence: str, sent) -> bool:
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
        if root is not None and "Imp" in root.morph.get("Mood", []) and not any(ch in s for ch in QUOTE_CHARS):
            return True  # "Sigamos haciendo historia", "Suscríbete"
    return False

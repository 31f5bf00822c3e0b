"""Cleaning article text: drop boilerplate that is not the article's claims, keep an exact offset map.

The cleaner only ever *deletes* runs of the original text (boilerplate lines, datelines, blank-line runs,
surrounding whitespace, invisible characters). It never rewrites a character, so the cleaned text is a
concatenation of original slices and `OffsetMap` maps every cleaned offset back exactly.

The rules are line rules: news text arrives one paragraph a line, and the boilerplate of news sites
(photo credits, timestamps, "Más noticias", donation appeals, share buttons) sits on its own line. Rules
that could also match a real sentence are limited to short lines or to the head/tail of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verify.records import OffsetMap

# Characters with no visible content that scraping leaves in text (zero-width space, BOM, soft hyphen,
# word joiner, the replacement character of a bad decode). Deleting them keeps the delete-only contract.
_INVISIBLE = "\u200b\u2060\ufeff\u00ad\ufffd"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
_STRIP = " \t\r\f\v\u00a0\u2007\u202f\u3000" + _INVISIBLE

_UP = "A-ZÁÉÍÓÚÜÑÀÈÌÒÙÇ"
_LOW = "a-záéíóúüñàèìòùç"
_NUM = r"(?:\d{1,4}|\*NUMBER\*)"  # news_es replaces digits with *NUMBER*

# --- rules --------------------------------------------------------------------------------------

_TIMESTAMP_RE = re.compile(
    r"(?i)^(?:actualizado|actualizada|publicado|publicada|última actualización|ultima actualización|"
    r"fecha de publicación|fecha|updated|published|last updated)\b\s*(?:el|a las|on|at)?\s*[:|]?\s*(?P<when>.*)$")
# A line that is only a date, with or without weekday and time: "martes, 29 de noviembre de 2016 18:42".
_DATE_ONLY_RE = re.compile(
    rf"(?i)^(?:[{_LOW}{_UP}]+,?\s+)?{_NUM}(?:\s+de)?\s+[{_LOW}{_UP}]{{3,10}}\.?(?:\s+de)?,?\s+{_NUM}"
    rf"(?:\s*[,|·-]?\s*{_NUM}:{_NUM}(?:\s*(?:h|hs|hrs|horas)\.?)?(?:\s*\(?[A-Z]{{2,5}}\)?)?)?$"
    rf"|^{_NUM}[/.-]{_NUM}[/.-]{_NUM}(?:\s*[,|·-]?\s*{_NUM}:{_NUM}(?::{_NUM})?(?:\s*(?:h|hs|hrs)\.?)?)?$")

_AGENCIES = (
    "reuters|afp|efe|ap|ep|europa press|dpa|ansa|xinhua|télam|telam|notimex|bloomberg|getty images|getty|"
    "shutterstock|istock|gtres|cuartoscuro|archivo|agencias|agencia|especial|ap photo|afp photo|epa|"
    "sputnik|tass|ria novosti|anadolu|aci prensa|reuters/ep"
)
_AGENCY_ONLY_RE = re.compile(rf"(?i)^\(?(?:{_AGENCIES})(?:\s*/\s*(?:{_AGENCIES}))*\)?\.?$")
_PHOTO_PREFIX_RE = re.compile(
    r"(?i)^\(?(?:foto(?:grafía|grafia)?s?|imagen(?:es)?|crédito(?:s)?|credito(?:s)?|photo|image|cortesía|"
    r"ilustración|ilustracion|vídeo|video)\s*(?::|\||/|-|de archivo\b)")
_CAPTION_TAIL_RE = re.compile(
    rf"(?:(?:\b|(?<=[{_LOW}.]))Foto(?:grafía)?s?:?|\(Foto:?)\s+[{_UP}][\w.'-]*(?:[\s/]+[\w.'-]+){{0,4}}\)?\.?$")
_CAPTION_PREFIX_RE = re.compile(r"(?i)^(?:ampliar (?:la )?imagen|ver (?:la )?imagen|pie de foto|"
                                r"derechos de autor de la imagen)\b")
# El País style: a caption ending in the photographer in capitals and the agency ("... ZOUBEIR SOUISSI REUTERS").
_CAPS_CREDIT_TAIL_RE = re.compile(
    rf"\s[{_UP}][{_UP}'-]+(?:\s+[{_UP}][{_UP}'-]+){{0,3}}\s*/?\s*(?:{_AGENCIES.upper()})$")
# Runs deleted inside a kept line: a parenthesised photo credit, a share button glued to the paragraph.
_INLINE_RE = re.compile(
    r"(?i)\s*\((?:foto|fotos|imagen|fotografía|crédito|credito)s?\s*:[^()\n]{1,80}\)"
    r"|\s*\b(?:comparte|compartir) esta (?:noticia|nota|publicación)\s*$")
_CREDIT_RE = re.compile(
    r"(?i)^[(\[—–-]?\s*(?:con información de|con informacion de|con datos de|información de|"
    r"fuente|fuentes|source|with information from)\s*:?\s+(?P<who>[^\n]{2,80}?)\s*[)\].]?$")
_CREDIT_COLON_ONLY = re.compile(r"(?i)^(?:fuente|fuentes|source)\b")  # "Fuente" needs a colon

# Promotion of other articles. Multi-word phrases may run straight into the promoted headline
# ("Te puede interesar Cholas descubren..."); single words need a colon ("MIRA: ...").
_PROMO_PHRASES = (
    "te puede interesar|también te puede interesar|tambien te puede interesar|te recomendamos|"
    "también te recomendamos|tambien te recomendamos|te sugerimos|lee también|lee tambien|lea también|"
    "lea tambien|leer también|leer tambien|ver también|ver tambien|vea también|vea tambien|mira también|"
    "mira tambien|noticia relacionada|noticias relacionadas|nota relacionada|notas relacionadas|"
    "temas relacionados|artículos relacionados|contenido relacionado|más noticias|mas noticias|"
    "más información|leer más acerca de|leer mas acerca de|leer más|leer mas|lee más|sigue leyendo|"
    "seguir leyendo|continúa leyendo|continua leyendo|lo más leído|lo más visto|archivado en|"
    "read more|related articles|more news"
)
_PROMO_RE = re.compile(rf"(?i)^(?:{_PROMO_PHRASES})\b\s*[:.…-]?")
_PROMO_WORD_RE = re.compile(r"(?i)^(?:mira|lee|lea|video|vídeo|te recomendamos|recomendado|relacionado|"
                            r"en video|galería|galeria|etiquetas|tags|temas)\s*:")
# Markers after which a site lists links: drop the marker and the short link lines after it.
_TAIL_MARKER_RE = re.compile(
    r"(?i)^(?:más noticias|mas noticias|leer más acerca de|leer mas acerca de|noticias relacionadas|"
    r"temas relacionados|notas relacionadas|artículos relacionados|te puede interesar|lo más leído|"
    r"lo más visto|etiquetas|tags|temas|archivado en|more news|related articles)\s*:?$")

_SHARE_RE = re.compile(
    r"(?i)^(?:compartir|comparte|compártelo|share|tweet|tuitear|facebook|twitter|x|whatsapp|telegram|"
    r"linkedin|pinterest|e-?mail|correo|imprimir|print|enviar|copiar enlace|copiar link|publicidad|"
    r"advertising|advertisement|anuncio|cerrar|comentarios|comentar|\d+ comentarios?|ver galería|ver video|"
    r"ver vídeo|ver más|ver mas|reportar error|guardar|escuchar|escuchar nota|escucha esta noticia)\s*[.:!]?$")
_SHARE_PREFIX_RE = re.compile(
    r"(?i)^(?:compart(?:ir|e|í) (?:en|esta|este|la|por)|síguenos|siguenos|sigue(?:nos)? a\b.*\ben "
    r"(?:twitter|facebook|instagram|x|tiktok|youtube|telegram|whatsapp|redes)|suscr[ií]b(?:e|ete|ite|irse)|"
    r"suscripción|recib(?:e|í) (?:nuestro|nuestras|las|los|el)\b.*\b(?:newsletter|boletín|noticias|correo)|"
    r"descarg(?:a|á) (?:la|nuestra) app|haz clic|haga clic|da clic|dale clic|click aquí|clic aquí|"
    r"únete a nuestro|unete a nuestro|sumate a nuestro|súmate a nuestro|escucha (?:la|esta) noticia|"
    r"activa las notificaciones|regístrate|registrate)")
_SPONSOR_RE = re.compile(
    r"(?i)(?:gracias al apoyo de|\bsumate\b|\bsúmate\b|hacete socio|hazte socio|apoy(?:a|á) (?:el|al|nuestro) "
    r"periodismo|haz una donación|hacé una donación|dona ahora|doná ahora|este contenido (?:fue|es) posible|"
    r"contenido patrocinado|patrocinado por|support (?:our|independent) journalism)")
_BYLINE_RE = re.compile(
    rf"^(?:(?:Por|Escrito por|Texto|By)\s*:?\s+[{_UP}][\w.'-]*(?:\s+(?:[{_UP}][\w.'-]*|de|del|y|la|/|and))"
    rf"{{0,6}}|Redacción|Redaccion|Agencias|Staff)(?:\s*[/|,]\s*[\w .]+)?\.?$")

# Datelines: "MOSCÚ 29 Nov. (Reuters/EP) -", "MADRID, 3 (EUROPA PRESS) -", "México.- ",
# "TOLUCA, Edomex. (apro).– ", "PALERMO, Sicilia (AP) - ", "(CNN) - ". A place of capitalised words
# (connectors allowed), an optional region, date and agency in parentheses, then a separator.
_PLACE_WORD = rf"[{_UP}][{_UP}{_LOW}'’]*(?:\.[{_UP}{_LOW}]+)*\.?"
_CONNECT = r"(?:de|del|la|las|los|el|y|da|do|upon|on)"
_PLACE = rf"{_PLACE_WORD}(?:(?:\s+|/|-)(?:{_CONNECT}\s+)?{_PLACE_WORD}){{0,4}}"
_REGION = rf"(?:\s*,\s*{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})?"
_DATE = rf"(?:\s*,?\s*{_NUM}(?:\s+(?:de\s+)?[{_LOW}{_UP}]{{3,10}}\.?)?(?:\s+(?:de\s+)?\d{{4}})?)?"
_AGENCY = r"(?:\s*,?\s*\((?P<agency>[^()\n]{2,40})\))?"
_DATELINE_RE = re.compile(
    rf"^(?P<kicker>[{_UP}][{_LOW}]+(?=[{_UP}]{{2}}))?"
    rf"(?P<dateline>{_PLACE}{_REGION}{_DATE}{_AGENCY})"
    rf"(?P<sep>\s*[.,]?\s*[-–—]+\s*|(?<=\))\s*[.:]\s*|\s*\.\s*[-–—]\s*)")
_AGENCY_DATELINE_RE = re.compile(r"^(?P<dateline>\((?P<agency>[^()\n]{2,30})\))(?P<sep>\s*[-–—]+\s*)")
_CAPS_PLACE_RE = re.compile(rf"^[{_UP}][{_UP}'’ ,.]{{1,40}}$")

_SENTENCE_END = ".:;"


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Cleaned text, its map back to the original, and the metadata the cleaner lifted out."""

    text: str
    offsets: OffsetMap
    dateline: str | None = None
    credit: str | None = None
    title_guess: str | None = None  # a headline line dropped from the text (see `clean_text`)
    date: str | None = None  # ISO 8601, from an "Actualizado: ..." / "Publicado: ..." line
    removed: tuple[tuple[str, str], ...] = ()  # (rule, text removed) for every dropped line or prefix


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.casefold()).strip()


def _words(s: str) -> int:
    return len(s.split())


def _looks_like_sentence(s: str) -> bool:
    return _words(s) >= 8 or (s[-1:] in ".!?…\"»”'" and _words(s) >= 4)


def _is_headline_fragment(s: str) -> bool:
    """A short line that is not a sentence: "Jalifa Haftar", "La NASA recupera el contacto..."."""
    return _words(s) <= 20 and len(s) <= 200 and s[-1:] not in _SENTENCE_END


def _parse_date(when: str) -> str | None:
    when = when.strip(" .|-–—")
    if not when or not re.search(r"\d", when):
        return None
    try:
        import dateparser  # a trafilatura dependency; imported late because it is slow to import
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    parsed = dateparser.parse(when, languages=["es", "en"], settings={"STRICT_PARSING": False})
    if parsed is None:
        return None
    return parsed.date().isoformat() if parsed.hour == parsed.minute == 0 else parsed.isoformat(timespec="minutes")


def match_dateline(line: str) -> re.Match | None:
    """The dateline at the start of `line`, or None. Group `dateline` is the metadata, the match the run to drop."""
    m = _AGENCY_DATELINE_RE.match(line)
    if m:
        return m
    m = _DATELINE_RE.match(line)
    if not m:
        return None
    dl = m.group("dateline")
    rest = line[m.end():]
    dated = bool(re.search(rf"{_NUM}", dl)) or m.group("agency") is not None
    caps = dl.split(",")[0].split("(")[0].strip()
    all_caps = caps.upper() == caps and any(c.isalpha() for c in caps)
    head = line[:m.end()].rstrip()
    dot_dash = bool(re.search(r"\.\s*[-–—]+$", head))  # "México.- " is the Mexican wire style
    dash = bool(re.search(r"[-–—]$", head))
    # " - " alone is also how headlines join a kicker ("Apophis - ..."); ask for caps, a date or an agency.
    if dash and not dot_dash and not (all_caps or dated):
        return None
    if not dash and m.group("agency") is None:
        return None  # "Tel Aviv. El ministro..." is too ambiguous without a dash or an agency
    if rest and not (rest[0].isupper() or rest[0] in "\"«“¿¡'(") :
        return None
    return m


def clean_text(raw: str, *, title: str | None = None) -> CleanResult:
    """Delete boilerplate from one article's text; return the cleaned text and its offset map.

    Dropped lines: photo credits and captions ("ESAM AL-FETORI / REUTERS", "Foto: ...", "... Foto Xinhua"),
    timestamps ("Actualizado: ...", a line that is only a date; the first one becomes `date`), promotion of
    other articles ("Te puede interesar ...", "Lee también: ...", "Más noticias", "Leer más acerca de:" and the
    short link lines after such a marker), share / subscribe / advertising lines, donation and sponsor
    appeals ("Este contenido se hizo gracias al apoyo de ... Sumate."), bylines near the head or tail, and
    source credits ("Con información de Télam", kept as `credit`). A dateline in the first lines
    ("MOSCÚ 29 Nov. (Reuters/EP) -", "México.- ") is kept as `dateline` and deleted (only the prefix when it
    opens a paragraph). The first line is a headline and is dropped when it equals `title`, or, with no
    `title`, when it is a short line that is not a sentence (kept as `title_guess`). Runs of blank lines
    collapse to one blank line; surrounding whitespace and invisible characters are deleted.
    """
    lines: list[tuple[int, int, int]] = []  # (content start, content end, line end)
    pos = 0
    n = len(raw)
    while pos <= n:
        nl = raw.find("\n", pos)
        line_end = n if nl < 0 else nl
        a, b = pos, line_end
        while a < b and raw[a] in _STRIP:
            a += 1
        while b > a and raw[b - 1] in _STRIP:
            b -= 1
        lines.append((a, b, line_end))
        if nl < 0:
            break
        pos = nl + 1

    nonblank = [i for i, (a, b, _) in enumerate(lines) if b > a]
    head_zone = set(nonblank[:4])
    tail_zone = set(nonblank[-2:])
    first = nonblank[0] if nonblank else None

    removed: list[tuple[str, str]] = []
    kept: list[list[int]] = []  # [start, end, line_end, blank_before] per kept line
    dateline = credit = title_guess = date = None
    in_tail_list = False
    blank_pending = False

    def drop(rule: str, a: int, b: int) -> None:
        removed.append((rule, raw[a:b]))

    for i, (a, b, line_end) in enumerate(lines):
        if b <= a:
            blank_pending = True
            continue
        s = raw[a:b]
        words = _words(s)
        # Tail link lists: after "Más noticias" etc., short non-sentence lines are links.
        if in_tail_list:
            if not _looks_like_sentence(s) or _words(s) <= 12 and s[-1:] not in ".!?":
                drop("related", a, b)
                continue
            in_tail_list = False

        if i == first:
            if title and _norm(s) == _norm(title):
                drop("title", a, b)
                continue
            if title and _norm(title) and _norm(s).startswith(_norm(title) + " "):
                # The headline runs into the first paragraph: delete the headline prefix only.
                cut = a + _prefix_len(s, title)
                if cut > a:
                    drop("title", a, cut)
                    a = cut
                    while a < b and raw[a] in _STRIP:
                        a += 1
                    s = raw[a:b]
            elif not title and len(nonblank) > 1 and _is_headline_fragment(s) and not _TIMESTAMP_RE.match(s) \
                    and not match_dateline(s) and not _PHOTO_PREFIX_RE.match(s):
                title_guess = s
                drop("title", a, b)
                continue

        rule = _line_rule(s, words, i in head_zone, i in tail_zone)
        if rule == "timestamp" or rule == "date":
            if date is None:
                m = _TIMESTAMP_RE.match(s)
                date = _parse_date(m.group("when") if m else s)
            drop(rule, a, b)
            continue
        if rule == "credit":
            m = _CREDIT_RE.match(s)
            credit = credit or s.strip("()[]—–- .")
            drop(rule, a, b)
            continue
        if rule == "tail-marker":
            in_tail_list = True
            drop("related", a, b)
            continue
        if rule:
            drop(rule, a, b)
            continue

        if dateline is None and i in head_zone:
            m = match_dateline(s)
            if m:
                dateline = m.group("dateline").strip()
                if m.end() >= len(s.rstrip(" -–—.")):
                    drop("dateline", a, b)
                    continue
                drop("dateline", a, a + m.end())
                a += m.end()
                s = raw[a:b]
            elif _CAPS_PLACE_RE.match(s) and _words(s) <= 4 and i != first and len(s) > 2:
                # A place alone on its line before the body ("CIUDAD DE MÉXICO", "MADRID.").
                dateline = s.rstrip(". ,")
                drop("dateline", a, b)
                continue
        kept.append([a, b, line_end, blank_pending])
        blank_pending = False

    # Assemble: kept line contents joined by one original "\n" (or two across a blank line).
    spans: list[tuple[int, int]] = []
    prev_line_end = None
    for a, b, line_end, blank_before in kept:
        if prev_line_end is not None:
            spans.append((prev_line_end, prev_line_end + 1))
            if blank_before:
                # Keep one blank line: the newline that ends the (blank or dropped) line before this one.
                j = raw.rfind("\n", 0, a)
                if j > prev_line_end:
                    spans.append((j, j + 1))
        spans.extend(_inline_deletions(raw, a, b, removed))
        prev_line_end = line_end
    text, offsets = _assemble(raw, spans)
    return CleanResult(text=text, offsets=offsets, dateline=dateline, credit=credit, title_guess=title_guess,
                       date=date, removed=tuple(removed))


def _prefix_len(s: str, title: str) -> int:
    """Length of the prefix of `s` that spells `title` (ignoring case, punctuation and spacing)."""
    target = _norm(title)
    for k in range(len(s) + 1):
        if _norm(s[:k]) == target and (k == len(s) or not s[k].isalnum()):
            # Extend over closing punctuation that belongs to the headline.
            while k < len(s) and not s[k].isalnum() and not s[k].isspace() and s[k] not in "\"«“¿¡(":
                k += 1
            return k
    return 0


def _line_rule(s: str, words: int, head: bool, tail: bool) -> str | None:
    """The boilerplate rule a whole line matches, or None when it is article text."""
    if _TAIL_MARKER_RE.match(s):
        return "tail-marker"
    if words <= 15 and _TIMESTAMP_RE.match(s) and re.search(r"\d", s):
        return "timestamp"
    if words <= 10 and _DATE_ONLY_RE.match(s):
        return "date"
    if words <= 14:
        m = _CREDIT_RE.match(s)
        if m and (not _CREDIT_COLON_ONLY.match(s) or ":" in s[:12]):
            return "credit"
    if words <= 15 and _PHOTO_PREFIX_RE.match(s):
        return "photo-credit"
    if words <= 8 and "/" in s and _is_credit_pair(s):
        return "photo-credit"
    if words <= 4 and _AGENCY_ONLY_RE.match(s):
        return "photo-credit"
    if words <= 60 and (_CAPTION_TAIL_RE.search(s) or _CAPTION_PREFIX_RE.match(s) or _CAPS_CREDIT_TAIL_RE.search(s)):
        return "photo-caption"
    if words <= 40 and (_PROMO_RE.match(s) or _PROMO_WORD_RE.match(s)):
        return "related"
    if words <= 6 and _SHARE_RE.match(s):
        return "share"
    if words <= 30 and _SHARE_PREFIX_RE.match(s):
        return "share"
    if words <= 40 and _SPONSOR_RE.search(s):
        return "sponsor"
    if (head or tail) and words <= 9 and _BYLINE_RE.match(s):
        return "byline"
    return None


def _is_credit_pair(s: str) -> bool:
    """ "ESAM AL-FETORI / REUTERS", "EFE/Archivo", "Carlos Barria / Reuters": a name and an agency."""
    if re.search(r"\d|\*NUMBER\*", s):
        return False  # "EXPEDIENTE 12/2018" is a reference, not a credit
    parts = [p.strip(" ()") for p in s.split("/")]
    if len(parts) < 2 or not all(sum(c.isalpha() for c in p) >= 2 for p in parts):
        return False
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return True
    return any(re.fullmatch(rf"(?i)(?:{_AGENCIES})", p) for p in parts[1:])


def _inline_deletions(raw: str, a: int, b: int, removed: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """The kept spans of line [a, b) once inline credits, share buttons and invisible characters are cut."""
    cuts = [(m.start(), m.end()) for m in _INVISIBLE_RE.finditer(raw, a, b)]
    line = raw[a:b]
    for m in _INLINE_RE.finditer(line):
        cuts.append((a + m.start(), a + m.end()))
        removed.append(("inline", m.group().strip()))
    spans = []
    for s, e in sorted(cuts):
        if s > a:
            spans.append((a, s))
        a = max(a, e)
    if b > a:
        spans.append((a, b))
    return spans


def _assemble(raw: str, spans: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    """Concatenate original slices; one anchor per run of slices contiguous in the original."""
    parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    clean_pos = 0
    prev_end = None
    for a, b in spans:
        if b <= a:
            continue
        if prev_end != a:
            anchors.append((clean_pos, a))
        parts.append(raw[a:b])
        clean_pos += b - a
        prev_end = b
    return "".join(parts), OffsetMap(tuple(anchors) or ((0, 0),))

"""What boilerplate looks like: the line rules `verify.ingest.clean` deletes news-site boilerplate by.

The rules are line rules: news text arrives one paragraph a line, and the boilerplate of news sites
(photo credits, timestamps, "Más noticias", donation appeals, share buttons) sits on its own line. Rules
that could also match a real sentence are limited to short lines or to the head/tail of the article.
"""

from __future__ import annotations

import re

_UP = "A-ZÁÉÍÓÚÜÑÀÈÌÒÙÇ"
_LOW = "a-záéíóúüñàèìòùç"
_NUM = r"(?:\d{1,4}|\*NUMBER\*)"  # news_es replaces digits with *NUMBER*

# --- rules --------------------------------------------------------------------------------------

TIMESTAMP_RE = re.compile(
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
PHOTO_PREFIX_RE = re.compile(
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
INLINE_RE = re.compile(
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
CAPS_PLACE_RE = re.compile(rf"^[{_UP}][{_UP}'’ ,.]{{1,40}}$")


def line_rule(s: str, words: int, head: bool, tail: bool) -> str | None:
    """The boilerplate rule a whole line matches, or None when it is article text."""
    if _TAIL_MARKER_RE.match(s):
        return "tail-marker"
    if words <= 15 and TIMESTAMP_RE.match(s) and re.search(r"\d", s):
        return "timestamp"
    if words <= 10 and _DATE_ONLY_RE.match(s):
        return "date"
    if words <= 14:
        m = _CREDIT_RE.match(s)
        if m and (not _CREDIT_COLON_ONLY.match(s) or ":" in s[:12]):
            return "credit"
    if words <= 15 and PHOTO_PREFIX_RE.match(s):
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

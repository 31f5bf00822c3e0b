"""What ingest yields: an `Article` built from cleaned text, or a `Rejected` naming why a source gave none.

Every reader (files, stdin, URLs) ends here: raw text is checked (length, NUL characters), cleaned
(`verify.ingest.clean`), and wrapped with its metadata, content hash and language.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from verify.errors import InputError
from verify.ingest import limits
from verify.ingest.clean import CleanResult, clean_text, parse_date
from verify.lang import detect_language
from verify.records import Article, OffsetMap

_MIN_HTML_WORDS = 10  # less than this from a page is navigation, not an article


@dataclass(frozen=True, slots=True)
class Rejected:
    """A source, JSONL line or CSV row that gave no article, and why (one line, names the problem).

    `skipped` marks files inside a folder that verify does not read (unknown extension): they are
    listed, not counted as errors.
    """

    source: str
    reason: str
    skipped: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def article_from_text(raw: str, *, source: str, id: str | None = None, title: str | None = None,
                      date: str | None = None, url: str | None = None, outlet: str | None = None) -> Article:
    """Clean `raw` and wrap it as an `Article`; raise `InputError` when no article text is left.

    `id` defaults to the first 16 hex digits of the content hash. `title` and `date` default to what the
    cleaner found (a headline line, an "Actualizado: ..." line). The language is detected here.
    """
    check_text(raw, source)
    cleaned = clean_text(raw, title=title)
    return article_from_cleaned(raw, cleaned, source=source, id=id, title=title, date=date, url=url, outlet=outlet)


def article_from_html(html: str, *, source: str, id: str | None = None, url: str | None = None) -> Article:
    """Extract the main text of an HTML page with trafilatura, then clean it like any text.

    Title, date and outlet come from the page's metadata. `original_text` is the extracted text (offsets
    map into it), not the HTML. Raise `InputError` when the page has no article text.
    """
    import trafilatura  # heavy: lxml, justext, htmldate

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(text.split()) < _MIN_HTML_WORDS or not any(len(line.split()) >= 6 for line in text.splitlines()):
        raise InputError("no article text found in the HTML page (only navigation or nothing at all)",
                         source=source)
    check_text(text, source)
    title = getattr(doc, "title", None) or None
    cleaned = clean_text(text, title=title)
    return article_from_cleaned(text, cleaned, source=source, id=id, title=title, date=getattr(doc, "date", None),
                    url=url or getattr(doc, "url", None), outlet=getattr(doc, "sitename", None) or None)


def article_from_record(record: object, *, source: str, default_id: str | None = None) -> Article:
    """An `Article` from one JSON object of an export: `text` required; `title`, `date`, `url`,
    `source` (the outlet) and `id` optional. Raise `InputError` naming the problem."""
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object with a 'text' field, got {type(record).__name__}", source=source)
    if "text" not in record:
        raise InputError(f"JSON object has no 'text' field (fields: {', '.join(sorted(map(str, record))) or 'none'})",
                         source=source)
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, got {type(text).__name__}", source=source)
    rid = record.get("id")
    if rid is not None and not isinstance(rid, (str, int)):
        raise InputError(f"'id' must be a string or a number, got {type(rid).__name__}", source=source)
    for key in ("text", "title", "date", "url", "source", "outlet", "id"):
        _check_encodable(record.get(key), key, source)
    return article_from_text(
        text, source=source, id=str(rid) if rid not in (None, "") else default_id,
        title=_opt_str(record.get("title")), date=_opt_str(record.get("date")), url=_opt_str(record.get("url")),
        outlet=_opt_str(record.get("source") or record.get("outlet")))


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_from_cleaned(raw: str, cleaned: CleanResult, *, source: str, id: str | None, title: str | None,
                         date: str | None, url: str | None, outlet: str | None) -> Article:
    """The `Article` of `raw` given its cleaning; raise `InputError` when the cleaning left no text."""
    text = cleaned.text
    if not text.strip():
        what = "empty (only whitespace)" if not raw.strip() else "only boilerplate, no article text"
        raise InputError(what, source=source)
    digest = content_hash(text)
    return Article(
        id=id or digest[:16],
        text=text,
        source=source,
        content_hash=digest,
        title=(title or cleaned.title_guess or None),
        outlet=outlet,
        date=_iso_date(date) or cleaned.date,
        url=url,
        language=detect_language(text),
        dateline=cleaned.dateline,
        credit=cleaned.credit,
        original_text=raw if raw != text else None,
        offsets=cleaned.offsets if raw != text else OffsetMap(),
    )


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", value):
        return value.replace(" ", "T")
    return parse_date(value)


def _opt_str(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def check_text(text: str, source: str) -> None:
    """Refuse, as one rejected item, a text the later stages cannot take: an over-long one (the extractor
    refuses it too, but with an error that ends its whole batch, after seconds of cleaning) or one
    with NUL characters (binary data past the sniffed head, or a JSON "\\u0000")."""
    if len(text) > limits.MAX_ARTICLE_CHARS:
        raise InputError(f"text is {len(text):,} characters; an article is at most {limits.MAX_ARTICLE_CHARS:,} "
                         f"(split it into separate articles)", source=source)
    if "\x00" in text:
        raise InputError("text holds NUL characters: binary data, not an article", source=source)


def _check_encodable(value: object, key: str, source: str) -> None:
    """A JSON "\\ud800" escape decodes to a lone surrogate, which no UTF-8 writer (hashing, SQLite) takes."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"'{key}' holds an invalid \\u escape (a lone surrogate); fix the export's encoding",
                             source=source) from None


def rejection_reason(err: InputError) -> str:
    """The message without the "source: " prefix, since `Rejected.source` names it already."""
    msg = str(err)
    if err.source and msg.startswith(f"{err.source}: "):
        return msg[len(err.source) + 2:]
    return msg

"""Ingest: turn user sources (files, folders, URLs, stdin) into cleaned `Article` records.

Pure I/O and cleaning: no index, no model. `iter_sources` is a generator that yields an `Article` for each
article read and a `Rejected` for each source (or JSONL line / CSV row) that cannot be used, so a batch
with some bad files still yields the good ones; the pipeline decides what to do with the rejections.

Decoding: bytes are read as UTF-8 (a BOM is dropped; a UTF-16 or UTF-32 BOM is honoured, and UTF-16
without a BOM is known by its every-other-byte NULs). When they are not valid UTF-8 but decode
cleanly as Windows-1252 with no control characters, they are read as Windows-1252 (Latin-1 exports
of Spanish newsrooms are common); anything else is rejected as "not UTF-8 text". Other files with
NUL bytes or mostly control bytes are rejected as binary.

Size: a file read whole (.txt, .md, .html, .json, text on stdin) over `MAX_FILE_BYTES` is rejected
from its size on disk, without reading it. JSONL and CSV are streamed, so they have no whole-file
limit; each line / row over `MAX_FILE_BYTES` is rejected on its own. An article whose text is over
`MAX_ARTICLE_CHARS` (the most the extractor takes) is rejected here, as one item, before cleaning.

URLs: a download has one deadline for everything (DNS, connect, headers, body), `FETCH_TIMEOUT_S` or
the seconds in $VERIFY_FETCH_TIMEOUT, and the `MAX_FILE_BYTES` size limit; either gives a `Rejected`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import queue
import re
import socket
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence, TextIO

from verify.errors import InputError
from verify.ingest.clean import CleanResult, clean_text
from verify.records import Article, OffsetMap

__all__ = [
    "FETCH_TIMEOUT_S",
    "MAX_ARTICLE_CHARS",
    "MAX_FILE_BYTES",
    "SUFFIXES",
    "Rejected",
    "CleanResult",
    "iter_sources",
    "clean_text",
    "article_from_text",
    "article_from_html",
    "article_from_record",
    "decode_bytes",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".json", ".jsonl", ".csv")
MAX_ARTICLE_CHARS = 2_000_000  # = verify.extract.extractor.MAX_TEXT, which refuses a whole batch over it
FETCH_TIMEOUT_S = 30.0  # total for one URL: DNS, connect, headers and body
FETCH_TIMEOUT_ENV = "VERIFY_FETCH_TIMEOUT"
_FETCH_CHUNK = 64 * 1024
_SNIFF_BYTES = 64 * 1024
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


# --- public API ---------------------------------------------------------------------------------


def iter_sources(sources: Sequence[str], *, stdin: TextIO | None = None) -> Iterator[Article | Rejected]:
    """Yield an `Article` or a `Rejected` for everything in `sources`, in order.

    A source is a file path (.txt, .md, .html/.htm, .json, .jsonl, .csv), a folder (read recursively in
    sorted order; hidden files and folders are ignored, files with other extensions are yielded as
    `Rejected(skipped=True)`), "-" for stdin (text, or JSONL when its first line is a JSON object) or an
    http(s) URL. Nothing is raised for bad input: every problem is a `Rejected` naming it.
    """
    for source in sources:
        if source == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin)
        elif re.match(r"(?i)^https?://", source):
            yield _read_url(source)
        else:
            path = Path(source)
            if path.is_dir():
                yield from _read_folder(path)
            elif path.exists():
                yield from _read_file(path)
            else:
                yield Rejected(source, "no such file or folder")


def article_from_text(raw: str, *, source: str, id: str | None = None, title: str | None = None,
                      date: str | None = None, url: str | None = None, outlet: str | None = None) -> Article:
    """Clean `raw` and wrap it as an `Article`; raise `InputError` when no article text is left.

    `id` defaults to the first 16 hex digits of the content hash. `title` and `date` default to what the
    cleaner found (a headline line, an "Actualizado: ..." line). The language is detected here.
    """
    _check_text(raw, source)
    cleaned = clean_text(raw, title=title)
    return _article(raw, cleaned, source=source, id=id, title=title, date=date, url=url, outlet=outlet)


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
    _check_text(text, source)
    title = getattr(doc, "title", None) or None
    cleaned = clean_text(text, title=title)
    return _article(text, cleaned, source=source, id=id, title=title, date=getattr(doc, "date", None),
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


def decode_bytes(data: bytes) -> str:
    """Text from file bytes (see the module docstring for the rules); raise `InputError` if not text."""
    encoding = _sniff_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text (undecodable bytes); convert it to UTF-8") from None
    if "\x00" in text:
        raise InputError("binary file (contains NUL bytes), not text")
    return text


# --- articles -----------------------------------------------------------------------------------


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _article(raw: str, cleaned: CleanResult, *, source: str, id: str | None, title: str | None,
             date: str | None, url: str | None, outlet: str | None) -> Article:
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


_langid = None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text` (py3langid on its first 2,000 characters), None for text with no letters."""
    global _langid
    sample = text[:2000]
    if not any(c.isalpha() for c in sample):
        return None
    if _langid is None:
        import py3langid  # loads its model on import: only when an article needs it

        _langid = py3langid
    return _langid.classify(sample)[0]


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", value):
        return value.replace(" ", "T")
    from verify.ingest.clean import _parse_date

    return _parse_date(value)


def _opt_str(value: object) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _check_text(text: str, source: str) -> None:
    """Refuse, as one rejected item, a text the later stages cannot take: an over-long one (the extractor
    refuses it too, but with an error that ends its whole batch, after seconds of cleaning) or one
    with NUL characters (binary data past the sniffed head, or a JSON "\\u0000")."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(f"text is {len(text):,} characters; an article is at most {MAX_ARTICLE_CHARS:,} "
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


# --- sources ------------------------------------------------------------------------------------


def _read_folder(folder: Path) -> Iterator[Article | Rejected]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if path.suffix.lower() not in SUFFIXES:
                yield Rejected(str(path), f"skipped: unknown extension '{path.suffix or '(none)'}' "
                                          f"(verify reads {', '.join(SUFFIXES)})", skipped=True)
                continue
            yield from _read_file(path)


def _read_file(path: Path) -> Iterator[Article | Rejected]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Rejected(source, f"unknown file type '{path.suffix or '(none)'}'; verify reads {', '.join(SUFFIXES)}")
        return
    try:
        size = path.stat().st_size
        if suffix in (".jsonl", ".csv"):
            yield from (_read_jsonl if suffix == ".jsonl" else _read_csv)(path)
            return
        if size > MAX_FILE_BYTES:
            yield Rejected(source, f"file is {size / 2**20:.1f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit "
                                   f"for one article; split it or use JSONL")
            return
        if size == 0:
            yield Rejected(source, "empty file")
            return
        text = decode_bytes(path.read_bytes())
        if suffix in HTML_SUFFIXES:
            yield article_from_html(text, source=source, id=path.stem)
        elif suffix == ".json":
            yield from _read_json(text, path)
        elif suffix == ".md":
            yield _article_from_markdown(text, source=source, id=path.stem)
        else:
            yield article_from_text(text, source=source, id=path.stem)
    except InputError as err:
        yield Rejected(source, _reason(err))
    except OSError as err:
        yield Rejected(source, f"cannot read: {err.strerror or err}")


def _reason(err: InputError) -> str:
    """The message without the "source: " prefix, since `Rejected.source` names it already."""
    msg = str(err)
    if err.source and msg.startswith(f"{err.source}: "):
        return msg[len(err.source) + 2:]
    return msg


def _read_json(text: str, path: Path) -> Iterator[Article | Rejected]:
    source = str(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield Rejected(source, f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}")
        return
    except RecursionError:
        yield Rejected(source, _TOO_DEEP)
        return
    if isinstance(data, list):
        for i, record in enumerate(data, 1):
            try:
                yield article_from_record(record, source=source)
            except InputError as err:
                yield Rejected(f"{source}:item {i}", _reason(err))
    else:
        yield article_from_record(data, source=source, default_id=path.stem)


_TOO_DEEP = "JSON nested too deeply to read (an article is an object with a 'text' field)"


def _lines_limited(stream: IO) -> Iterator[tuple[int, bytes | str | None]]:
    """(line number, line) for each line of a bytes or text stream; the line is None when it is over
    `MAX_FILE_BYTES` (skipped unread)."""
    n = 0
    while True:
        line = stream.readline(MAX_FILE_BYTES + 1)
        if not line:
            return
        n += 1
        if len(line) > MAX_FILE_BYTES and line[-1:] not in (b"\n", "\n"):
            while line and line[-1:] not in (b"\n", "\n"):  # skip the rest of the oversized line in chunks
                line = stream.readline(1 << 20)
            yield n, None
            continue
        yield n, line


def _read_jsonl(path: Path) -> Iterator[Article | Rejected]:
    source = str(path)
    with open(path, "rb") as f:
        head = f.read(_SNIFF_BYTES)
        try:
            encoding = _sniff_encoding(head, partial=True)
        except InputError as err:
            yield Rejected(source, _reason(err))
            return
        f.seek(0)
        if encoding not in _WIDE:  # lines split as bytes, so one undecodable line is rejected alone
            yield from _jsonl_records(_lines_limited(f), source=source, encoding=encoding, empty_reason="empty file")
            return
        try:
            text = io.TextIOWrapper(f, encoding=encoding, newline="")
            yield from _jsonl_records(_lines_limited(text), source=source, encoding=encoding,
                                      empty_reason="empty file")
        except UnicodeDecodeError:
            yield Rejected(source, f"not {encoding.upper()} text (undecodable bytes further in the file)")


def _jsonl_records(lines: Iterable[tuple[int, bytes | str | None]], *, source: str, encoding: str,
                   empty_reason: str) -> Iterator[Article | Rejected]:
    any_line = False
    for n, line in lines:
        where = f"{source}:line {n}"
        if line is None:
            any_line = True
            yield Rejected(where, f"line is over the {MAX_FILE_BYTES // 2**20} MB limit")
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode(encoding)
            except UnicodeDecodeError:
                any_line = True
                yield Rejected(where, "not UTF-8 text (undecodable bytes)")
                continue
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        any_line = True
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Rejected(where, f"invalid JSON: {err.msg} (column {err.colno})")
            continue
        except RecursionError:
            yield Rejected(where, _TOO_DEEP)
            continue
        try:
            yield article_from_record(record, source=source)
        except InputError as err:
            yield Rejected(where, _reason(err))
    if not any_line:
        yield Rejected(source, empty_reason)


def _read_csv(path: Path) -> Iterator[Article | Rejected]:
    source = str(path)
    with open(path, "rb") as raw:
        head = raw.read(_SNIFF_BYTES)
        if not head:
            yield Rejected(source, "empty file")
            return
        try:
            encoding = _sniff_encoding(head, partial=True)
        except InputError as err:
            yield Rejected(source, _reason(err))
            return
    csv.field_size_limit(MAX_FILE_BYTES)
    with open(path, encoding=encoding, newline="") as f:
        try:
            reader = csv.DictReader(f)
            fields = reader.fieldnames or []
            by_lower = {name.strip().lower(): name for name in fields if name}
            if "text" not in by_lower:
                yield Rejected(source, f"CSV has no 'text' column (columns: {_list_columns(fields)})")
                return
            any_row = False
            for row in reader:
                any_row = True
                where = f"{source}:line {reader.line_num}"
                record = {key: row.get(by_lower[key]) for key in ("text", "title", "date", "url", "source", "id")
                          if key in by_lower}
                if record["text"] is None:
                    yield Rejected(where, "row has no value in the 'text' column")
                    continue
                try:
                    yield article_from_record(record, source=source)
                except InputError as err:
                    yield Rejected(where, _reason(err))
            if not any_row:
                yield Rejected(source, "CSV has a header but no rows")
        except UnicodeDecodeError:
            yield Rejected(source, "not UTF-8 text (undecodable bytes further in the file)")
        except csv.Error as err:
            yield Rejected(f"{source}:line {reader.line_num}", f"malformed CSV: {err}")


def _list_columns(fields: Sequence[str], most: int = 8) -> str:
    """The header's column names for a one-line message: each on one line and short, at most `most`."""
    names = [" ".join("".join(c if c.isprintable() else " " for c in str(name)).split())[:40] or "''"
             for name in fields]
    if len(names) > most:
        names = names[:most] + [f"and {len(names) - most} more"]
    return ", ".join(names) or "none"


def _article_from_markdown(text: str, *, source: str, id: str) -> Article:
    """Markdown: delete syntax (front matter, heading marks, link targets, images) before cleaning."""
    _check_text(text, source)
    front, spans = _markdown_spans(text)
    plain = "".join(text[a:b] for a, b in spans)
    inner = _offsets_of(spans)
    cleaned = clean_text(plain, title=front.get("title"))
    offsets = _compose(cleaned.offsets, len(cleaned.text), inner, len(plain))
    cleaned = CleanResult(cleaned.text, offsets, cleaned.dateline, cleaned.credit, cleaned.title_guess,
                          cleaned.date, cleaned.removed)
    return _article(text, cleaned, source=source, id=id, title=front.get("title"), date=front.get("date"),
                    url=front.get("url"), outlet=front.get("source"))


_MD_FRONT_RE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_MD_SYNTAX_RE = re.compile(
    r"<!--.*?-->"  # comments
    r"|!\[[^\]\n]*\]\([^)\n]*\)"  # images
    r"|(?<=\])\([^)\n]*\)"  # link targets: "[texto](url)" keeps "texto"
    r"|\[(?=[^\]\n]*\]\()"  # the "[" that opens a link
    r"|\](?=\()"  # the "]" that closes a link text
    r"|^[ \t]{0,3}#{1,6}[ \t]+"  # heading marks
    r"|^[ \t]{0,3}>[ \t]?"  # block quotes
    r"|\*\*|__",  # bold marks (single * is left alone: news_es uses *NUMBER*)
    re.M | re.S)


def _markdown_spans(text: str) -> tuple[dict[str, str], list[tuple[int, int]]]:
    front: dict[str, str] = {}
    start = 0
    m = _MD_FRONT_RE.match(text)
    if m:
        for line in m.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in ("title", "date", "url", "source"):
                front[key.strip().lower()] = value.strip().strip("'\"")
        start = m.end()
    spans = []
    pos = start
    for m in _MD_SYNTAX_RE.finditer(text, start):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < len(text):
        spans.append((pos, len(text)))
    return front, spans


def _offsets_of(spans: list[tuple[int, int]]) -> OffsetMap:
    anchors, pos = [], 0
    for a, b in spans:
        anchors.append((pos, a))
        pos += b - a
    return OffsetMap(tuple(anchors) or ((0, 0),))


def _compose(outer: OffsetMap, outer_len: int, inner: OffsetMap, inner_len: int) -> OffsetMap:
    """The map clean -> original from clean -> intermediate (`outer`) and intermediate -> original."""
    inner_starts = [a for a, _ in inner.anchors] + [inner_len]
    anchors: list[tuple[int, int]] = []
    outer_bounds = list(outer.anchors) + [(outer_len, None)]
    for (c0, t0), (c1, _) in zip(outer_bounds, outer_bounds[1:]):
        length = c1 - c0
        pos = 0
        while pos < length:
            t = t0 + pos
            nxt = next((s for s in inner_starts if s > t), inner_len)
            o = inner.to_original(t)
            if not anchors or anchors[-1][1] + (c0 + pos - anchors[-1][0]) != o:
                anchors.append((c0 + pos, o))
            pos += max(1, min(length - pos, nxt - t))
    return OffsetMap(tuple(anchors) or ((0, 0),))


def _read_stdin(stream: TextIO) -> Iterator[Article | Rejected]:
    source = "-"
    buffer = getattr(stream, "buffer", None)
    text_stream: TextIO = (io.TextIOWrapper(buffer, encoding="utf-8-sig", errors="strict", newline="")
                           if buffer is not None else stream)
    try:
        first = text_stream.readline(MAX_FILE_BYTES + 1)
        blanks = ""
        while first and not first.strip():
            blanks += first
            first = text_stream.readline(MAX_FILE_BYTES + 1)
        if first.lstrip("\ufeff").lstrip().startswith("{") and _is_json_object(first):
            def lines() -> Iterator[tuple[int, str | None]]:
                n = blanks.count("\n") + 1
                yield n, first
                for line in text_stream:
                    n += 1
                    yield n, (line if len(line) <= MAX_FILE_BYTES else None)

            yield from _jsonl_records(lines(), source=source, encoding="utf-8", empty_reason="empty input")
            return
        rest = text_stream.read(MAX_FILE_BYTES + 1)
        text = blanks + first + rest
        if len(text) > MAX_FILE_BYTES:
            yield Rejected(source, f"standard input is over the {MAX_FILE_BYTES // 2**20} MB limit for one article")
            return
        if "\x00" in text:
            yield Rejected(source, "binary data on standard input (contains NUL bytes)")
            return
        if not text.strip():
            yield Rejected(source, "empty input")
            return
        yield article_from_text(text.lstrip("\ufeff"), source=source)
    except UnicodeDecodeError:
        yield Rejected(source, "not UTF-8 text (undecodable bytes on standard input)")
    except InputError as err:
        yield Rejected(source, _reason(err))
    finally:
        if buffer is not None:
            text_stream.detach()  # leave sys.stdin usable


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _fetch_timeout() -> float:
    """The download deadline in seconds: $VERIFY_FETCH_TIMEOUT when set, else `FETCH_TIMEOUT_S`."""
    raw = os.environ.get(FETCH_TIMEOUT_ENV, "").strip()
    if not raw:
        return FETCH_TIMEOUT_S
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):  # NaN fails too
        raise InputError(f"{FETCH_TIMEOUT_ENV} must be a number of seconds above 0, got {raw!r}")
    return seconds


def _too_slow(seconds: float) -> str:
    return (f"took longer than {seconds:g} s to download; nothing was added from it "
            f"(set {FETCH_TIMEOUT_ENV} to wait longer)")


def _too_large(limit: int) -> str:
    size = f"{limit / 2**20:g} MB" if limit >= 2**20 else f"{limit:,} bytes"
    return f"page is larger than {size}, the limit for one article; nothing was added from it"


def _fetch_url(url: str) -> tuple[bytes, str | None]:
    """Download `url`; return its bytes and declared charset.

    Raise `InputError` when the deadline (`_fetch_timeout`) or the size limit (`MAX_FILE_BYTES`) is hit;
    OSError or http.client's errors when the fetch fails. The download runs on a daemon thread and
    the caller stops waiting at the deadline, whatever the thread is doing: a socket timeout bounds
    each read, not their sum, and does not bound a DNS lookup at all. Giving up shuts the thread's
    sockets, so a read it is blocked in (a server trickling its headers) returns and the thread ends.
    """
    seconds = _fetch_timeout()
    deadline = time.monotonic() + seconds
    limit = MAX_FILE_BYTES
    connections: list = []  # the thread's http.client connections, to shut on giving up
    outcome: queue.Queue = queue.Queue(maxsize=1)

    def work() -> None:
        try:
            outcome.put((_download(url, deadline, limit, connections), None))
        except Exception as err:  # raised again on the caller's thread
            outcome.put((None, err))

    threading.Thread(target=work, name="verify-fetch", daemon=True).start()
    try:
        result, error = outcome.get(timeout=max(0.0, deadline - time.monotonic()))
    except queue.Empty:
        _shut(connections)
        raise InputError(_too_slow(seconds)) from None
    if isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError):
        raise InputError(_too_slow(seconds)) from None
    if error is not None:
        raise error
    return result


def _download(url: str, deadline: float, limit: int, connections: list) -> tuple[bytes, str | None]:
    """`url`'s body and charset, read in chunks; TimeoutError past `deadline` (monotonic), InputError
    past `limit` bytes.

    The socket timeout is what is left of the deadline, so connecting or any one read gives up by
    then; between chunks the deadline itself is checked, since a server that sends a byte every few
    seconds never trips a socket timeout. `read1` returns what one read got, never waits for more.
    Each connection opened (redirects open more) is appended to `connections`.
    """
    import urllib.request

    class Listed:
        def do_open(self, http_class, req, **kwargs):
            def connection(*args, **kw):
                connections.append(http_class(*args, **kw))
                return connections[-1]

            return super().do_open(connection, req, **kwargs)

    class HTTP(Listed, urllib.request.HTTPHandler):
        pass

    class HTTPS(Listed, urllib.request.HTTPSHandler):
        pass

    request = urllib.request.Request(url, headers={"User-Agent": "verify/0.1 (+newsroom fact-checking)"})
    left = max(0.001, deadline - time.monotonic())
    with urllib.request.build_opener(HTTP, HTTPS).open(request, timeout=left) as response:
        declared = response.headers.get("Content-Length", "").strip()
        if declared.isdigit() and int(declared) > limit:
            raise InputError(_too_large(limit))
        chunks, size = [], 0
        while chunk := response.read1(_FETCH_CHUNK):
            size += len(chunk)
            if size > limit:
                raise InputError(_too_large(limit))
            if time.monotonic() > deadline:
                raise TimeoutError("download deadline passed")
            chunks.append(chunk)
        return b"".join(chunks), response.headers.get_content_charset()


def _shut(connections: list) -> None:
    """Shut the connections' sockets: a read blocked on one returns at once (closing does not do that)."""
    for connection in connections:
        sock = getattr(connection, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed


def _read_url(url: str) -> Article | Rejected:
    try:
        data, charset = _fetch_url(url)
    except InputError as err:  # a limit was hit
        return Rejected(url, _reason(err))
    except Exception as err:  # URLError, HTTP errors, refused connections: all say "could not fetch"
        reason = getattr(err, "reason", None) or err
        return Rejected(url, f"could not fetch URL (no network?): {reason}")
    if len(data) > MAX_FILE_BYTES:
        return Rejected(url, _too_large(MAX_FILE_BYTES))
    try:
        html = data.decode(charset) if charset else decode_bytes(data)
    except (UnicodeDecodeError, LookupError):
        try:
            html = decode_bytes(data)
        except InputError as err:
            return Rejected(url, _reason(err))
    except InputError as err:
        return Rejected(url, _reason(err))
    try:
        return article_from_html(html, source=url, id="url-" + content_hash(url)[:16], url=url)
    except InputError as err:
        return Rejected(url, _reason(err))


# --- bytes --------------------------------------------------------------------------------------

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13} | {127}
_WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32")  # encodings where a b"\n" byte is not a line end


def _bomless_utf16(head: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" for text saved as UTF-16 without a byte-order mark (Windows tools do),
    else None. Latin-script text in UTF-16 has a NUL in nearly every other byte and none in the rest."""
    even, odd = head[0::2], head[1::2]
    if len(odd) < 2:
        return None
    if b"\x00" not in even and odd.count(0) >= 0.9 * len(odd):
        return "utf-16-le"
    if b"\x00" not in odd and even.count(0) >= 0.9 * len(even):
        return "utf-16-be"
    return None


def _sniff_encoding(data: bytes, *, partial: bool = False) -> str:
    """The encoding to read `data` with; raise `InputError` for binary data or undecodable bytes.

    `partial` says `data` is the head of a longer file (a multi-byte character may be cut at its end).
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        encoding = _bomless_utf16(head)
        if encoding:
            return encoding
        raise InputError("binary file (contains NUL bytes), not text")
    if head and sum(b in _CONTROL for b in head) / len(head) > 0.05:
        raise InputError("binary file (mostly control bytes), not text")
    sample = data if not partial else head
    try:
        sample.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as err:
        if partial and err.start >= len(sample) - 3 and err.reason == "unexpected end of data":
            return "utf-8-sig"
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text (undecodable bytes); convert it to UTF-8") from None
    # cp1252 decodes most byte soups; accept it only for text that reads like text.
    letters = sum(c.isalpha() or c.isspace() for c in text)
    if text and letters / len(text) >= 0.8:
        return "cp1252"
    raise InputError("not UTF-8 text (undecodable bytes); convert it to UTF-8")

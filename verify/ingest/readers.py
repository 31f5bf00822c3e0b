"""Readers of local sources: folders, files by format (.txt .md .html .json .jsonl .csv) and stdin.

Each yields `Article`s and `Rejected`s and never raises for bad input. JSONL and CSV are streamed, so
one bad or oversized line or row is rejected alone and the rest of the file is still read.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TextIO

from verify.errors import InputError
from verify.ingest import limits
from verify.ingest.articles import Rejected, article_from_html, article_from_record, article_from_text, rejection_reason
from verify.ingest.decode import SNIFF_BYTES, WIDE_ENCODINGS, decode_bytes, sniff_encoding
from verify.ingest.markdown import article_from_markdown
from verify.records import Article

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + (".json", ".jsonl", ".csv")
_TOO_DEEP = "JSON nested too deeply to read (an article is an object with a 'text' field)"


def read_folder(folder: Path) -> Iterator[Article | Rejected]:
    """Every file under `folder`, recursively in sorted order; hidden files and folders are left out,
    files with other extensions yielded as `Rejected(skipped=True)`."""
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
            yield from read_file(path)


def read_file(path: Path) -> Iterator[Article | Rejected]:
    """The articles of one file, read by its extension (a .json array, .jsonl or .csv holds many)."""
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Rejected(source, f"unknown file type '{path.suffix or '(none)'}'; verify reads {', '.join(SUFFIXES)}")
        return
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A named pipe or a device would block the read (a FIFO waits for a writer forever).
            yield Rejected(source, "not a regular file (a pipe or a device); give a file, or - to read stdin")
            return
        size = info.st_size
        if suffix in (".jsonl", ".csv"):
            yield from (_read_jsonl if suffix == ".jsonl" else _read_csv)(path)
            return
        if size > limits.MAX_FILE_BYTES:
            yield Rejected(source, f"file is {size / 2**20:.1f} MB, over the {limits.MAX_FILE_BYTES // 2**20} MB limit "
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
            yield article_from_markdown(text, source=source, id=path.stem)
        else:
            yield article_from_text(text, source=source, id=path.stem)
    except InputError as err:
        yield Rejected(source, rejection_reason(err))
    except OSError as err:
        yield Rejected(source, f"cannot read: {err.strerror or err}")


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
                yield Rejected(f"{source}:item {i}", rejection_reason(err))
    else:
        yield article_from_record(data, source=source, default_id=path.stem)


def _lines_limited(stream: IO) -> Iterator[tuple[int, bytes | str | None]]:
    """(line number, line) for each line of a bytes or text stream; the line is None when it is over
    `limits.MAX_FILE_BYTES` (skipped unread)."""
    n = 0
    while True:
        line = stream.readline(limits.MAX_FILE_BYTES + 1)
        if not line:
            return
        n += 1
        if len(line) > limits.MAX_FILE_BYTES and line[-1:] not in (b"\n", "\n"):
            while line and line[-1:] not in (b"\n", "\n"):  # skip the rest of the oversized line in chunks
                line = stream.readline(1 << 20)
            yield n, None
            continue
        yield n, line


def _read_jsonl(path: Path) -> Iterator[Article | Rejected]:
    source = str(path)
    with open(path, "rb") as f:
        head = f.read(SNIFF_BYTES)
        try:
            encoding = sniff_encoding(head, partial=True)
        except InputError as err:
            yield Rejected(source, rejection_reason(err))
            return
        f.seek(0)
        if encoding not in WIDE_ENCODINGS:  # lines split as bytes, so one undecodable line is rejected alone
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
            yield Rejected(where, f"line is over the {limits.MAX_FILE_BYTES // 2**20} MB limit")
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
            yield Rejected(where, rejection_reason(err))
    if not any_line:
        yield Rejected(source, empty_reason)


def _read_csv(path: Path) -> Iterator[Article | Rejected]:
    source = str(path)
    with open(path, "rb") as raw:
        head = raw.read(SNIFF_BYTES)
        if not head:
            yield Rejected(source, "empty file")
            return
        try:
            encoding = sniff_encoding(head, partial=True)
        except InputError as err:
            yield Rejected(source, rejection_reason(err))
            return
    csv.field_size_limit(limits.MAX_FILE_BYTES)
    with open(path, encoding=encoding, newline="") as f:
        try:
            delimiter = _delimiter(f.readline(limits.MAX_FILE_BYTES))
            f.seek(0)
            reader = csv.DictReader(f, delimiter=delimiter)
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
                    yield Rejected(where, rejection_reason(err))
            if not any_row:
                yield Rejected(source, "CSV has a header but no rows")
        except UnicodeDecodeError:
            yield Rejected(source, "not UTF-8 text (undecodable bytes further in the file)")
        except csv.Error as err:
            yield Rejected(f"{source}:line {reader.line_num}", f"malformed CSV: {err}")


# Spreadsheets in locales whose decimal mark is a comma (Spanish among them) export CSV with ";"
# between cells; tab-separated exports are common too.
CSV_DELIMITERS = (",", ";", "\t")


def _delimiter(header: str) -> str:
    """The cell separator under which the header line has a `text` column; "," when none has one (the
    rejection then names the columns as a comma splits them). Decided on the header alone: article
    text is full of commas and semicolons, so counting them in the rows would guess wrong."""
    for delimiter in CSV_DELIMITERS:
        try:
            names = next(csv.reader([header], delimiter=delimiter), [])
        except csv.Error:
            continue
        if any(name.strip().lower().lstrip("\ufeff") == "text" for name in names):
            return delimiter
    return ","


def _list_columns(fields: Sequence[str], most: int = 8) -> str:
    """The header's column names for a one-line message: each on one line and short, at most `most`."""
    names = [" ".join("".join(c if c.isprintable() else " " for c in str(name)).split())[:40] or "''"
             for name in fields]
    if len(names) > most:
        names = names[:most] + [f"and {len(names) - most} more"]
    return ", ".join(names) or "none"


def read_stdin(stream: TextIO) -> Iterator[Article | Rejected]:
    """Standard input: JSONL when its first non-blank line is a JSON object, else one article's text."""
    source = "-"
    buffer = getattr(stream, "buffer", None)
    wrapper = (io.TextIOWrapper(buffer, encoding="utf-8-sig", errors="strict", newline="")
               if buffer is not None else None)
    text_stream: TextIO = wrapper if wrapper is not None else stream
    try:
        first = text_stream.readline(limits.MAX_FILE_BYTES + 1)
        blanks = ""
        while first and not first.strip():
            blanks += first
            first = text_stream.readline(limits.MAX_FILE_BYTES + 1)
        if first.lstrip("\ufeff").lstrip().startswith("{") and _is_json_object(first):
            def lines() -> Iterator[tuple[int, str | None]]:
                n = blanks.count("\n") + 1
                yield n, first
                for line in text_stream:
                    n += 1
                    yield n, (line if len(line) <= limits.MAX_FILE_BYTES else None)

            yield from _jsonl_records(lines(), source=source, encoding="utf-8", empty_reason="empty input")
            return
        rest = text_stream.read(limits.MAX_FILE_BYTES + 1)
        text = blanks + first + rest
        if len(text) > limits.MAX_FILE_BYTES:
            yield Rejected(source, f"standard input is over the {limits.MAX_FILE_BYTES // 2**20} MB limit "
                                   "for one article")
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
        yield Rejected(source, rejection_reason(err))
    finally:
        if wrapper is not None:
            wrapper.detach()  # leave sys.stdin usable


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (json.JSONDecodeError, RecursionError):
        return False

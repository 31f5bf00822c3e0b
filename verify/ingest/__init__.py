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

Modules: `readers` (folders, files by format, stdin), `fetch` (URLs), `markdown`, `decode` (bytes to
text), `articles` (text to `Article`, and `Rejected`), `clean` (the boilerplate cleaner) and `limits`
(the limits above: set them there, where every reader looks them up).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

# Every name verify.ingest had before it was split into these modules is still importable from here.
from verify.ingest.articles import Rejected, article_from_html, article_from_record, article_from_text, content_hash
from verify.ingest.clean import CleanResult, clean_text
from verify.ingest.decode import decode_bytes
from verify.ingest.fetch import read_url
from verify.ingest.limits import FETCH_TIMEOUT_ENV, FETCH_TIMEOUT_S, MAX_ARTICLE_CHARS, MAX_FILE_BYTES
from verify.ingest.readers import HTML_SUFFIXES, SUFFIXES, TEXT_SUFFIXES, read_file, read_folder, read_stdin

# An article's language: py3langid on its first 2,000 characters, None for text with no letter (the
# rule verify.lang keeps for ingest and the extractor alike).
from verify.lang import detect_language
from verify.records import Article

__all__ = [
    "FETCH_TIMEOUT_ENV",
    "FETCH_TIMEOUT_S",
    "HTML_SUFFIXES",
    "TEXT_SUFFIXES",
    "content_hash",
    "detect_language",
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


def iter_sources(sources: Sequence[str], *, stdin: TextIO | None = None) -> Iterator[Article | Rejected]:
    """Yield an `Article` or a `Rejected` for everything in `sources`, in order.

    A source is a file path (.txt, .md, .html/.htm, .json, .jsonl, .csv), a folder (read recursively in
    sorted order; hidden files and folders are ignored, files with other extensions are yielded as
    `Rejected(skipped=True)`), "-" for stdin (text, or JSONL when its first line is a JSON object) or an
    http(s) URL. Nothing is raised for bad input: every problem is a `Rejected` naming it.
    """
    for source in sources:
        if source == "-":
            yield from read_stdin(stdin if stdin is not None else sys.stdin)
        elif re.match(r"(?i)^https?://", source):
            yield read_url(source)
        else:
            path = Path(source)
            if path.is_dir():
                yield from read_folder(path)
            elif path.exists():
                yield from read_file(path)
            else:
                yield Rejected(source, "no such file or folder")


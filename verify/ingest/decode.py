"""Bytes to text: which encoding a file is in, or why it is not text (see `verify.ingest` for the rules)."""

from __future__ import annotations

import codecs

from verify.errors import InputError

SNIFF_BYTES = 64 * 1024  # how much of a file's head decides its encoding
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13} | {127}
WIDE_ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32")  # encodings where a b"\n" byte is not a line end


def decode_bytes(data: bytes) -> str:
    """Text from file bytes (see `verify.ingest`'s docstring for the rules); raise `InputError` if not text."""
    encoding = sniff_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text (undecodable bytes); convert it to UTF-8") from None
    if "\x00" in text:
        raise InputError("binary file (contains NUL bytes), not text")
    return text


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


def sniff_encoding(data: bytes, *, partial: bool = False) -> str:
    """The encoding to read `data` with; raise `InputError` for binary data or undecodable bytes.

    `partial` says `data` is the head of a longer file (a multi-byte character may be cut at its end).
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:SNIFF_BYTES]
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

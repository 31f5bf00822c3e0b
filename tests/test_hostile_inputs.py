"""Hostile inputs (#13): slow and huge downloads, over-long articles, both CheckThat! label conventions,
and a seeded fuzz pass over every reader. Whatever a source holds, reading it yields `Article`s and
one-line `Rejected` items: it never raises, never hangs, and never costs the good sources beside it."""

from __future__ import annotations

import codecs
import json
import random
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from conftest import http_server

from verify.errors import InputError
from verify.evaluate import read_checkworthy
from verify.ingest import MAX_ARTICLE_CHARS, SUFFIXES, Rejected, fetch, iter_sources, limits
from verify.records import Article

BODY = ("El portavoz del Kremlin, Dmitri Peskov, dijo que no hay pruebas de que Corea del Norte "
        "esté enviando armas a Rusia.")
PAGE = (f"<html><head><title>Peskov niega</title></head><body><article><h1>Peskov niega</h1><p>{BODY}</p>"
        f"<p>{BODY.replace('Rusia', 'Ucrania')}</p></article></body></html>").encode()


def one(items) -> Article | Rejected:
    items = list(items)
    assert len(items) == 1, items
    return items[0]


# --- downloads: one deadline for the whole fetch, one size limit ----------------------------------


@contextmanager
def serving(respond):
    """An HTTP server on 127.0.0.1 (a free port) whose GET calls `respond(handler, stop)`; stopped on exit."""
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            try:
                respond(self, stop)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def log_message(self, *args):
            pass

    with http_server(Handler, stop) as base:
        yield f"{base}/nota"


def trickle(handler, stop, *, headers_first: bool):
    """One byte every 0.5 s, for ever: of the body after honest headers, or of the headers themselves."""
    if headers_first:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(10**6))
        handler.end_headers()
    else:
        handler.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
    while not stop.is_set():
        handler.wfile.write(b"a")
        handler.wfile.flush()
        stop.wait(0.5)


def page(body: bytes, *, declare_length: bool = True):
    def respond(handler, stop):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        if declare_length:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def fetching() -> bool:
    return any(t.name == "verify-fetch" and t.is_alive() for t in threading.enumerate())


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    monkeypatch.setenv("no_proxy", "*")  # the servers are on loopback; a proxy from the environment is not


@pytest.mark.parametrize("headers_first", [True, False], ids=["slow-body", "slow-headers"])
def test_a_trickling_server_is_given_up_at_the_deadline(monkeypatch, headers_first):
    monkeypatch.setenv("VERIFY_FETCH_TIMEOUT", "2")
    with serving(lambda h, stop: trickle(h, stop, headers_first=headers_first)) as url:
        started = time.monotonic()
        rejected = one(iter_sources([url]))
        elapsed = time.monotonic() - started
        while fetching() and time.monotonic() - started < 10:  # the download thread ends too, server or not
            time.sleep(0.05)
        assert not fetching()
    assert isinstance(rejected, Rejected) and rejected.source == url
    assert rejected.reason == ("took longer than 2 s to download; nothing was added from it "
                               "(set VERIFY_FETCH_TIMEOUT to wait longer)")
    assert 1.5 < elapsed < 10


@pytest.mark.parametrize("declare_length", [True, False], ids=["declared", "undeclared"])
def test_a_page_over_the_size_limit_is_rejected(monkeypatch, declare_length):
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10_000)
    with serving(page(PAGE * 100, declare_length=declare_length)) as url:
        rejected = one(iter_sources([url]))
    assert isinstance(rejected, Rejected) and rejected.source == url
    assert rejected.reason == "page is larger than 10,000 bytes, the limit for one article; nothing was added from it"


def test_the_default_size_message_names_megabytes():
    assert fetch.too_large(limits.MAX_FILE_BYTES).startswith("page is larger than 20 MB,")


def test_a_page_within_the_limits_is_read_in_chunks(monkeypatch):
    monkeypatch.setenv("VERIFY_FETCH_TIMEOUT", "10")
    monkeypatch.setattr(fetch, "FETCH_CHUNK", 64)
    with serving(page(PAGE, declare_length=False)) as url:
        article = one(iter_sources([url]))
    assert isinstance(article, Article), article
    assert article.url == url and BODY in article.text


@pytest.mark.parametrize("value", ["soon", "0", "-3", "nan"])
def test_a_bad_fetch_timeout_is_one_clear_rejection(monkeypatch, value):
    monkeypatch.setenv("VERIFY_FETCH_TIMEOUT", value)
    rejected = one(iter_sources(["http://127.0.0.1:9/nota"]))
    assert rejected.reason == f"VERIFY_FETCH_TIMEOUT must be a number of seconds above 0, got {value!r}"


# --- over-long articles: one rejected item each, the batch goes on --------------------------------


def test_over_long_articles_are_rejected_alone_and_the_good_ones_kept(tmp_path):
    (tmp_path / "a-good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b-huge.txt").write_text("palabra " * 1_250_000, encoding="utf-8")  # 10 MB, a million words
    rows = [{"id": "r1", "text": BODY}, {"id": "r2", "text": "x" * 10_000_000}, {"id": "r3", "text": BODY + " Otra."}]
    (tmp_path / "c-rows.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    items = list(iter_sources([str(tmp_path)]))
    assert [(Path(i.source).name, type(i).__name__) for i in items] == [
        ("a-good.txt", "Article"), ("b-huge.txt", "Rejected"), ("c-rows.jsonl", "Article"),
        ("c-rows.jsonl:line 2", "Rejected"), ("c-rows.jsonl", "Article")]
    assert [i.id for i in items if isinstance(i, Article)] == ["a-good", "r1", "r3"]
    huge_file, huge_line = (i for i in items if isinstance(i, Rejected))
    assert huge_file.source == str(tmp_path / "b-huge.txt")
    assert huge_file.reason == ("text is 10,000,000 characters; an article is at most 2,000,000 "
                                "(split it into separate articles)")
    assert huge_line.source == f"{tmp_path / 'c-rows.jsonl'}:line 2"
    assert huge_line.reason.startswith("text is 10,000,000 characters; an article is at most 2,000,000")


def test_over_long_csv_row_markdown_and_html_are_rejected(tmp_path):
    long = "palabra " * (MAX_ARTICLE_CHARS // 8 + 1)
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text(f'id,text\nn1,"{BODY}"\nn2,"{long}"\n', encoding="utf-8")
    md_path = tmp_path / "long.md"
    md_path.write_text(f"# Titular\n\n{long}", encoding="utf-8")
    html_path = tmp_path / "long.html"
    html_path.write_text(f"<html><body><article><p>{long}</p></article></body></html>", encoding="utf-8")
    items = list(iter_sources([str(csv_path), str(md_path), str(html_path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Rejected", "Rejected"]
    assert [i.source for i in items[1:]] == [f"{csv_path}:line 3", str(md_path), str(html_path)]
    assert all("an article is at most 2,000,000" in i.reason for i in items[1:])


def test_ingest_refuses_every_text_the_extractor_would_refuse():
    from verify.extract.extractor import MAX_TEXT

    assert MAX_ARTICLE_CHARS <= MAX_TEXT


# --- CheckThat! files: 2022 labels 1/0, 2023/2024 labels Yes/No ------------------------------------


@pytest.mark.parametrize("content", [
    "topic\ttweet_id\ttweet_url\ttweet_text\tclass_label\n"
    "politics\t1\thttps://t.co/1\tEl paro bajó un 3 %.\t1\n"
    "politics\t2\thttps://t.co/2\tBuenos días a todos.\t0\n",
    "Sentence_id\tText\tclass_label\n1\tEl paro bajó un 3 %.\tYes\n2\tBuenos días a todos.\tNo\n",
    "sentence_id\ttext\tCLASS_LABEL\n1\tEl paro bajó un 3 %.\tYES\n2\tBuenos días a todos.\tno\n",
], ids=["2022-1-0", "2023-yes-no", "any-case"])
def test_checkworthy_reads_both_label_conventions(tmp_path, content):
    path = tmp_path / "ct.tsv"
    path.write_text(content, encoding="utf-8")
    texts, labels = read_checkworthy(path)
    assert texts == ["El paro bajó un 3 %.", "Buenos días a todos."]
    assert labels.tolist() == [1, 0]


@pytest.mark.parametrize("content, message", [
    ("Sentence_id\tText\tclass_label\n1\tEl paro bajó.\tMaybe\n",
     "ct.tsv:2: class_label must be 1/0 or Yes/No, got 'Maybe'"),
    ("Sentence_id\tText\tclass_label\n1\tEl paro bajó.\t\n", "ct.tsv:2: class_label must be 1/0 or Yes/No, got ''"),
    ("id\tbody\tclass_label\n1\tx\t1\n",
     "ct.tsv: expected a tab-separated file with a text column (tweet_text or Text) and a class_label column, "
     "found id, body, class_label"),
    ("Sentence_id\tText\tclass_label\n", "ct.tsv: no rows"),
])
def test_checkworthy_gives_one_clear_error_for_anything_else(tmp_path, content, message):
    path = tmp_path / "ct.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_checkworthy(path)
    assert str(err.value) == f"{tmp_path}/{message}"


# --- fuzz: ~200 hostile files through the reader `verify add` uses --------------------------------


def _record(rng: random.Random) -> dict:
    """A JSON record with each field present or not, of a right or a wrong type."""
    odd = [None, 42, 3.5, True, [], {}, ["x"], {"a": 1}, "", "\ud800", "\x00", "2023-13-45", "x" * 300]
    record = {"text": rng.choice([BODY, BODY * 3, "", "   ", "\ud800" + BODY, BODY + "\x00", *odd])}
    for key in ("id", "title", "date", "url", "source"):
        if rng.random() < 0.5:
            record[key] = rng.choice([f"{key}-{rng.randrange(100)}", *odd])
    if rng.random() < 0.1:
        del record["text"]
    return record


def _json_text(rng: random.Random) -> str:
    kind = rng.randrange(7)
    if kind == 0:
        return json.dumps(_record(rng))[: rng.randrange(1, 40)]  # truncated
    if kind == 1:
        return rng.choice(["42", '"texto"', "null", "true", "[]", "[1, 2]", '[["x"]]', "{}", "1e999", "-"])
    if kind == 2:
        return "[" * rng.choice([50, 5_000, 200_000]) + "]" * rng.randrange(3)  # nested past the recursion limit
    if kind == 3:
        return json.dumps([_record(rng) for _ in range(rng.randrange(1, 4))])
    if kind == 4:
        return json.dumps(_record(rng), ensure_ascii=rng.random() < 0.5)
    if kind == 5:
        return '{"text": "' + "palabra " * rng.choice([10, 300_000]) + '"}'
    return json.dumps({"text": {"text": BODY}})


def _jsonl_text(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randrange(0, 6)):
        lines.append(rng.choice([_json_text(rng), json.dumps(_record(rng)), "", "  ",
                                 "\ufeff" + json.dumps({"text": BODY})]))
    return rng.choice(["\n", "\r\n", "\r"]).join(lines) + rng.choice(["", "\n"])


def _csv_text(rng: random.Random) -> str:
    header = rng.choice(["id,text,title", "text", "id,body", "", "TEXT ,id", "text,text", '"te\nxt",id', "id;text"])
    rows = []
    for _ in range(rng.randrange(0, 5)):
        rows.append(rng.choice([f'1,"{BODY}",T', f'"{BODY}"', '2,"sin cerrar', "a,b,c,d,e,f", "", ",,",
                                f'3,"{BODY}"', '"' + "palabra " * 300_000 + '"']))
    return "\n".join([header, *rows])


def _plain_text(rng: random.Random, suffix: str) -> str:
    if suffix in (".html", ".htm"):
        return rng.choice([PAGE.decode(), PAGE.decode()[: rng.randrange(len(PAGE))], "<html><body>" + "<div>" * 5_000,
                           "<p>" + BODY + "</p>" * 3, "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>",
                           "<html><body><script>" + "x" * 1000 + "</script></body></html>"])
    if suffix == ".md":
        return rng.choice(["---\ntitle: sin cerrar\n" + BODY, "# \n\n![]()\n[](", "---\n---\n", f"**{BODY}**\n> {BODY}",
                           "```\n" + BODY])
    return rng.choice([BODY, "\n".join([BODY] * rng.randrange(1, 50)), "Foto: AP\nMás noticias", "\u200b\u00a0\n\t",
                       "x" * rng.randrange(1, 200), "\u202e" + BODY])


def _hostile_bytes(rng: random.Random, suffix: str) -> bytes:
    """One hostile file for `suffix`: text of the right kind gone wrong, or bytes gone wrong."""
    if suffix == ".json":
        text = _json_text(rng)
    elif suffix == ".jsonl":
        text = _jsonl_text(rng)
    elif suffix == ".csv":
        text = _csv_text(rng)
    else:
        text = _plain_text(rng, suffix)
    kind = rng.randrange(12)
    if kind == 0:
        return rng.randbytes(rng.randrange(1, 4096))
    if kind == 1:
        return b""
    if kind == 2:
        return text.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]), errors="surrogatepass")
    if kind == 3:
        return text.encode("latin-1", errors="replace")
    if kind == 4:
        data = bytearray(text.encode("utf-8", errors="surrogatepass"))
        for _ in range(rng.randrange(1, 5)):
            data.insert(rng.randrange(len(data) + 1), rng.choice([0xff, 0xc3, 0x80, 0xed, 0xa0]))
        return bytes(data)
    if kind == 5:
        data = text.encode("utf-8", errors="surrogatepass")
        at = rng.choice([0, len(data) // 2, len(data)])
        return data[:at] + b"\x00" * rng.randrange(1, 3) + data[at:]
    if kind == 6:  # a NUL past the part that is sniffed
        return text.encode("utf-8", errors="surrogatepass") + b"\n" + b"a" * 70_000 + b"\x00" + b"b" * 10
    if kind == 7:
        return rng.choice([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"\r\n", b"\x1a"])
    if kind == 8:
        return rng.choice([b"x", b"{", b"\n"]) * rng.choice([3_000_000, 21 * 2**20])  # huge single line
    if kind == 9:
        data = text.encode("utf-8", errors="surrogatepass")
        return data[: rng.randrange(len(data) + 1)]  # truncated, maybe inside a character
    return text.encode("utf-8", errors="surrogatepass")


def _hostile_files(folder: Path, seed: int, count: int) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        suffix = SUFFIXES[n % len(SUFFIXES)]
        path = folder / f"f{n:03d}{suffix}"
        path.write_bytes(_hostile_bytes(rng, suffix))
        paths.append(path)
    return paths


def _problems(items: list, path: Path) -> list[str]:
    """What is wrong with what reading `path` gave: nothing at all, a stray type, a message on many lines."""
    if not items:
        return [f"{path.name}: nothing came out, not even a rejection"]
    problems = []
    for item in items:
        if not isinstance(item, (Article, Rejected)) or not item.source.startswith(str(path)):
            problems.append(f"{path.name}: {item!r}")
        elif isinstance(item, Rejected) and not (item.reason.strip() and item.reason.isprintable()
                                                 and len(item.reason) < 300):
            problems.append(f"{path.name}: not a short one-line reason: {item.reason[:300]!r}")
        elif isinstance(item, Article) and not (item.text.strip() and len(item.text) <= MAX_ARTICLE_CHARS
                                                and "\x00" not in item.text):
            problems.append(f"{path.name}: article with an empty, over-long or binary text")
    return problems


def test_fuzz_every_reader_yields_articles_or_one_line_rejections(tmp_path):
    paths = _hostile_files(tmp_path, seed=13, count=210)
    problems, kinds = [], {"Article": 0, "Rejected": 0}
    for path in paths:
        try:
            items = list(iter_sources([str(path)]))
        except Exception as err:
            problems.append(f"{path.name} ({path.read_bytes()[:40]!r}...) raised {type(err).__name__}: {err}")
            continue
        problems += _problems(items, path)
        for item in items:
            kinds[type(item).__name__] += 1
    assert not problems, "\n".join(problems)
    assert kinds["Article"] >= 20 and kinds["Rejected"] >= 100, kinds  # both roads were taken


def test_fuzz_folder_of_hostile_files_keeps_the_good_one(tmp_path):
    _hostile_files(tmp_path, seed=14, count=60)
    (tmp_path / "zz-good.txt").write_text(BODY, encoding="utf-8")
    items = list(iter_sources([str(tmp_path)]))
    assert all(isinstance(i, (Article, Rejected)) for i in items)
    assert items[-1].source == str(tmp_path / "zz-good.txt") and isinstance(items[-1], Article)


# --- what the fuzz found, pinned ------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("suffix", [".txt", ".json", ".jsonl", ".csv"])
def test_wide_encodings_with_and_without_bom_are_read(tmp_path, encoding, suffix):
    text = {".txt": BODY, ".json": json.dumps({"text": BODY}), ".csv": f'id,text\nn1,"{BODY}"\n',
            ".jsonl": "".join(json.dumps({"id": f"r{i}", "text": BODY}, ensure_ascii=False) + "\n" for i in range(3))}
    path = tmp_path / f"wide{suffix}"
    path.write_bytes(text[suffix].encode(encoding))
    items = list(iter_sources([str(path)]))
    assert items and all(isinstance(i, Article) and i.text == BODY for i in items), items
    assert len(items) == (3 if suffix == ".jsonl" else 1)


@pytest.mark.parametrize("name, content, source, reason", [
    ("nul-late.txt", BODY.encode() + b"\n" + b"a" * 70_000 + b"\x00", "", "binary file (contains NUL bytes), not text"),
    ("nul-escape.json", json.dumps({"text": BODY + "\x00"}).encode(), "",
     "text holds NUL characters: binary data, not an article"),
    ("surrogate.jsonl", b'{"text": "\\ud800 hola"}\n', ":line 1",
     "'text' holds an invalid \\u escape (a lone surrogate); fix the export's encoding"),
    ("deep.json", b"[" * 200_000, "", "JSON nested too deeply to read (an article is an object with a 'text' field)"),
    ("deep.jsonl", b"[" * 200_000 + b"\n", ":line 1",
     "JSON nested too deeply to read (an article is an object with a 'text' field)"),
    ("header-only.csv", b"id,text\n", "", "CSV has a header but no rows"),
    ("odd-header.csv", b'"te\x01\nxt",' + b"c," * 20 + b"\n1,2\n", "",
     "CSV has no 'text' column (columns: te xt, c, c, c, c, c, c, c, and 14 more)"),
])
def test_hostile_files_give_one_clear_reason(tmp_path, name, content, source, reason):
    path = tmp_path / name
    path.write_bytes(content)
    rejected = one(iter_sources([str(path)]))
    assert isinstance(rejected, Rejected)
    assert (rejected.source, rejected.reason) == (str(path) + source, reason)

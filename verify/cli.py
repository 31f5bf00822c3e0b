"""The `verify` command: a thin skin over the library.

Each command parses its options, calls library functions, and prints. Library errors
(`VerifyError`) become one line on stderr and exit code 2. Heavy modules are imported inside the
commands so `verify --help` answers at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

import click

from verify.errors import InputError, VerifyError

DEFAULT_INDEX = "index"


class Context:
    """Options shared by every command, and the objects they open once."""

    def __init__(self, index_dir: str, model: str | None):
        self.index_dir = Path(index_dir)
        self.model = model
        self._encoder = None

    def open_index(self, *, writable: bool = False, create: bool = False):
        from verify.store import ClaimIndex

        index = ClaimIndex.open(self.index_dir, writable=writable, create=create)
        index.check_model(self.model)
        return index

    def encoder_for(self, index=None):
        """The encoder named by --model, else the one the index was built with, else the default."""
        if self._encoder is None:
            from verify.embed import load_encoder

            name = self.model or (index.model.name if index is not None and index.model else None)
            self._encoder = load_encoder(name)
        return self._encoder


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


class _UserError(click.ClickException):
    """A `VerifyError` on its way out: one line on stderr, exit code 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"verify: {self.message}", err=True)


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except VerifyError as exc:
            raise _UserError(str(exc)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--index", "index_dir", envvar="VERIFY_INDEX", default=DEFAULT_INDEX, show_default=True,
              type=click.Path(), help="Index directory (env VERIFY_INDEX).")
@click.option("--model", envvar="VERIFY_MODEL", default=None,
              help="Sentence-transformers model id or local folder (env VERIFY_MODEL); "
                   "default: the embedded multilingual-e5-small, or the index's own model.")
@click.version_option(package_name="verify")
@click.pass_context
def cli(ctx: click.Context, index_dir: str, model: str | None) -> None:
    """verify: find claims in news and the claims that repeat, support or contradict them."""
    ctx.obj = Context(index_dir, model)


# ------------------------------------------------------------------------------------------ add
@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--no-link", is_flag=True, help="Store claims without linking them.")
@click.option("--nli", envvar="VERIFY_NLI", default=None,
              help="The judge of related pairs: default verify's own NLI model; 'none' for rules only; "
                   "or a CrossEncoder NLI model (local folder or cached id). Env VERIFY_NLI.")
@click.pass_obj
def add(obj: Context, sources: tuple[str, ...], no_link: bool, nli: str | None) -> None:
    """Add articles: files (.txt .md .html .json .jsonl .csv), folders, URLs, or - for stdin."""
    from verify.pipeline import add_sources, make_extractor

    from verify.store.index import DB_NAME

    dir_existed = obj.index_dir.exists()
    index_existed = (obj.index_dir / DB_NAME).exists()
    try:
        index = obj.open_index(writable=True, create=True)
    except VerifyError:
        if not dir_existed:
            with contextlib.suppress(OSError):
                obj.index_dir.rmdir()  # only if still empty: never anything another process put there
        raise
    summary = None
    try:
        extractor = make_extractor(index)
        with _progress("adding articles") as progress:
            summary = add_sources(index, list(sources), encoder=lambda: obj.encoder_for(index),
                                  extractor=extractor, stdin=sys.stdin, progress=progress, link=not no_link,
                                  judge=_judge(nli))
    finally:
        if not index_existed and (summary is None or not (summary.added or summary.replaced)):
            # Nothing added to an index this command created: leave nothing behind, unless another
            # process has opened or filled it meanwhile (then it is theirs, and it stays).
            index.discard_if_unused(keep_dir=dir_existed)
        else:
            index.close()
    for rejected in summary.rejected:
        click.echo(f"rejected: {rejected.source}: {rejected.reason}", err=True)
    if summary.skipped:
        click.echo(f"skipped {len(summary.skipped)} files with extensions verify does not read", err=True)
    click.echo(summary.line())
    if summary.rejected:
        sys.exit(2)


class _progress:
    """A rich progress bar on a terminal; in a log (stderr not a terminal), one line every few seconds
    with done / total, rate and time left, so a batch job shows it is alive."""

    def __init__(self, label: str, every: float | None = None):
        self.label = label
        self.every = float(os.environ.get("VERIFY_PROGRESS_SECONDS", 5)) if every is None else every
        self._bar = None
        self._task = None
        self._started = self._last = 0.0

    def __enter__(self):
        import time

        self._started = self._last = time.monotonic()
        if not sys.stderr.isatty():
            return self.log_line
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeRemainingColumn(), transient=True, console=_stderr_console())
        self._bar.start()
        self._task = self._bar.add_task(self.label, total=None)
        return self.update

    def update(self, done: int, total: int) -> None:
        self._bar.update(self._task, completed=done, total=total)

    def log_line(self, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if now - self._last < self.every and done < total:
            return
        self._last = now
        rate = done / max(now - self._started, 1e-9)
        left = f", about {_duration((total - done) / rate)} left" if rate > 0 and done < total else ""
        click.echo(f"{self.label}: {done}/{total} ({100 * done / max(total, 1):.0f} %), {rate:.1f}/s{left}", err=True)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m" if seconds >= 3600 else \
        f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


# -------------------------------------------------------------------------------------- extract
@cli.command()
@click.argument("file", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print claims as JSON.")
@click.option("--jsonl", "jsonl", type=click.Path(dir_okay=False, allow_dash=True),
              help='Lines {"id":..., "text":...} in; lines {"id":..., "claims":[...]} out.')
def extract(file: str | None, as_json: bool, jsonl: str | None) -> None:
    """Extract claims from one text (FILE or -), no index needed."""
    from verify.extract import Extractor

    extractor = Extractor()
    if jsonl:
        _extract_jsonl(extractor, jsonl)
        return
    if file is None:
        raise click.UsageError("give a FILE, - for stdin, or --jsonl FILE")
    from verify.ingest import Rejected, iter_sources

    items = list(iter_sources([file], stdin=sys.stdin))
    articles = [a for a in items if not isinstance(a, Rejected)]
    for rejected in (a for a in items if isinstance(a, Rejected)):
        click.echo(f"rejected: {rejected.source}: {rejected.reason}", err=True)
    if not articles:
        sys.exit(2)
    results = []
    for article in articles:
        claims = extractor.extract(article.text, article_id=article.id, language=article.language)
        results.append((article, claims))
    if as_json:
        _echo_json([{"id": a.id, "title": a.title, "language": a.language,
                     "claims": [c.to_dict() for c in claims]} for a, claims in results])
        return
    for article, claims in results:
        _print_claims(article.id, claims)


def _json_lines(path: str):
    """(line number, object or None) for each non-blank line of a JSON-lines file or stdin ("-")."""
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", source=path) from None
    with stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                record = None
            yield number, record if isinstance(record, dict) else None


def _extract_jsonl(extractor, path: str) -> None:
    bad = 0
    for number, record in _json_lines(path):
        text = record.get("text") if record else None
        if not isinstance(text, str):
            click.echo(f"{path}:{number}: not a JSON object with a string 'text'", err=True)
            bad += 1
            continue
        claims = extractor.extract(text, article_id=str(record.get("id", number)))
        click.echo(json.dumps({"id": record.get("id"), "claims": [c.to_dict() for c in claims]}, ensure_ascii=False))
    if bad:
        sys.exit(2)


def _print_claims(article_id: str, claims) -> None:
    click.secho(f"{article_id}: {len(claims)} claims", bold=True)
    for c in claims:
        who = c.speaker or "(narrator)"
        side = f" [{c.side}]" if c.side else ""
        cue = f" {c.cue}" if c.cue else ""
        click.echo(f"  {c.start:>5}-{c.end:<5} {c.polarity:<8} {who}{side}{cue} ({c.checkworthiness:.2f})")
        click.echo(f"      {c.text}")
        if c.entities:
            click.echo("      entities: " + ", ".join(sorted({e.canonical for e in c.entities})))


# --------------------------------------------------------------------------------------- claims
@cli.command()
@click.argument("article", required=False)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def claims(obj: Context, article: str | None, as_json: bool) -> None:
    """List stored claims, of one ARTICLE id or all."""
    with obj.open_index() as index:
        if article is not None and index.article(article) is None:
            raise InputError(f"no article '{article}' in {obj.index_dir}; `verify stats` lists how many there are")
        ids = [article] if article else index.article_ids()
        if as_json:
            _echo_json([c.to_dict() for aid in ids for c in index.claims(article_id=aid)])
            return
        for aid in ids:
            _print_claims(aid, index.claims(article_id=aid))


# --------------------------------------------------------------------------------------- search
@cli.command()
@click.argument("text")
@click.option("-k", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def search(obj: Context, text: str, k: int, as_json: bool) -> None:
    """Semantic search over stored claims."""
    if not text.strip():
        raise InputError("empty search text")
    with obj.open_index() as index:
        if index.model is None:
            raise InputError(f"{obj.index_dir}: the index is empty; add articles with `verify add`")
        encoder = obj.encoder_for(index)
        scores, ids = index.search(encoder.encode([text]), k)
        hits = [(float(s), int(i)) for s, i in zip(scores[0], ids[0]) if i >= 0]
        found = {c.id: c for c in index.claims(ids=[i for _, i in hits])}
        if as_json:
            _echo_json([{"score": round(s, 4), "claim": found[i].to_dict()} for s, i in hits if i in found])
            return
        for s, i in hits:
            c = found[i]
            click.echo(f"{s:.3f}  [{c.article_id}#{c.id}] {c.speaker or '-'}: {c.text}")


# ---------------------------------------------------------------------------------------- stats
@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--nli", envvar="VERIFY_NLI", default=None, help="The judge links are expected from (as for add).")
@click.pass_obj
def stats(obj: Context, as_json: bool, nli: str | None) -> None:
    """Articles, claims, links, model and size of the index."""
    with obj.open_index() as index:
        s = index.stats()
    data = {"index": s.path, "articles": s.articles, "claims": s.claims, "links": s.links,
            "model": s.model.name if s.model else None,
            "model_fingerprint": s.model.fingerprint if s.model else None,
            "index_bytes": s.index_bytes, "link_versions": s.link_versions}
    if as_json:
        _echo_json(data)
        return
    click.echo(f"index:    {s.path}")
    click.echo(f"articles: {s.articles}")
    click.echo(f"claims:   {s.claims}")
    links = ", ".join(f"{n} {r}" for r, n in sorted(s.links.items())) or "none"
    click.echo(f"links:    {links}")
    click.echo(f"model:    {data['model'] or '(none yet)'}" + (f" ({data['model_fingerprint']})" if s.model else ""))
    click.echo(f"size:     {s.index_bytes / 1e6:.1f} MB")
    from verify.match import MATCHER_VERSION

    judge = _judge(nli)
    current = MATCHER_VERSION + (f"+{judge.name}" if judge is not None else "")
    older = {v: n for v, n in s.link_versions.items() if v != current}
    if older:
        made = ", ".join(f"{n} by {v}" for v, n in sorted(older.items()))
        click.echo(f"note:     links made by other matcher rules or judge ({made}); this verify has {current}: "
                   "`verify rebuild` re-extracts the claims and recomputes them")


# -------------------------------------------------------------------------------------- rebuild
@cli.command()
@click.option("--nli", envvar="VERIFY_NLI", default=None,
              help="The judge of related pairs: default verify's own NLI model; 'none' for rules only; "
                   "or a CrossEncoder NLI model (local folder or cached id). Env VERIFY_NLI.")
@click.pass_obj
def rebuild(obj: Context, nli: str | None) -> None:
    """Rebuild the index from its stored articles (new model, new extraction rules, new judge)."""
    from verify.rebuild import rebuild_index

    with _progress("rebuilding") as progress:
        summary = rebuild_index(obj.index_dir, model=obj.model, judge=_judge(nli), progress=progress)
    click.echo(summary.line())


# --------------------------------------------------------------------------------- backup, check
@cli.command()
@click.argument("dest", type=click.Path())
@click.pass_obj
def backup(obj: Context, dest: str) -> None:
    """Copy the index to DEST (a new folder), consistent even while others read and write."""
    with obj.open_index() as index:
        path = index.backup(dest)
    click.echo(f"backup of {obj.index_dir} written to {path}")


@cli.command()
@click.pass_obj
def check(obj: Context) -> None:
    """Check the index: database integrity, vectors against claims, the lock, leftovers. Exit 2 if damaged."""
    with obj.open_index() as index:
        problems = index.check()
    for problem in problems:
        click.echo(f"damaged: {problem}", err=True)
    if problems:
        sys.exit(2)
    click.echo(f"{obj.index_dir}: ok")


# -------------------------------------------------------------------------------------- compare
@cli.command()
@click.argument("texts", nargs=-1)
@click.option("--pairs", "pairs_file", type=click.Path(dir_okay=False, allow_dash=True),
              help='JSON lines {"a": ..., "b": ...} in; one {"relation","score","reason"} line out for each.')
@click.option("--nli", envvar="VERIFY_NLI", default=None,
              help="The judge of related pairs: default verify's own NLI model; 'none' for rules only; "
                   "or a CrossEncoder NLI model (local folder or cached id). Env VERIFY_NLI.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def compare(obj: Context, texts: tuple[str, ...], pairs_file: str | None, nli: str | None, as_json: bool) -> None:
    """Relation, score and reason for two texts: verify compare "A" "B"."""
    from verify.extract import Extractor
    from verify.match import compare_texts

    if pairs_file is None and len(texts) != 2:
        raise click.UsageError('give two texts, verify compare "A" "B", or --pairs FILE')
    if pairs_file is not None and texts:
        raise click.UsageError("give either two texts or --pairs FILE, not both")
    judge = _judge(nli)
    encoder = obj.encoder_for()
    extractor = Extractor()
    if pairs_file is None:
        verdict = compare_texts(texts[0], texts[1], encoder, extractor, judge=judge)
        if as_json:
            _echo_json(verdict.to_dict())
        else:
            click.echo(f"{verdict.relation} ({verdict.score:.2f}): {verdict.reason}")
        return
    bad = 0
    for number, record in _json_lines(pairs_file):
        a, b = (record.get("a"), record.get("b")) if record else (None, None)
        if not isinstance(a, str) or not isinstance(b, str):
            click.echo(f"{pairs_file}:{number}: not a JSON object with string fields 'a' and 'b'", err=True)
            bad += 1
            continue
        try:
            verdict = compare_texts(a, b, encoder, extractor, judge=judge)
        except InputError as exc:
            click.echo(f"{pairs_file}:{number}: {exc}", err=True)
            bad += 1
            continue
        click.echo(json.dumps(verdict.to_dict(), ensure_ascii=False))
    if bad:
        sys.exit(2)


def _judge(nli: str | None):
    """The judge --nli names (verify.judge.load_judge): verify's own by default, None for 'none'."""
    from verify.judge import load_judge

    return load_judge(nli)


# ----------------------------------------------------------------------------------------- eval
@cli.command("eval")
@click.argument("task", type=click.Choice(["sts", "nli", "checkworthy", "pairs"]))
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False),
              help="A labelled file in the format of ../shared/data (or tests/data for pairs).")
@click.option("--nli", envvar="VERIFY_NLI", default=None,
              help="The judge of related pairs: default verify's own NLI model; 'none' for rules only; "
                   "or a CrossEncoder NLI model (local folder or cached id). Env VERIFY_NLI.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def eval_(obj: Context, task: str, data: str, nli: str | None, as_json: bool) -> None:
    """Measure the running configuration on a labelled file: sts, nli, checkworthy or pairs."""
    from verify import evaluate

    if task == "checkworthy":
        result = evaluate.eval_checkworthy(data)
    else:
        encoder = obj.encoder_for()
        if task == "sts":
            result = evaluate.eval_sts(data, encoder)
        else:
            from verify.extract import Extractor

            run = evaluate.eval_nli if task == "nli" else evaluate.eval_pairs
            result = run(data, encoder, Extractor(), judge=_judge(nli))
    result.pop("errors", None)
    if as_json:
        _echo_json(result)
        return
    for key, value in result.items():
        if key in ("confusion", "labels", "per_class"):
            continue
        click.echo(f"{key}: {value}")
    if "per_class" in result:
        for label, figures in result["per_class"].items():
            click.echo(f"  {label:<18} " + "  ".join(f"{k} {v}" for k, v in figures.items()))
    if "confusion" in result:
        click.echo("confusion (rows gold, columns predicted):")
        click.echo(evaluate.format_confusion(result["confusion"], result["labels"]))


# ---------------------------------------------------------------------------------------- links
@cli.command()
@click.argument("target", required=False)
@click.option("--relation", default="all", show_default=True,
              help="contradicts, supports, repeats or all.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def links(obj: Context, target: str | None, relation: str, as_json: bool) -> None:
    """Links of one claim (CLAIM_ID), one ARTICLE, or all."""
    from verify.report import build_report, check_options, report_json

    check_options(relation, 0.0)
    with obj.open_index() as index:
        claim_id, article_id = None, None
        if target is not None:
            if target.isdigit() and index.claim(int(target)) is not None:
                claim_id = int(target)
            elif index.article(target) is not None:
                article_id = target
            else:
                raise InputError(f"'{target}' is neither a claim id nor an article id in {obj.index_dir}")
        found = index.links(claim_id=claim_id, article_id=article_id,
                            relation=None if relation == "all" else relation)
        report = build_report(index, relation=relation, links=found)
    if as_json:
        _echo_json(report_json(report)["links"])
        return
    for r in report.links:
        click.echo(f"{r.link.relation:<11} {r.link.score:.2f}  #{r.a.id} [{r.a.article_id}] {r.a.text}")
        click.echo(f"{'':<17}#{r.b.id} [{r.b.article_id}] {r.b.text}")
        click.echo(f"{'':<17}{r.link.reason}")


# --------------------------------------------------------------------------------------- report
@cli.command()
@click.option("--relation", default="contradicts", show_default=True,
              help="contradicts, supports, repeats or all.")
@click.option("--min-score", default=0.0, type=float, show_default=True, help="Only links scored at least this (0-1).")
@click.option("--verdict", type=click.Choice(["confirmed", "rejected", "unsure"]), default=None,
              help="Only links a fact-checker marked so.")
@click.option("--format", "fmt", default="md", show_default=True, help="md, html, json or csv.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write to FILE instead of stdout.")
@click.pass_obj
def report(obj: Context, relation: str, min_score: float, verdict: str | None, fmt: str, out: str | None) -> None:
    """Linked claims grouped by story, strongest first (default: contradictions, Markdown)."""
    from verify.report import build_report, check_options, render

    check_options(relation, min_score, fmt)
    with obj.open_index() as index:
        text = render(build_report(index, relation=relation, min_score=min_score, verdict=verdict), fmt)
    if out:
        _write_atomic(Path(out), text)
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(text, nl=False)


# --------------------------------------------------------------------------------------- browse
@cli.command()
@click.option("--light", is_flag=True, help="Start with the light theme (ctrl+t switches).")
@click.pass_obj
def browse(obj: Context, light: bool) -> None:
    """Browse linked claims side by side, record verdicts and ratings (a terminal UI)."""
    from verify.tui import make_app

    make_app(obj.index_dir, theme="textual-light" if light else "textual-dark").run()


# --------------------------------------------------------------------------------------- export
@cli.command()
@click.option("--claimreview", "claimreview", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the rated claims as schema.org ClaimReview JSON-LD to FILE (- for stdout).")
@click.option("--reviewer", default=None, help="Name of the fact-checking organisation (ClaimReview author).")
@click.pass_obj
def export(obj: Context, claimreview: str, reviewer: str | None) -> None:
    """Export claim ratings (made in `verify browse`) as ClaimReview JSON-LD."""
    from verify.claimreview import claim_reviews, render_claimreview

    with obj.open_index() as index:
        reviews = claim_reviews(index, reviewer=reviewer)
    text = render_claimreview(reviews)
    if claimreview == "-":
        click.echo(text, nl=False)
    else:
        _write_atomic(Path(claimreview), text)
        click.echo(f"wrote {len(reviews)} ClaimReview objects to {claimreview}", err=True)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", source=str(path)) from None


def main() -> None:
    """Console entry point: library errors become one line and exit code 2."""
    try:
        cli.main(standalone_mode=False, prog_name="verify")
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted; the index keeps every batch committed before", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    main()

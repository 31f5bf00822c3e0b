"""Commands on texts, no index needed: extract, compare, eval."""

from __future__ import annotations

import json
import sys

import click

from verify.cli.common import Context, Progress, echo_json, json_lines, load_judge, nli_option, print_claims
from verify.errors import InputError


@click.command()
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
        echo_json([{"id": a.id, "title": a.title, "language": a.language,
                    "claims": [c.to_dict() for c in claims]} for a, claims in results])
        return
    for article, claims in results:
        print_claims(article.id, claims)


def _extract_jsonl(extractor, path: str) -> None:
    bad = 0
    for number, record in json_lines(path):
        text = record.get("text") if record else None
        if not isinstance(text, str):
            click.echo(f"{path}:{number}: not a JSON object with a string 'text'", err=True)
            bad += 1
            continue
        claims = extractor.extract(text, article_id=str(record.get("id", number)))
        click.echo(json.dumps({"id": record.get("id"), "claims": [c.to_dict() for c in claims]}, ensure_ascii=False))
    if bad:
        sys.exit(2)


@click.command()
@click.argument("texts", nargs=-1)
@click.option("--pairs", "pairs_file", type=click.Path(dir_okay=False, allow_dash=True),
              help='JSON lines {"a": ..., "b": ...} in; one {"relation","score","reason"} line out for each.')
@nli_option()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def compare(obj: Context, texts: tuple[str, ...], pairs_file: str | None, nli: str | None, as_json: bool) -> None:
    """Relation, score and reason for two texts: verify compare "A" "B"."""
    from verify.compare import compare_texts
    from verify.extract import Extractor

    if pairs_file is None and len(texts) != 2:
        raise click.UsageError('give two texts, verify compare "A" "B", or --pairs FILE')
    if pairs_file is not None and texts:
        raise click.UsageError("give either two texts or --pairs FILE, not both")
    judge = load_judge(nli)
    encoder = obj.encoder_for()
    extractor = Extractor()
    if pairs_file is None:
        verdict = compare_texts(texts[0], texts[1], encoder, extractor, judge=judge)
        if as_json:
            echo_json(verdict.to_dict())
        else:
            click.echo(f"{verdict.relation} ({verdict.score:.2f}): {verdict.reason}")
        return
    bad = 0
    for number, record in json_lines(pairs_file):
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


@click.command("eval")
@click.argument("task", type=click.Choice(["sts", "nli", "checkworthy", "pairs"]))
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False),
              help="A labelled file in the format of ../shared/data (or tests/data for pairs).")
@click.option("--rows", type=click.Choice(["all", "even", "odd"]), default="all", show_default=True,
              help="nli only: every data row, or the even or odd ones (0-based; thresholds were chosen on even).")
@nli_option()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def eval_(obj: Context, task: str, data: str, rows: str, nli: str | None, as_json: bool) -> None:
    """Measure the running configuration on a labelled file: sts, nli, checkworthy or pairs."""
    from verify import evaluate

    if rows != "all" and task != "nli":
        raise click.UsageError("--rows is for the nli task only")
    if task == "checkworthy":
        result = evaluate.eval_checkworthy(data)
    else:
        encoder = obj.encoder_for()
        if task == "sts":
            result = evaluate.eval_sts(data, encoder)
        else:
            from verify.extract import Extractor

            judge = load_judge(nli)
            with Progress(f"evaluating {task}") as progress:
                if task == "nli":
                    result = evaluate.eval_nli(data, encoder, Extractor(), judge=judge, rows=rows, progress=progress)
                else:
                    result = evaluate.eval_pairs(data, encoder, Extractor(), judge=judge, progress=progress)
    result.pop("errors", None)
    if as_json:
        echo_json(result)
        return
    _print_result(result, evaluate.format_confusion)


def _print_result(result: dict, format_confusion) -> None:
    for key, value in result.items():
        if key in ("confusion", "labels", "per_class"):
            continue
        click.echo(f"{key}: {value}")
    if "per_class" in result:
        for label, figures in result["per_class"].items():
            click.echo(f"  {label:<18} " + "  ".join(f"{k} {v}" for k, v in figures.items()))
    if "confusion" in result:
        click.echo("confusion (rows gold, columns predicted):")
        click.echo(format_confusion(result["confusion"], result["labels"]))


COMMANDS = (extract, compare, eval_)

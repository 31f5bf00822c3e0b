"""Commands that read the index for a person: claims, search, links, report, browse, export."""

from __future__ import annotations

from pathlib import Path

import click

from verify.cli.common import Context, echo_json, print_claims, write_atomic
from verify.errors import InputError
from verify.records import Verdict


@click.command()
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
            echo_json([c.to_dict() for aid in ids for c in index.claims(article_id=aid)])
            return
        for aid in ids:
            print_claims(aid, index.claims(article_id=aid))


@click.command()
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
            echo_json([{"score": round(s, 4), "claim": found[i].to_dict()} for s, i in hits if i in found])
            return
        for s, i in hits:
            c = found[i]
            click.echo(f"{s:.3f}  [{c.article_id}#{c.id}] {c.speaker or '-'}: {c.text}")


@click.command()
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
        echo_json(report_json(report)["links"])
        return
    for r in report.links:
        click.echo(f"{r.link.relation:<11} {r.link.score:.2f}  #{r.a.id} [{r.a.article_id}] {r.a.text}")
        click.echo(f"{'':<17}#{r.b.id} [{r.b.article_id}] {r.b.text}")
        click.echo(f"{'':<17}{r.link.reason}")


@click.command()
@click.option("--relation", default="contradicts", show_default=True,
              help="contradicts, supports, repeats or all.")
@click.option("--min-score", default=0.0, type=float, show_default=True, help="Only links scored at least this (0-1).")
@click.option("--verdict", type=click.Choice([v.value for v in Verdict]), default=None,
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
        write_atomic(Path(out), text)
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(text, nl=False)


@click.command()
@click.option("--light", is_flag=True, help="Start with the light theme (ctrl+t switches).")
@click.pass_obj
def browse(obj: Context, light: bool) -> None:
    """Browse linked claims side by side, record verdicts and ratings (a terminal UI)."""
    from verify.tui import make_app

    make_app(obj.index_dir, theme="textual-light" if light else "textual-dark").run()


@click.command()
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
        write_atomic(Path(claimreview), text)
        click.echo(f"wrote {len(reviews)} ClaimReview objects to {claimreview}", err=True)


COMMANDS = (claims, search, links, report, browse, export)

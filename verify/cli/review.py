"""Commands that read the index for a person: claims, search, links, report, browse, export, history."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import click

from verify.cli.common import Context, Progress, echo_json, print_claims, write_atomic
from verify.errors import InputError
from verify.lang import unmask
from verify.records import LINK_RELATIONS, Verdict

RELATION_HELP = f"{', '.join(LINK_RELATIONS)} or all."


@click.command()
@click.argument("article", required=False)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def claims(obj: Context, article: str | None, as_json: bool) -> None:
    """List stored claims, of one ARTICLE id or all."""
    with obj.open_index() as index:
        if article is not None and index.article(article) is None:
            raise InputError(f"no article '{article}' in {obj.index_name}; `verify stats` lists how many there are")
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
            raise InputError(f"{obj.index_name}: the index is empty; add articles with `verify add`")
        encoder = obj.encoder_for(index)
        # As the stored claims were cleaned: "Galindо" with a Cyrillic "о" is "Galindo".
        scores, ids = index.search(encoder.encode([unmask(text)[0]]), k)
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
              help=RELATION_HELP)
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
                raise InputError(f"'{target}' is neither a claim id nor an article id in {obj.index_name}")
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
              help=RELATION_HELP)
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
    with obj.open_index() as index, Progress("building the report") as progress:
        text = render(build_report(index, relation=relation, min_score=min_score, verdict=verdict,
                                   progress=progress), fmt)
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

    make_app(obj.index_spec(), user=obj.user, theme="textual-light" if light else "textual-dark").run()


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


@click.command()
@click.argument("link", nargs=-1, type=int, metavar="[CLAIM_A CLAIM_B]")
@click.option("--claim", "claim_id", type=int, default=None, help="The ratings of this claim instead.")
@click.option("--by", default=None, metavar="USER", help="Only changes made by USER.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000),
              help="How many of the latest changes (without CLAIM_A CLAIM_B or --claim).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def history(obj: Context, link: tuple[int, ...], claim_id: int | None, by: str | None, limit: int,
            as_json: bool) -> None:
    """Who set which verdicts and ratings, and when.

    Of the link CLAIM_A CLAIM_B (oldest first), of one --claim, or the latest changes by anyone
    (newest first). A shared PostgreSQL index keeps every change; a SQLite index only the current
    verdicts and ratings, shown with no who."""
    if len(link) not in (0, 2):
        raise click.UsageError("give two claim ids (the link's), or none")
    if link and claim_id is not None:
        raise click.UsageError("give either a link (two claim ids) or --claim, not both")
    with obj.open_index() as index:
        if hasattr(index, "verdict_history"):
            if link:
                changes = index.verdict_history(*link)
            elif claim_id is not None:
                changes = index.rating_history(claim_id)
            else:
                changes = index.changes(user=by, limit=limit)
            if by is not None:
                changes = [c for c in changes if c.user == by]
        else:
            if by is not None:
                raise InputError(f"{obj.index_name}: a SQLite index does not record who set a verdict or rating; "
                                 "that is kept on a shared PostgreSQL index (docs/TEAM.md)")
            click.echo(f"note: {obj.index_name} keeps the current verdicts and ratings only; who changed what is "
                       "kept on a shared PostgreSQL index (docs/TEAM.md)", err=True)
            changes = _current_values(index, link, claim_id, limit)
    if as_json:
        echo_json([c._asdict() for c in changes])
        return
    if not changes:
        what = f"link #{min(link)}-#{max(link)}" if link else f"claim #{claim_id}" if claim_id is not None else \
            "this index" + (f" by {by}" if by else "")
        click.echo(f"no verdicts or ratings recorded on {what}", err=True)
    for c in changes:
        target = f"#{c.a}-#{c.b}" if c.kind == "verdict" else f"#{c.a}"
        who = c.user or "-"
        if c.db_role and c.db_role != c.user:
            who += f" (role {c.db_role})"
        value = c.value or "(removed with its " + ("link)" if c.kind == "verdict" else "claim)")
        note = f"  {c.note}" if c.note and c.value else ""
        click.echo(f"{c.at or '-':<25}  {who:<16} {c.kind:<7} {target:<13} {value}{note}")


class _Current(NamedTuple):
    """A current verdict or rating of a SQLite index, in the fields of a history row (`Change`)."""

    kind: str
    a: int
    b: int | None
    value: str | None
    note: str | None
    user: str | None = None
    db_role: str | None = None
    at: str | None = None


def _current_values(index, link: tuple[int, ...], claim_id: int | None, limit: int) -> list[_Current]:
    """A SQLite index's current verdicts and ratings as history rows with no who (nor, for verdicts, when)."""
    rows: list[_Current] = []
    if claim_id is None:
        wanted = (min(link), max(link)) if link else None
        rows += [_Current("verdict", a, b, verdict, note)
                 for (a, b), (verdict, note) in index.link_verdicts().items() if wanted in (None, (a, b))]
    if not link:
        rows += [_Current("rating", cid, None, rating, note, at=when)
                 for cid, (rating, note, when) in index.claim_ratings().items() if claim_id in (None, cid)]
    return rows if link or claim_id is not None else rows[:limit]


COMMANDS = (claims, search, links, report, browse, export, history)

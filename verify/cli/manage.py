"""Commands on the index itself: add, rebuild, stats, backup, check."""

from __future__ import annotations

import contextlib
import sys

import click

from verify.cli.common import Context, Progress, echo_json, load_judge, nli_option
from verify.errors import VerifyError


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--no-link", is_flag=True, help="Store claims without linking them.")
@nli_option()
@click.pass_obj
def add(obj: Context, sources: tuple[str, ...], no_link: bool, nli: str | None) -> None:
    """Add articles: files (.txt .md .html .json .jsonl .csv), folders, URLs, or - for stdin."""
    from verify.pipeline import add_sources, make_extractor

    from verify.store.index import DB_NAME

    dir_existed = obj.index_dir.exists()
    index_existed = (obj.index_dir / DB_NAME).exists()
    # The folders this add makes above the index (`--index new/sub/ix`) go too if it stores nothing.
    made_parents = [p for p in obj.index_dir.absolute().parents if not p.exists()]
    try:
        index = obj.open_index(writable=True, create=True)
    except VerifyError:
        if not dir_existed:
            with contextlib.suppress(OSError):
                obj.index_dir.rmdir()  # only if still empty: never anything another process put there
        _remove_if_empty(made_parents)
        raise
    summary = None
    try:
        extractor = make_extractor(index)
        with Progress("adding articles") as progress:
            summary = add_sources(index, list(sources), encoder=lambda: obj.encoder_for(index),
                                  extractor=extractor, stdin=sys.stdin, progress=progress, link=not no_link,
                                  judge=load_judge(nli))
    finally:
        if not index_existed and (summary is None or not (summary.added or summary.replaced)):
            # Nothing added to an index this command created: leave nothing behind, unless another
            # process has opened or filled it meanwhile (then it is theirs, and it stays).
            if index.discard_if_unused(keep_dir=dir_existed):
                _remove_if_empty(made_parents)
        else:
            index.close()
    for rejected in summary.rejected:
        click.echo(f"rejected: {rejected.source}: {rejected.reason}", err=True)
    skipped = f"{len(summary.skipped)} files with extensions verify does not read" if summary.skipped else ""
    if not (summary.added or summary.replaced or summary.unchanged or summary.rejected):
        # An empty folder is a mistake worth one line and a failing exit, not "0 added" and success.
        raise VerifyError(f"nothing to add in {', '.join(sources)}: no article found"
                          + (f" ({skipped} were skipped)" if skipped else "")
                          + "; verify reads .txt .md .html .json .jsonl .csv files, URLs and -")
    if skipped:
        click.echo(f"skipped {skipped}", err=True)
    click.echo(summary.line())
    if summary.rejected:
        sys.exit(2)


def _remove_if_empty(folders) -> None:
    """rmdir each folder, innermost first, while they are empty (another process's files keep them)."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


@click.command()
@click.option("--json", "as_json", is_flag=True)
@nli_option("The judge links are expected from (as for add).")
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
        echo_json(data)
        return
    click.echo(f"index:    {s.path}")
    click.echo(f"articles: {s.articles}")
    click.echo(f"claims:   {s.claims}")
    links = ", ".join(f"{n} {r}" for r, n in sorted(s.links.items())) or "none"
    click.echo(f"links:    {links}")
    click.echo(f"model:    {data['model'] or '(none yet)'}" + (f" ({data['model_fingerprint']})" if s.model else ""))
    click.echo(f"size:     {s.index_bytes / 1e6:.1f} MB")
    from verify.match import MATCHER_VERSION

    judge = load_judge(nli)
    current = MATCHER_VERSION + (f"+{judge.name}" if judge is not None else "")
    older = {v: n for v, n in s.link_versions.items() if v != current}
    if older:
        made = ", ".join(f"{n} by {v}" for v, n in sorted(older.items()))
        click.echo(f"note:     links made by other matcher rules or judge ({made}); this verify has {current}: "
                   "`verify rebuild` re-extracts the claims and recomputes them")


@click.command()
@nli_option()
@click.pass_obj
def rebuild(obj: Context, nli: str | None) -> None:
    """Rebuild the index from its stored articles (new model, new extraction rules, new judge)."""
    from verify.rebuild import rebuild_index

    with Progress("rebuilding") as progress:
        summary = rebuild_index(obj.index_dir, model=obj.model, judge=load_judge(nli), progress=progress)
    click.echo(summary.line())


@click.command()
@click.argument("dest", type=click.Path())
@click.pass_obj
def backup(obj: Context, dest: str) -> None:
    """Copy the index to DEST (a new folder), consistent even while others read and write."""
    with obj.open_index() as index:
        path = index.backup(dest)
    click.echo(f"backup of {obj.index_dir} written to {path}")


@click.command()
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


COMMANDS = (add, stats, rebuild, backup, check)

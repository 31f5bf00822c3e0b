"""Commands on the index itself: add, rebuild, stats, backup, check."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from verify.cli.common import Context, Progress, echo_json, load_judge, nli_option
from verify.errors import VerifyError


def _is_source(value: str) -> bool:
    """Whether `value` names something to add (a path that exists, a web page, stdin), not a Ray address."""
    return value == "-" or value.startswith(("http://", "https://")) or Path(value).exists()


@click.command()
@click.argument("sources", nargs=-1)
@click.option("--no-link", is_flag=True, help="Store claims without linking them.")
@nli_option()
# An option with an optional value: `--ray` alone is a local Ray, `--ray ADDRESS` (or --ray=ADDRESS) a cluster.
@click.option("--ray", "ray_address", is_flag=False, flag_value="local", default=None, metavar="[ADDRESS]",
              help="Parse, encode and judge on Ray actor pools (same results): a local Ray, or the cluster at "
                   "ADDRESS (HOST:PORT, ray://HOST:PORT, auto). Needs verify[team].")
@click.pass_obj
def add(obj: Context, sources: tuple[str, ...], no_link: bool, nli: str | None, ray_address: str | None) -> None:
    """Add articles: files (.txt .md .html .json .jsonl .csv), folders, URLs, or - for stdin."""
    from verify.pipeline import add_sources, make_extractor

    if ray_address is not None and _is_source(ray_address):
        # `verify add --ray seeds/`: click gave the first file to --ray as its address.
        sources, ray_address = (ray_address, *sources), "local"
    if not sources:
        raise click.UsageError("Missing argument 'SOURCES...': files, folders, URLs or - to add")
    ray_ingest = None
    if ray_address is not None:
        from verify.scale.ray_ingest import RayIngest

        # Before the index is opened: Ray missing or an unreachable cluster leaves no new index behind.
        ray_ingest = RayIngest(ray_address, model=obj.model, nli=nli)
    # A folder this add makes goes again if it stores nothing; a shared database (a URL) always stays.
    folder = None if obj.is_url else Path(obj.index_spec())
    dir_existed = index_existed = True
    made_parents: list[Path] = []
    if folder is not None:
        from verify.store.index import DB_NAME

        dir_existed = folder.exists()
        index_existed = (folder / DB_NAME).exists()
        # The folders this add makes above the index (`--index new/sub/ix`) go too if it stores nothing.
        made_parents = [p for p in folder.absolute().parents if not p.exists()]
    try:
        index = obj.open_index(writable=True, create=True)
    except VerifyError:
        if folder is not None and not dir_existed:
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty: never anything another process put there
        _remove_if_empty(made_parents)
        raise
    summary = None
    try:
        with Progress("adding articles") as progress:
            if ray_ingest is not None:
                summary = ray_ingest.add_sources(index, list(sources), stdin=sys.stdin, progress=progress,
                                                 link=not no_link)
            else:
                summary = add_sources(index, list(sources), encoder=lambda: obj.encoder_for(index),
                                      extractor=make_extractor(index), stdin=sys.stdin, progress=progress,
                                      link=not no_link, judge=load_judge(nli))
    finally:
        if ray_ingest is not None:
            ray_ingest.close()
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
@click.option("--into", "into", default=None, metavar="TARGET",
              help="Build the new index in TARGET (a new folder or an empty postgresql:// database) and leave "
                   "this one as it is; a shared index is rebuilt only so.")
@nli_option()
@click.pass_obj
def rebuild(obj: Context, into: str | None, nli: str | None) -> None:
    """Rebuild the index from its stored articles (new model, new extraction rules, new judge)."""
    from verify.rebuild import rebuild_index

    target = None if into is None else Context(into, obj.model, obj.user)
    with Progress("rebuilding") as progress:
        summary = rebuild_index(obj.index_spec(), into=None if target is None else target.index_spec(),
                                model=obj.model, judge=load_judge(nli), progress=progress, user=obj.user)
    click.echo(summary.line())
    if target is not None:
        click.echo(f"rebuilt into {target.index_name}; {obj.index_name} is unchanged: point verify at the new "
                   f"one (--index or VERIFY_INDEX)")


@click.command()
@click.argument("dest", type=click.Path())
@click.pass_obj
def backup(obj: Context, dest: str) -> None:
    """Copy the index to DEST (a new folder), consistent even while others read and write."""
    with obj.open_index() as index:
        path = index.backup(dest)
    click.echo(f"backup of {obj.index_name} written to {path}")


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
    click.echo(f"{obj.index_name}: ok")


COMMANDS = (add, stats, rebuild, backup, check)

"""The `verify` command: a thin skin over the library.

Each command parses its options, calls library functions, and prints. Library errors
(`VerifyError`) become one line on stderr and exit code 2. Heavy modules are imported inside the
commands so `verify --help` answers at once.

    verify.cli.common   what every command shares: the index and encoder (`Context`), output helpers
    verify.cli.manage   the index itself: add, rebuild, stats, backup, check
    verify.cli.texts    texts without an index: extract, compare, eval
    verify.cli.review   reading the index: claims, search, links, report, browse, export
"""

from __future__ import annotations

import sys

import click

from verify.cli import manage, review, texts
from verify.cli.common import DEFAULT_INDEX, Context
from verify.errors import VerifyError


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


for _module in (manage, texts, review):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    """Console entry point: library errors become one line and exit code 2."""
    try:
        cli.main(standalone_mode=False, prog_name="verify")
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        # click's own form is four lines (usage, hint, blank, error); a script's log wants one.
        where = exc.ctx.command_path if exc.ctx is not None else "verify"
        click.echo(f"{where}: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(exc.exit_code)
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

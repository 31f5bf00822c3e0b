"""The `verify` command: a thin skin over the library.

Each command parses its options, calls library functions, and prints. Library errors
(`VerifyError`) become one line on stderr and exit code 2. Heavy modules are imported inside the
commands so `verify --help` answers at once.

    verify.cli.common   what every command shares: the index and encoder (`Context`), output helpers
    verify.cli.manage   the index itself: add, rebuild, stats, backup, check
    verify.cli.texts    texts without an index: extract, compare, eval
    verify.cli.review   reading the index: claims, search, links, report, browse, export, history
    verify.cli.doctor   the machine: which runtime runs the models here, measured again
"""

from __future__ import annotations

import sys

import click

from verify.cli import doctor, manage, review, texts
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
@click.option("--index", "index", envvar="VERIFY_INDEX", default=DEFAULT_INDEX, show_default=True,
              type=click.Path(), metavar="DIR|URL",
              help="Index directory, or the postgresql://USER@HOST/DB URL of a shared index "
                   "(docs/TEAM.md) (env VERIFY_INDEX).")
@click.option("--model", envvar="VERIFY_MODEL", default=None,
              help="Sentence-transformers model id or local folder (env VERIFY_MODEL); "
                   "default: the embedded multilingual-e5-small, or the index's own model.")
@click.option("--user", envvar="VERIFY_USER", default=None,
              help="Who verdicts and ratings are recorded as on a shared index (env VERIFY_USER); "
                   "default: the login name.")
@click.version_option(package_name="verify")
@click.pass_context
def cli(ctx: click.Context, index: str, model: str | None, user: str | None) -> None:
    """verify: find claims in news and the claims that repeat, support or contradict them.

    --index, --model and --user may also follow the command: verify add FILES --index DIR|URL."""
    ctx.obj = Context(index, model, user)


def _after_the_command(name: str):
    """`--index`, `--model` and `--user` are also taken after the command (`verify add FILES --index URL`,
    as the messages and docs write them); there they win over the ones before it and the environment."""
    def apply(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        if value is not None:
            obj = ctx.find_object(Context)
            assert obj is not None  # the group made it
            if name == "index":
                obj.set_index(value)
            elif name == "model":
                obj.model = value
            else:
                obj.user = value.strip() or None

    return click.Option([f"--{name}"], default=None, expose_value=False, hidden=True, callback=apply)


for _module in (manage, texts, review, doctor):
    for _command in _module.COMMANDS:
        _command.params.extend(_after_the_command(name) for name in ("index", "model", "user"))
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

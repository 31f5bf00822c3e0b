"""What the commands share: options, the index and encoder they open once, and output helpers.

Only click and the standard library at module level: `verify --help` imports this.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from verify.errors import InputError

if TYPE_CHECKING:
    from verify.protocols import Encoder

DEFAULT_INDEX = "index"

NLI_HELP = ("The judge of related pairs: default verify's own NLI model; 'none' for rules only; "
            "or a CrossEncoder NLI model (local folder or cached id). Env VERIFY_NLI.")


def nli_option(help: str = NLI_HELP):
    """The --nli option (env VERIFY_NLI) of the commands that judge pairs or expect judged links."""
    return click.option("--nli", envvar="VERIFY_NLI", default=None, help=help)


# The schemes `verify.store.postgres.is_postgres_url` knows, tested here without importing the store.
URL_SCHEMES = ("postgresql://", "postgres://")


class Context:
    """Options shared by every command, and the objects they open once.

    `index` is what --index names: a `Path` for the SQLite index folder, or the `postgresql://` URL of
    a shared index as given (a str: a Path would fold its //). `index_name` is how messages show it,
    never with a password. `user` is who verdicts and ratings are recorded as (None: the login name).
    """

    def __init__(self, index: str, model: str | None, user: str | None = None):
        self.set_index(index)
        self.model = model
        self.user = (user or "").strip() or None
        self._encoder: Encoder | None = None

    def set_index(self, index: str | os.PathLike) -> None:
        index = os.fspath(index)
        self._given = index
        self.is_url = index.startswith(URL_SCHEMES)
        self.index: str | Path = index if self.is_url else Path(index)

    @property
    def index_name(self) -> str:
        if not self.is_url:
            return str(self.index)
        from verify.store.postgres import redact

        return redact(self.index)

    def index_spec(self) -> str | Path:
        """The index to open; refuses a URL of another kind than PostgreSQL's (it is no folder name)."""
        if not self.is_url and "://" in self._given:
            from verify.store.postgres import redact

            raise InputError(f"{redact(self._given)}: not an index folder nor a postgresql:// URL; give a folder "
                             "(--index index) or postgresql://USER@HOST/DBNAME (see docs/TEAM.md)")
        return self.index

    def open_index(self, *, writable: bool = False, create: bool = False):
        from verify.store.postgres import open_store

        index = open_store(self.index_spec(), writable=writable, create=create, user=self.user)
        try:
            index.check_model(self.model)
        except BaseException:
            index.close()
            raise
        return index

    def encoder_for(self, index=None):
        """The encoder named by --model, else the one the index was built with, else the default."""
        if self._encoder is None:
            from verify.models import models_for_index

            self._encoder = models_for_index(index, model=self.model).encoder()
        return self._encoder


def load_judge(nli: str | None):
    """The judge --nli names: verify's own by default, None for 'none' (verify.models decides)."""
    from verify.models import models_for_index

    return models_for_index(nli=nli).judge()


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def json_lines(path: str):
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


def print_claims(article_id: str, claims) -> None:
    click.secho(f"{article_id}: {len(claims)} claims", bold=True)
    for c in claims:
        who = c.speaker or "(narrator)"
        side = f" [{c.side}]" if c.side else ""
        cue = f" {c.cue}" if c.cue else ""
        click.echo(f"  {c.start:>5}-{c.end:<5} {c.polarity:<8} {who}{side}{cue} ({c.checkworthiness:.2f})")
        click.echo(f"      {c.text}")
        if c.entities:
            click.echo("      entities: " + ", ".join(sorted({e.canonical for e in c.entities})))


def write_atomic(path: Path, text: str) -> None:
    from verify.atomic import file_into_place

    try:  # a half-written report (disk full) is removed, not left beside the real one
        with file_into_place(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", source=str(path)) from None


class Progress:
    """A rich progress bar on a terminal; in a log (stderr not a terminal), one line every few seconds
    with done / total, rate and time left, so a batch job shows it is alive."""

    def __init__(self, label: str, every: float | None = None):
        self.label = label
        self.every = progress_seconds() if every is None else every
        self._bar: Any = None  # a rich.progress.Progress on a terminal (rich is imported only then)
        self._task: Any = None  # its task id
        self._started = self._last = 0.0
        self._first: tuple[float, int] | None = None  # (time, done) of the first step reported

    def __enter__(self):
        import time

        self._started = self._last = time.monotonic()
        if not sys.stderr.isatty():
            return self.log_line
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeRemainingColumn(), transient=True, console=Console(stderr=True))
        self._bar.start()
        self._task = self._bar.add_task(self.label, total=None)
        return self.update

    def update(self, done: int, total: int) -> None:
        self._bar.update(self._task, completed=done, total=total)

    def log_line(self, done: int, total: int) -> None:
        import time

        if total == 0 or done == 0:
            # Nothing to do, or nothing done yet (no rate to give): a rejected input, or a bad setting
            # found while the model loads on a slow machine, keeps its one line.
            return
        now = time.monotonic()
        if now - self._last < self.every and (done < total or now - self._started < self.every):
            return  # the last step too, when the whole job took less than one interval: a log keeps quiet
        self._last = now
        # Rate and time left from the first step on: model loading before it is not work still to come.
        if self._first is None:
            self._first = (now, done)
        first_time, first_done = self._first
        steady = done > first_done and now > first_time
        rate = (done - first_done) / (now - first_time) if steady else done / max(now - self._started, 1e-9)
        left = f", about {duration((total - done) / rate)} left" if steady and rate > 0 and done < total else ""
        click.echo(f"{self.label}: {done}/{total} ({100 * done / max(total, 1):.0f} %), {rate:.1f}/s{left}", err=True)

    def __exit__(self, *exc):
        if self._bar is not None:
            self._bar.stop()


def progress_seconds() -> float:
    """Seconds between progress lines in a log: VERIFY_PROGRESS_SECONDS, default 5."""
    raw = os.environ.get("VERIFY_PROGRESS_SECONDS", "5")
    try:
        seconds = float(raw)
    except ValueError:
        seconds = float("nan")
    if not seconds >= 0 or seconds == float("inf"):  # 0: a line at every step
        raise InputError(f"VERIFY_PROGRESS_SECONDS must be a number of seconds (0 or more), not {raw!r}")
    return seconds


def duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m" if seconds >= 3600 else \
        f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"

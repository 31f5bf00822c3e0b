"""`verify doctor`: race the runtimes of the encoder and the judge on this machine now, and show the result.

verify picks each model's runtime by measurement (`verify.runtime`) on first use and caches the choice
under the machine's identity; this command redoes both races on demand (after a driver or library
update, or when the first race ran on a busy machine) and shows what it measured.
"""

from __future__ import annotations

import os

import click

from verify.cli.common import echo_json


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object: the machine, both races, the cache file.")
def doctor(as_json: bool) -> None:
    """Time every installed runtime of the encoder and the judge on this CPU now; keep (and cache) the
    fastest whose outputs agree with torch fp32."""
    from verify import runtime
    from verify.embed import encoder_runtime
    from verify.judge import ShippedJudge

    note = None if as_json else (lambda text: click.echo(text, err=True, nl=False))
    choices = [encoder_runtime(force=True, note=note), ShippedJudge().runtime_choice(force=True, note=note)]
    overrides = {name: os.environ[name] for name in ("VERIFY_ENCODER_BACKEND", "VERIFY_JUDGE_BACKEND")
                 if os.environ.get(name)}
    if as_json:
        echo_json({"machine": runtime.cpu_identity(), "runtimes": runtime.runtime_versions(),
                   "cache": str(runtime.cache_path()), "overrides": overrides,
                   "races": {c.kind: {**c.to_json(), "unit": c.unit} for c in choices}})
        return
    machine = runtime.cpu_identity()
    click.echo(f"CPU:      {machine['cpu']}, {machine['cores']} cores")
    click.echo(f"vectors:  {', '.join(machine['extensions']) or 'no AVX2'}")
    click.echo("runtimes: " + ", ".join(f"{k} {v}" for k, v in runtime.runtime_versions().items()))
    for choice in choices:
        click.echo("")
        click.echo(_table(choice))
        click.echo(f"{choice.kind}: {choice.runtime} ({choice.rate:.1f} {choice.unit}), "
                   f"{choice.identity['threads']} threads; the race took {choice.seconds:.1f} s")
    click.echo(f"\ncache:    {runtime.cache_path()}")
    for name, value in overrides.items():
        click.echo(f"note:     {name}={value} is set: it overrides the measured choice until unset")


def _table(choice) -> str:
    """The race as aligned columns: backend, runtime, precision, speed, agreement, chosen."""
    criterion = "min cosine" if choice.kind == "encoder" else "max |Δp|"
    header = ["backend", "runtime", "precision", choice.unit, f"agreement ({criterion})", "chosen"]
    rows = []
    for e in choice.entries:
        name, _, precision = e.runtime.partition("-")
        if e.problem:
            rows.append([e.backend, "-", "-", "-", f"not run: {e.problem}", ""])
            continue
        agreement = "-" if e.agreement is None else f"{e.agreement:.4f}"
        rows.append([e.backend, name, precision, f"{e.rate:.1f}" if e.rate is not None else "-",
                     f"{agreement} {'ok' if e.agrees else 'DISAGREES'}", "*" if e.chosen else ""])
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths)) + "  " + row[-1])
    return "\n".join(line.rstrip() for line in lines)


COMMANDS = (doctor,)

"""Bad input, end to end (#13): run every kind of tests/test_bad_inputs.py and print a Markdown table.

Each kind is a bad file, path, URL, option or damaged index given to the installed `verify`; the
target is one clear line on stderr, exit code 2, no traceback, and the index (and everything beside
it) as it was, or repaired by the command the message names.

    .venv/bin/python bench/bad_inputs.py [KIND_ID ...] [--show]

--show adds each failing kind's stderr below the table.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from common import machine, table  # noqa: E402
from test_bad_inputs import KINDS, prepared, run_kind  # noqa: E402


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: list[str]) -> int:
    show = "--show" in argv
    wanted = [a for a in argv if not a.startswith("--")]
    kinds = [k for k in KINDS if not wanted or k.id in wanted]
    started = time.monotonic()
    rows, failing, skipped = [], [], 0
    with tempfile.TemporaryDirectory(prefix="verify-bad-inputs-") as folder, prepared(Path(folder)) as setting:
        for kind in kinds:
            outcome = run_kind(kind, setting)
            if outcome.skipped:
                skipped += 1
                rows.append([kind.id, "", "", "", f"skipped: {_cell(outcome.skipped)}"])
                continue
            problems = outcome.problems()
            if problems:
                failing.append(outcome)
            untouched = "yes" if not outcome.changes else ("repaired" if outcome.repaired else "**no**")
            lines = len(outcome.lines)
            rows.append([kind.id, f"`{_cell(outcome.command())}`",
                         "timeout" if outcome.exit is None else outcome.exit,
                         lines if lines == 1 else f"**{lines}**", untouched,
                         "ok" if not problems else "**" + _cell("; ".join(problems)) + "**"])
            print(f"{kind.id}: {'ok' if not problems else problems}", file=sys.stderr, flush=True)
    ran = len(kinds) - skipped
    print(f"# Bad input: one clear line, exit 2, index untouched\n\n{machine()}\n")
    print(table(["kind", "command", "exit", "lines on stderr", "index untouched", "verdict"], rows))
    print(f"\n{ran - len(failing)} of {ran} kinds: one clear line, exit 2, index untouched"
          + (f" ({skipped} skipped)" if skipped else "") + f"; {time.monotonic() - started:.0f} s")
    if show and failing:
        print("\n## Failing kinds\n")
        for outcome in failing:
            print(f"### {outcome.kind.id}\n\n```\n$ {outcome.command()}\nexit {outcome.exit}\n"
                  f"{outcome.stderr.rstrip()[-2000:]}\n```\n")
    return 0 if not failing else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Team mode under load (issue #12): writers, readers and two reviewers on one PostgreSQL index at once.

    .venv/bin/python bench/team_concurrency.py [--seconds 300] [--articles 300]

On a throwaway PostgreSQL cluster (tests/pg.py), for `--seconds`:
  * 3 ingest writers, each a sequence of `verify add` processes over small JSONL files (10 articles
    each) cut from its slice of the news_es corpus; the slices overlap (each third plus half of its
    neighbours), writer 1 walks its slice backwards so that overlapping articles arrive at the same
    time; a writer done with its slice adds its files again (all unchanged) until the time is up;
  * 5 readers: four each looping `verify report --format json`, `verify search`, `verify links --json`,
    `verify stats --json` (each a process; its JSON must parse), and one the Textual TUI under Pilot
    (a process of its own: it moves the cursor, looks for others' writes every 0.5 s, and at the end
    must show as many links as the database holds, without a restart);
  (before the clock starts, 9 short articles with a repeat and two contradictions each, the ones of
  tests/test_team_cli.py about three countries, are added, so that there are links to judge);
  * 2 reviewers, alice and bob, each a process setting verdicts on the same links through the store
    API (`set_link_verdict`, user=...; the CLI has no verdict command outside the TUI) and logging
    every verdict whose batch committed.
The fake encoder of the CLI tests stands in for the model and `--nli none` is passed, so the run
measures the store. Then it checks: no process exited non-zero or printed a traceback; no duplicate
article or claim; both claims of every link present; every committed verdict in the history; the
article and claim counts equal to a serial run of the same files into a fresh database; the TUI saw
the link count change while it ran and ends with the database's. Prints a Markdown summary; exits 1 if
a check fails.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from common import machine, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
NEWS = ROOT.parent / "shared" / "data" / "news_es" / "fake_news_corpus_spanish.jsonl"
PER_FILE = 10
# The three articles of tests/test_team_cli.py (a repeat and two contradictions), about three
# countries: links for the reviewers from the start (the news slice with the fake encoder links little).
KIRBY = ("El portavoz John Kirby dijo que Corea del Norte suministró más de mil contenedores de equipamiento "
         "militar a {}.\n")
PESKOV = ("El portavoz Dmitri Peskov dijo que Corea del Norte no suministró más de mil contenedores de equipamiento "
          "militar a {}.\n")
KIRBY2 = ("El portavoz John Kirby dijo que Corea del Norte suministró más de mil contenedores de equipamiento "
          "militar a {} en octubre.\n")


def seed_files(folder: Path) -> list[str]:
    seeds = folder / "seeds"
    seeds.mkdir()
    for country in ("Rusia", "Irán", "Siria"):
        for name, text in (("kirby", KIRBY), ("peskov", PESKOV), ("kirby2", KIRBY2)):
            (seeds / f"{name}_{country}.txt").write_text(text.format(country), encoding="utf-8")
    return sorted(str(p) for p in seeds.glob("*.txt"))
FAKE_BOOT = """
import sys
from verify import embed
embed.load_encoder = lambda name=None, **kw: embed.FakeEncoder(64, name=name or "fake")
from verify.cli import main
sys.argv[0] = "verify"
main()
"""
READS = (("report", "--format", "json"), ("search", "Corea del Norte envió armas a Rusia", "--json"),
         ("links", "--json"), ("stats", "--json"))


class Log:
    """Every process the run started: what, exit code, seconds, and whether it printed a traceback."""

    def __init__(self):
        self.rows: list[dict] = []
        self._lock = threading.Lock()

    def run(self, role: str, cmd: list[str], *, parse_json: bool = False) -> subprocess.CompletedProcess:
        what = cmd[cmd.index("--index") + 2:] if "--index" in cmd else ["tui"] if "--tui" in cmd else ["reviewer"]
        what = what[2:] if what[:1] == ["--user"] else what
        t = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        row = {"role": role, "cmd": what[:6], "rc": done.returncode,
               "seconds": time.perf_counter() - t,
               "traceback": "Traceback" in done.stderr or "Traceback" in done.stdout, "stderr": done.stderr[-2000:]}
        if parse_json and done.returncode == 0:
            try:
                json.loads(done.stdout)
            except ValueError as exc:
                row["rc"], row["stderr"] = -999, f"output is not JSON: {exc}"
        with self._lock:
            self.rows.append(row)
        return done


def verify_cmd(url: str, *args: str, user: str | None = None) -> list[str]:
    return [sys.executable, "-c", FAKE_BOOT, "--index", url, *(["--user", user] if user else []), *args]


def split_corpus(n: int, folder: Path) -> tuple[list[list[Path]], list[dict]]:
    """Three overlapping slices of the first `n` articles, each cut into JSONL files of PER_FILE."""
    records = [json.loads(line) for line in NEWS.open(encoding="utf-8")][:n]
    third, half = n // 3, n // 6
    bounds = [(0, third + half), (third - half, 2 * third + half), (2 * third - half, n)]
    writers = []
    for w, (lo, hi) in enumerate(bounds):
        files = []
        for k, start in enumerate(range(lo, hi, PER_FILE)):
            path = folder / f"w{w}_{k:03d}.jsonl"
            chunk = records[start:min(hi, start + PER_FILE)]
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chunk), encoding="utf-8")
            files.append(path)
        writers.append(files[::-1] if w == 1 else files)
    return writers, records


# ------------------------------------------------------------------------------ reviewer process
def reviewer(url: str, user: str, until: float, log_path: str) -> None:
    """Set verdicts on the links (the same ones for both reviewers) until `until`; log the committed ones."""
    import random

    from verify.errors import IndexError_
    from verify.store.postgres import open_store

    rng = random.Random(user)
    verdicts = ("confirmed", "rejected", "unsure")
    with open_store(url, writable=True, user=user) as store, open(log_path, "w", encoding="utf-8") as out:
        links: list = []
        for n in itertools.count():
            if time.time() >= until:
                break
            if n % 20 == 0 or not links:
                links = sorted((l.a, l.b) for l in store.links())
                if not links:
                    time.sleep(0.5)
                    continue
            a, b = links[n % len(links)] if rng.random() < 0.7 else links[0]  # both hit links[0] often
            verdict, note = rng.choice(verdicts), f"{user}-{n}"
            try:
                with store.batch():
                    store.set_link_verdict(a, b, verdict, note)
            except IndexError_ as exc:  # the link went away meanwhile: not committed, said so
                out.write(json.dumps({"a": a, "b": b, "verdict": verdict, "note": note, "committed": False,
                                      "error": str(exc)}) + "\n")
                continue
            out.write(json.dumps({"a": a, "b": b, "verdict": verdict, "note": note, "committed": True}) + "\n")
            out.flush()
            time.sleep(0.05)


# ------------------------------------------------------------------------------ TUI reader process
def tui_reader(url: str, until: float, log_path: str) -> None:
    """The browser under Pilot until `until`, moving the cursor; then, once the writers have finished
    (`writers.done` beside the log), until it shows the database's link count (30 s at most). Logs the
    link counts it showed, in order."""
    import asyncio

    from verify.store.postgres import open_store
    from verify.tui.app import make_app

    async def drive() -> None:
        app = make_app(url, poll_interval=0.5, user="tui-reader")
        seen: list[int] = []
        async with app.run_test(size=(120, 36)) as pilot:
            while time.time() < until:
                await pilot.press("down" if int(time.time()) % 4 else "up")
                await pilot.pause(0.5)
                if not seen or seen[-1] != len(app.model.links):
                    seen.append(len(app.model.links))
            done = Path(log_path).with_name("writers.done")
            while not done.exists():
                await pilot.pause(0.5)
            deadline = time.time() + 30
            while time.time() < deadline:
                with open_store(url) as store:
                    expected = len(store.links())
                await pilot.pause(1.0)
                if len(app.model.links) == expected:
                    break
            seen.append(len(app.model.links))
        with open(log_path, "w", encoding="utf-8") as out:
            json.dump({"seen": seen, "expected": expected}, out)

    asyncio.run(drive())


# ----------------------------------------------------------------------------------------- checks
def db_checks(cluster, dbname: str) -> dict:
    one = lambda sql: cluster.admin(sql, dbname)[0][0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "claims": one("SELECT count(*) FROM claims"),
        "links": one("SELECT count(*) FROM links"),
        "duplicate articles (same text)": one(
            "SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY 1 HAVING count(*) > 1) d"),
        "duplicate claims (same article, span)": one(
            'SELECT count(*) FROM (SELECT article_id, start, "end" FROM claims GROUP BY 1, 2, 3'
            " HAVING count(*) > 1) d"),
        "links missing a claim": one(
            "SELECT count(*) FROM links l WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = l.a)"
            " OR NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = l.b)"),
        "verdict history rows": one("SELECT count(*) FROM verdict_history"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--reviewer", nargs=4, metavar=("URL", "USER", "UNTIL", "LOG"), help=argparse.SUPPRESS)
    parser.add_argument("--tui", nargs=3, metavar=("URL", "UNTIL", "LOG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tui:
        tui_reader(args.tui[0], float(args.tui[1]), args.tui[2])
        return
    if args.reviewer:
        url, user, until, log_path = args.reviewer
        reviewer(url, user, float(until), log_path)
        return

    from pg import MISSING, server_binaries, throwaway_cluster

    from verify.store.postgres import open_store

    bindir = server_binaries()
    if bindir is None:
        sys.exit(MISSING)
    work = Path(tempfile.mkdtemp(prefix="team-concurrency-"))
    writers, records = split_corpus(args.articles, work)
    distinct = len({r["id"] for files in writers for p in files
                    for r in map(json.loads, p.read_text(encoding="utf-8").splitlines())})
    log = Log()
    with throwaway_cluster(bindir) as cluster:
        cluster.admin("CREATE DATABASE shared")
        cluster.admin("CREATE DATABASE serial")
        url, serial_url = cluster.url("shared"), cluster.url("serial")
        # Setup: the 9 seed articles (which hold links), so that readers find a store with a model and
        # the reviewers links to judge from the start; the serial run adds them too.
        seeds = seed_files(work)
        log.run("setup", verify_cmd(url, "add", *seeds, "--nli", "none", user="setup"))

        started = time.time()
        until = started + args.seconds
        passes = [0, 0, 0]

        def writer(w: int) -> None:
            while True:
                for path in writers[w]:
                    log.run(f"writer{w}", verify_cmd(url, "add", str(path), "--nli", "none", user=f"w{w}"))
                passes[w] += 1
                if time.time() >= until:
                    return

        def reader(r: int) -> None:
            for k in itertools.count(r):
                if time.time() >= until:
                    return
                log.run(f"reader{r}", verify_cmd(url, *READS[k % len(READS)]), parse_json=True)

        def person(user: str) -> None:
            log.run(f"reviewer {user}", [sys.executable, __file__, "--reviewer", url, user, str(until),
                                         str(work / f"{user}.jsonl")])

        def tui() -> None:
            log.run("reader tui", [sys.executable, __file__, "--tui", url, str(until), str(work / "tui.json")])

        threads = ([threading.Thread(target=writer, args=(w,)) for w in range(3)]
                   + [threading.Thread(target=reader, args=(r,)) for r in range(4)] + [threading.Thread(target=tui)]
                   + [threading.Thread(target=person, args=(u,)) for u in ("alice", "bob")])
        for t in threads:
            t.start()
        for t in threads[:3]:
            t.join()
        (work / "writers.done").touch()
        for t in threads[3:]:
            t.join()
        elapsed = time.time() - started

        # Serial run: every writer's files, in one `verify add`, into a fresh database.
        serial_files = [*seeds, *(str(p) for files in writers for p in sorted(files))]
        t = time.perf_counter()
        log.run("serial", verify_cmd(serial_url, "add", *serial_files, "--nli", "none", user="serial"))
        serial_seconds = time.perf_counter() - t

        shared, serial = db_checks(cluster, "shared"), db_checks(cluster, "serial")
        per_article = [dict(cluster.admin("SELECT article_id, count(*) FROM claims GROUP BY 1", db))
                       for db in ("shared", "serial")]
        differing = sorted((k, per_article[0].get(k, 0), per_article[1].get(k, 0))
                           for k in set(per_article[0]) | set(per_article[1])
                           if per_article[0].get(k, 0) != per_article[1].get(k, 0))
        committed, refused = [], 0
        for user in ("alice", "bob"):
            for line in (work / f"{user}.jsonl").read_text(encoding="utf-8").splitlines():
                row = {**json.loads(line), "user": user}
                (committed.append(row) if row["committed"] else None)
                refused += not row["committed"]
        lost = []
        with open_store(url) as store:
            history: dict[tuple[int, int], set] = {}
            for link in {(r["a"], r["b"]) for r in committed}:
                history[link] = {(c.user, c.value, c.note) for c in store.verdict_history(*link)}
            for r in committed:
                if (r["user"], r["verdict"], r["note"]) not in history[(r["a"], r["b"])]:
                    lost.append(r)
            both = sum(1 for link, h in history.items() if {u for u, _, _ in h} >= {"alice", "bob"})

    tui_log = json.loads((work / "tui.json").read_text()) if (work / "tui.json").exists() else \
        {"seen": [], "expected": None}
    shutil.rmtree(work, ignore_errors=True)
    failed = [r for r in log.rows if r["rc"] != 0 or r["traceback"]]
    checks = [
        ("no process exited non-zero or printed a traceback", not failed, f"{len(failed)} of {len(log.rows)} failed"),
        ("no duplicate article", shared["duplicate articles (same text)"] == 0
         and shared["duplicate claims (same article, span)"] == 0,
         f"{shared['duplicate articles (same text)']} duplicate articles, "
         f"{shared['duplicate claims (same article, span)']} duplicate claims"),
        ("every link's two claims present", shared["links missing a claim"] == 0,
         f"{shared['links missing a claim']} of {shared['links']} links miss a claim"),
        ("no lost verdict", not lost and bool(committed), f"{len(lost)} of {len(committed)} committed verdicts missing "
                                                           f"from the history"),
        ("the TUI saw others' links arrive and ends with all of them",
         len(set(tui_log["seen"])) >= 2 and tui_log["seen"][-1:] == [shared["links"]],
         f"link counts shown, in order: {tui_log['seen'][:12]}{' ...' if len(tui_log['seen']) > 12 else ''}; "
         f"database: {shared['links']}"),
        ("article/claim counts equal the serial run", (shared["articles"], shared["claims"])
         == (serial["articles"], serial["claims"]),
         f"shared {shared['articles']} articles / {shared['claims']} claims; serial {serial['articles']} / "
         f"{serial['claims']}"),
    ]

    print(f"## Team concurrency on PostgreSQL\n\nmachine: {machine()}\n")
    print(f"{args.seconds:.0f} s asked, {elapsed:.0f} s run (writers finish their pass); {args.articles} news_es "
          f"articles in {sum(len(f) for f in writers)} JSONL files of up to {PER_FILE} ({distinct} distinct "
          f"articles over the 3 overlapping slices); writer passes over their slices: {passes}\n")
    rows = []
    for role in ("writer", "reader", "reviewer", "serial", "setup"):
        mine = [r for r in log.rows if r["role"].startswith(role)]
        if mine:
            secs = [r["seconds"] for r in mine]
            rows.append([role, len(mine), sum(r["rc"] != 0 for r in mine), sum(r["traceback"] for r in mine),
                         f"{statistics.median(secs):.2f}", f"{max(secs):.2f}"])
    print(table(["processes", "runs", "non-zero exit", "traceback", "median s", "max s"], rows))
    per_cmd = []
    for cmd in READS:
        mine = [r for r in log.rows if r["role"].startswith("reader") and tuple(r["cmd"]) == cmd]
        if mine:
            secs = [r["seconds"] for r in mine]
            per_cmd.append([f"`verify {cmd[0]}`", len(mine), f"{statistics.median(secs):.2f}", f"{max(secs):.2f}"])
    print()
    print(table(["reader command", "runs", "median s", "max s"], per_cmd))
    print()
    print(table(["database", "articles", "claims", "links", "verdict history rows"],
                [[name, d["articles"], d["claims"], d["links"], d["verdict history rows"]]
                 for name, d in (("shared (concurrent)", shared), (f"serial ({serial_seconds:.0f} s)", serial))]))
    print(f"\nverdicts: {len(committed)} committed (alice {sum(r['user'] == 'alice' for r in committed)}, "
          f"bob {sum(r['user'] == 'bob' for r in committed)}), {refused} refused as their link was gone; "
          f"{len(history)} links judged, {both} by both\n")
    print(table(["check", "result", "detail"],
                [[name, "pass" if ok else "FAIL", detail] for name, ok, detail in checks]))
    if differing:
        print(f"\narticles whose claim count differs (shared, serial): {differing[:20]}")
    for r in failed[:5]:
        print(f"\nfailed: {r['role']} {' '.join(r['cmd'][:6])} rc={r['rc']}\n{r['stderr']}")
    for r in lost[:5]:
        print(f"\nlost: {r}")
    sys.exit(0 if all(ok for _, ok, _ in checks) else 1)


if __name__ == "__main__":
    main()

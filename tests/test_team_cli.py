"""Team mode as a desk uses it (issue #12): the CLI and the TUI on a shared PostgreSQL index.

`--index postgresql://...` (or VERIFY_INDEX) on the throwaway cluster of tests/pg.py, with the fake
encoder standing in for the model as in tests/test_cli.py: every command a fact-checker runs works
on it, gives the report the SQLite index gives for the same input, records who set a verdict, shows
the history, and says what went wrong in one line without the password.
"""

from __future__ import annotations

import getpass
import json

import pytest
from click.testing import CliRunner
from conftest import SEEDS
from pg import PASSWORD, free_port

from verify import embed
from verify.cli import cli

psycopg = pytest.importorskip("psycopg", reason="needs psycopg: pip install 'psycopg[binary]' (the team extra)")

from verify.store.postgres import open_store  # noqa: E402

# Three short articles the rules link with the fake encoder: a repeat and two contradictions.
NEWS = {
    "kirby.txt": "El portavoz John Kirby dijo que Corea del Norte suministró más de mil contenedores de "
                 "equipamiento militar a Rusia.\n",
    "peskov.txt": "El portavoz Dmitri Peskov dijo que Corea del Norte no suministró más de mil contenedores de "
                  "equipamiento militar a Rusia.\n",
    "kirby2.txt": "El portavoz John Kirby dijo que Corea del Norte suministró más de mil contenedores de "
                  "equipamiento militar a Rusia en octubre.\n",
}
ARTICLES = ("kirby", "peskov", "kirby2")


@pytest.fixture
def sources(tmp_path) -> list[str]:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in NEWS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [*sorted(str(p) for p in SEEDS.glob("*.txt")), str(folder)]


@pytest.fixture
def verify(monkeypatch, tmp_path):
    """`verify(*args, index=..., user=...)`: the CLI in-process with the fake encoder, in an empty folder."""
    monkeypatch.setattr(embed, "load_encoder", lambda name=None, **kw: embed.FakeEncoder(64, name=name or "fake"))
    monkeypatch.setenv("VERIFY_NLI", "none")
    for name in ("VERIFY_INDEX", "VERIFY_USER", "VERIFY_MODEL"):
        monkeypatch.delenv(name, raising=False)
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)  # a URL taken for a folder name would show up here

    def run(*args: str, index: str | None = None, user: str | None = None, env: dict | None = None):
        head = (["--index", index] if index else []) + (["--user", user] if user else [])
        return CliRunner().invoke(cli, [*head, *args], env=env, catch_exceptions=False)

    run.cwd = work
    return run


def _json(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _without_ids(report: dict) -> dict:
    """The report with claim ids and link-making times taken out (each store numbers on its own)."""
    def claim(c: dict) -> dict:
        return {k: v for k, v in c.items() if k not in ("id", "claim_id")}

    links = [{**l, "a": claim(l["a"]), "b": claim(l["b"])} for l in report["links"]]
    return {**report, "links": links}


# ------------------------------------------------------------------------------- every command
def test_add_then_every_reading_command(verify, pg_url, sources):
    added = verify("add", *sources, index=pg_url, user="ingest")
    assert added.exit_code == 0, added.stderr
    assert "8 added" in added.stdout
    assert not any(verify.cwd.iterdir())  # no folder named after the URL

    stats = _json(verify("stats", "--json", index=pg_url))
    assert stats["articles"] == 8 and f"links: {sum(stats['links'].values())};" in added.stdout
    assert stats["model"] == "fake" and stats["index"].startswith("postgresql://verify@127.0.0.1")
    text = verify("stats", index=pg_url)
    assert text.exit_code == 0 and PASSWORD not in text.stdout

    claims = _json(verify("claims", "--json", index=pg_url))
    assert len(claims) == stats["claims"] and {c["article_id"] for c in claims} >= {"kirby", "peskov", "kirby2"}
    assert ([c["text"] for c in _json(verify("claims", "peskov", "--json", index=pg_url))]
            == [NEWS["peskov.txt"].strip()])

    links = _json(verify("links", "--json", index=pg_url))
    assert len(links) == sum(stats["links"].values())
    news = sorted(l["relation"] for l in links if {l["a"]["article"]["id"], l["b"]["article"]["id"]} <= set(ARTICLES))
    assert news == ["contradicts", "contradicts", "repeats"]
    peskov = next(c for c in claims if c["article_id"] == "peskov")
    assert len(_json(verify("links", str(peskov["id"]), "--json", index=pg_url))) >= 2
    shown = verify("links", "kirby", index=pg_url)
    assert shown.exit_code == 0 and "repeats" in shown.stdout and "contradicts" in shown.stdout

    hits = _json(verify("search", "Corea del Norte suministró contenedores a Rusia", "-k", "3", "--json", index=pg_url))
    assert len(hits) == 3 and {h["claim"]["article_id"] for h in hits} == {"kirby", "peskov", "kirby2"}

    report = _json(verify("report", "--format", "json", index=pg_url))
    assert report["index"]["articles"] == 8 and len(report["links"]) == stats["links"]["contradicts"]
    assert verify("report", "--format", "md", index=pg_url).stdout.count("Dmitri Peskov") >= 2

    checked = verify("check", index=pg_url)
    assert checked.exit_code == 0 and checked.stdout.strip().endswith(": ok") and PASSWORD not in checked.stdout
    assert verify("export", "--claimreview", "-", index=pg_url).exit_code == 0

    again = verify("add", *sources, index=pg_url, user="ingest")  # a second ingest job: nothing twice
    assert "0 added" in again.stdout and "8 unchanged" in again.stdout
    assert _json(verify("stats", "--json", index=pg_url))["claims"] == stats["claims"]


def test_report_on_postgresql_equals_the_one_on_sqlite(verify, pg_url, sources, tmp_path):
    folder = str(tmp_path / "ix")
    for index in (folder, pg_url):
        assert verify("add", *sources, index=index).exit_code == 0
    for args in (("report", "--format", "json", "--relation", "all"), ("report", "--format", "json")):
        on_sqlite, on_pg = (_json(verify(*args, index=i)) for i in (folder, pg_url))
        assert on_sqlite["links"] and _without_ids(on_pg) == _without_ids(on_sqlite)
    on_sqlite, on_pg = (_json(verify("links", "--json", index=i)) for i in (folder, pg_url))
    assert _without_ids({"links": on_pg}) == _without_ids({"links": on_sqlite})


def test_index_from_the_environment_or_after_the_command(verify, pg_url, sources, cluster):
    env = {"VERIFY_INDEX": pg_url}
    assert verify("add", *sources, env=env).exit_code == 0
    assert _json(verify("stats", "--json", env=env))["articles"] == 8
    # As the messages write it: `verify add FILES --index URL`; after the command it wins.
    other = cluster.url(cluster.new_database())
    assert verify("add", sources[0], "--index", other, "--user", "ingest", env=env).exit_code == 0
    assert _json(verify("stats", "--json", "--index", other, env=env))["articles"] == 1
    assert _json(verify("stats", "--json", env=env))["articles"] == 8
    assert not any(verify.cwd.iterdir())


# ------------------------------------------------------------------------------- who changed what
def _contradiction(url: str) -> tuple[int, int]:
    with open_store(url) as index:
        link = next(l for l in index.links(relation="contradicts"))
    return link.a, link.b


def test_two_people_judge_the_same_link_and_the_history_names_both(verify, pg_url, sources):
    assert verify("add", *sources, index=pg_url, user="ingest").exit_code == 0
    a, b = _contradiction(pg_url)
    with open_store(pg_url, writable=True, user="alice") as alice, open_store(pg_url, writable=True, user="bob") as bob:
        for who, verdict, note in ((alice, "confirmed", "same quote"), (bob, "rejected", "not the same claim")):
            with who.batch():
                who.set_link_verdict(a, b, verdict, note)
        with bob.batch():
            bob.set_claim_rating(a, "misleading", "no source")

    history = verify("history", str(b), str(a), index=pg_url)  # either order names the link
    assert history.exit_code == 0, history.stderr
    lines = history.stdout.splitlines()
    assert len(lines) == 2
    assert "alice" in lines[0] and "confirmed" in lines[0] and "same quote" in lines[0]
    assert "bob" in lines[1] and "rejected" in lines[1] and f"#{a}-#{b}" in lines[1]
    assert lines[0][:4].isdigit() and "T" in lines[0].split()[0]  # when, ISO 8601

    rows = _json(verify("history", str(a), str(b), "--json", index=pg_url))
    assert [(r["user"], r["value"], r["kind"]) for r in rows] == [("alice", "confirmed", "verdict"),
                                                                   ("bob", "rejected", "verdict")]
    assert [r["value"] for r in _json(verify("history", "--claim", str(a), "--json", index=pg_url))] == ["misleading"]
    latest = _json(verify("history", "--json", index=pg_url))
    assert [(r["user"], r["value"]) for r in latest] == [("bob", "misleading"), ("bob", "rejected"),
                                                          ("alice", "confirmed")]
    assert [r["value"] for r in _json(verify("history", "--by", "alice", "--json", index=pg_url))] == ["confirmed"]
    assert [r["value"] for r in _json(verify("history", "--limit", "1", "--json", index=pg_url))] == ["misleading"]
    # The report shows the latest verdict.
    report = _json(verify("report", "--format", "json", "--verdict", "rejected", index=pg_url))
    assert [(l["verdict"], l["verdict_note"]) for l in report["links"]] == [("rejected", "not the same claim")]
    # The article re-added with other text: the verdict goes with its link, and the history says so.
    changed = verify.cwd.parent / "news" / "peskov.txt"
    changed.write_text("El portavoz Dmitri Peskov negó todo.\n", encoding="utf-8")
    assert verify("add", str(changed), index=pg_url).exit_code == 0
    gone = verify("history", str(a), str(b), index=pg_url).stdout.splitlines()
    assert len(gone) == 3 and "(removed with its link)" in gone[-1]


def test_history_usage_and_sqlite(verify, sources, tmp_path):
    folder = str(tmp_path / "ix")
    assert verify("add", *sources, index=folder).exit_code == 0
    with open_store(folder, writable=True) as index:
        link = index.links(relation="contradicts")[0]
        with index.batch():
            index.set_link_verdict(link.a, link.b, "confirmed", "two sources")
    shown = verify("history", str(link.a), str(link.b), index=folder)
    assert shown.exit_code == 0
    assert shown.stderr.count("\n") == 1 and "kept on a shared PostgreSQL index" in shown.stderr
    assert "confirmed" in shown.stdout and "two sources" in shown.stdout and len(shown.stdout.splitlines()) == 1
    by = verify("history", "--by", "alice", index=folder)
    assert by.exit_code == 2 and by.stderr.count("\n") == 1 and "does not record who" in by.stderr
    for args in (("history", "1"), ("history", "1", "2", "--claim", "3"), ("history", "uno", "dos")):
        wrong = verify(*args, index=folder)
        assert wrong.exit_code == 2


def test_user_option_and_environment_reach_the_browser(verify, pg_url, monkeypatch):
    import verify.tui as tui

    seen = []

    class _App:
        def run(self):
            pass

    monkeypatch.setattr(tui, "make_app", lambda index, **options: seen.append((index, options.get("user"))) or _App())
    assert verify("browse", index=pg_url, user="carol").exit_code == 0
    assert verify("browse", env={"VERIFY_INDEX": pg_url, "VERIFY_USER": "dave"}).exit_code == 0
    assert verify("browse", index=pg_url).exit_code == 0
    assert seen == [(pg_url, "carol"), (pg_url, "dave"), (pg_url, None)]  # None: the store takes the login name


# ------------------------------------------------------------------------------- rebuild
def test_rebuild_a_shared_index_into_a_new_database(verify, cluster, pg_url, sources):
    assert verify("add", *sources, index=pg_url).exit_code == 0
    a, b = _contradiction(pg_url)
    with open_store(pg_url, writable=True, user="alice") as alice, alice.batch():
        alice.set_link_verdict(a, b, "confirmed")
    in_place = verify("rebuild", index=pg_url)
    assert in_place.exit_code == 2 and in_place.stderr.count("\n") == 1
    assert "rebuild --into" in in_place.stderr and PASSWORD not in in_place.stderr

    target = cluster.url(cluster.new_database())
    rebuilt = verify("rebuild", "--into", target, index=pg_url, user="admin")
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert "8 added" in rebuilt.stdout and PASSWORD not in rebuilt.stdout
    before, after = (_json(verify("report", "--format", "json", "--relation", "all", index=i))
                     for i in (pg_url, target))
    assert _without_ids(after) == _without_ids(before) and any(l["verdict"] == "confirmed" for l in after["links"])
    assert [r["user"] for r in _json(verify("history", "--json", index=target))] == ["admin"]
    again = verify("rebuild", "--into", target, index=pg_url)  # never into an index that has articles
    assert again.exit_code == 2 and "already holds an index" in again.stderr


def test_a_folder_index_moves_onto_postgresql(verify, pg_url, sources, tmp_path):
    folder = str(tmp_path / "ix")
    assert verify("add", *sources, index=folder).exit_code == 0
    assert verify("rebuild", "--into", pg_url, index=folder).exit_code == 0
    before, after = (_json(verify("report", "--format", "json", "--relation", "all", index=i))
                     for i in (folder, pg_url))
    assert _without_ids(after) == _without_ids(before)


# ------------------------------------------------------------------------------- what goes wrong
BAD = {
    "server down": (lambda c: f"postgresql://verify:{PASSWORD}@127.0.0.1:{free_port()}/verify", "stats",
                    "the PostgreSQL server is not running there"),
    "wrong password": (lambda c: c.url("postgres", password="not-the-password"), "claims",
                       "refused the user name or password"),
    "no such database": (lambda c: c.url("nosuchdb"), "add", "there is no database 'nosuchdb'"),
    "not a verify database": (lambda c: c.url("postgres"), "report", "no verify index in this database"),
    "malformed URL": (lambda c: f"postgresql://verify:{PASSWORD}@[bad/x", "links", "not a usable PostgreSQL URL"),
    "password as a parameter": (lambda c: f"postgresql://verify@127.0.0.1:{free_port()}/x?password={PASSWORD}",
                                "check", "not running there"),
    "another kind of URL": (lambda c: f"mysql://verify:{PASSWORD}@127.0.0.1/verify", "stats",
                            "not an index folder nor a postgresql:// URL"),
}


@pytest.mark.parametrize("case", list(BAD))
@pytest.mark.parametrize("how", ["option", "env"])
def test_bad_url_or_server_down_is_one_line_without_the_password(verify, cluster, sources, case, how):
    make_url, command, expected = BAD[case]
    url = make_url(cluster)
    args = {"add": ("add", sources[-1]), "stats": ("stats",)}.get(command, (command,))
    result = verify(*args, **({"index": url} if how == "option" else {"env": {"VERIFY_INDEX": url}}))
    assert result.exit_code == 2
    assert result.stderr.startswith("verify: ") and result.stderr.count("\n") == 1, result.stderr
    assert expected in result.stderr
    assert PASSWORD not in result.stderr + result.stdout and "not-the-password" not in result.stderr
    assert not any(verify.cwd.iterdir())


def test_nothing_to_add_into_a_database_leaves_it_usable(verify, pg_url, tmp_path):
    empty = tmp_path / "vacio.txt"
    empty.write_text("   \n")
    failed = verify("add", str(empty), index=pg_url)
    assert failed.exit_code == 2 and failed.stderr.count("\n") == 1
    assert not any(verify.cwd.iterdir())
    assert _json(verify("stats", "--json", index=pg_url))["articles"] == 0


# ------------------------------------------------------------------------------- the browser
@pytest.mark.anyio
async def test_browser_sees_another_persons_verdict_and_records_its_own_user(verify, pg_url, sources):
    from verify.tui.app import make_app
    from verify.tui.screens.main import MainScreen

    assert verify("add", *sources, index=pg_url).exit_code == 0
    app = make_app(pg_url, poll_interval=0.05, user="carol")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and PASSWORD not in app.sub_title
        row = app.screen.row_list.current
        # Another person, through another connection, judges the link under the cursor.
        with open_store(pg_url, writable=True, user="dave") as dave, dave.batch():
            dave.set_link_verdict(row.a, row.b, "rejected", "otra cita")
        for _ in range(40):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
            if any(r.verdict == "rejected" for r in app.model.links):
                break
        assert [r.verdict for r in app.model.links if (r.a, r.b) == (row.a, row.b)] == ["rejected"]
        await pilot.pause()
        assert app.screen.verdict_notes.get((row.a, row.b)) == ("rejected", "otra cita")

        # Nothing changed since: a tick costs one tiny query.
        index = app.model.index
        real, counted = index._conn, []

        class Counting:
            def execute(self, *args, **kwargs):
                counted.append(args[0])
                return real.execute(*args, **kwargs)

            def __getattr__(self, name):
                return getattr(real, name)

        index._conn = Counting()
        try:
            assert app._look_for_change(False) is None
        finally:
            index._conn = real
        assert counted == ["SELECT generation FROM store_state"]

        # carol's own verdict, on another link, goes in under her name.
        await pilot.press("down")
        mine = app.screen.row_list.current
        assert (mine.a, mine.b) != (row.a, row.b) and mine.verdict is None
        await pilot.press("v")
        await pilot.press("enter", *"dos fuentes", "enter")  # confirmed, with a note
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
    with open_store(pg_url) as index:
        history = index.verdict_history(mine.a, mine.b)
    assert [(c.user, c.value, c.note) for c in history] == [("carol", "confirmed", "dos fuentes")]


@pytest.mark.anyio
async def test_browser_on_a_new_database_shows_how_to_add_without_the_password(pg_url):
    from test_tui import shown_text

    from verify.tui.app import make_app
    from verify.tui.screens.start import EmptyScreen

    app = make_app(pg_url, poll_interval=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EmptyScreen)
        text = shown_text(app)
        assert "verify add ARTICLES... --index postgresql://verify:***@127.0.0.1" in text and PASSWORD not in text


def test_login_name_is_the_default_user(pg_url):
    from verify.cli.common import Context

    with Context(pg_url, None).open_index(writable=True, create=True) as index:
        assert index.user == getpass.getuser()
    with Context(pg_url, None, " erin ").open_index(writable=True) as index:
        assert index.user == "erin"

"""`verify browse`: Pilot tests of the flows a fact-checker walks, SVG snapshots, the model beneath.

Fast tests use an index written through `ClaimIndex` with hand-made claims and links (FakeEncoder
vectors); the e2e test builds the index from the seeds with the real pipeline.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS, make_article, make_claim
from textual.widgets import Static

from verify.claimreview import claim_reviews, speaker_type
from verify.cli import cli
from verify.embed import FakeEncoder
from verify.records import Claim, Link, Polarity, Relation
from verify.store.index import ClaimIndex
from verify.tui.app import make_app
from verify.tui.model import BrowseModel, Filters, fold, order_newest_story_first
from verify.tui.screens.article import ArticlePane, ArticleScreen
from verify.tui.screens.dialogs import ChoiceNoteScreen, HelpScreen
from verify.tui.screens.main import MainScreen
from verify.tui.screens.start import EmptyScreen, ErrorScreen

SIZE = (120, 36)
pytestmark = pytest.mark.anyio  # the async Pilot tests run on asyncio (anyio_backend defaults to it)

NK_TEXT = (
    "El ministro ruso de Relaciones Exteriores, Serguei Lavrov, viajó hoy a Corea del Norte.\n"
    "El portavoz de Seguridad Nacional de la Casa Blanca, John Kirby, dijo que Corea del Norte suministró en las "
    "últimas semanas más de 1.000 contenedores de equipamiento militar a Rusia.\n"
    "En su respuesta, el Kremlin afirmó el martes que \"no hay pruebas\" de que Corea del Norte esté mandando "
    "armas a Rusia.\n")
LIBYA_2016 = (
    "El general libio Jalifa Haftar se ha reunido con Sergei Lavrov en Moscú.\n"
    "\"Moscú está en contacto con los representantes libios\", ha informado el portavoz del Kremlin, "
    "Dmitri Peskov.\n")
LIBYA_2019 = (
    "Rusia ha negado apoyar a un general libio.\n"
    "El portavoz del Kremlin, Dmitry Peskov, dijo a los periodistas que Rusia no estaba respaldando a Haftar en "
    "su intento de apoderarse de Libia.\n")


def _claim(article_id: str, text: str, sentence: str, **fields) -> Claim:
    return make_claim(article_id, sentence, text.index(sentence), **fields)


def build_small_index(path: Path) -> dict[str, int]:
    """Three articles, five claims, four links: the Kirby / Kremlin contradiction is the newest story."""
    encoder = FakeEncoder(dim=64)
    nk = make_article("nk", NK_TEXT, title="Lavrov viaja a Corea del Norte", outlet="El Destape",
                      date="2023-10-18", url="https://example.org/lavrov-corea")
    ly16 = make_article("libia16", LIBYA_2016, title="Haftar pide ayuda a Rusia", outlet="Europa Press",
                        date="2016-11-29")
    ly19 = make_article("libia19", LIBYA_2019, title="Rusia niega apoyar a Haftar", outlet="AP",
                        date="2019-04-08")
    claims = {
        nk.id: [
            _claim(nk.id, NK_TEXT, "Corea del Norte suministró en las últimas semanas más de 1.000 contenedores de "
                   "equipamiento militar a Rusia", speaker="John Kirby", side="United States government",
                   entities=("Corea del Norte", "Rusia")),
            _claim(nk.id, NK_TEXT, "no hay pruebas\" de que Corea del Norte esté mandando armas a Rusia",
                   speaker="el Kremlin", side="Kremlin", polarity=Polarity.DENIES,
                   entities=("Corea del Norte", "Rusia")),
        ],
        ly16.id: [_claim(ly16.id, LIBYA_2016, "Moscú está en contacto con los representantes libios",
                         speaker="Dmitri Peskov", side="Kremlin", entities=("Moscú",))],
        ly19.id: [
            _claim(ly19.id, LIBYA_2019, "Rusia ha negado apoyar a un general libio", speaker="Rusia",
                   side="Kremlin", polarity=Polarity.DENIES, entities=("Rusia",)),
            _claim(ly19.id, LIBYA_2019, "Rusia no estaba respaldando a Haftar", speaker="Dmitry Peskov",
                   side="Kremlin", polarity=Polarity.DENIES, entities=("Rusia", "Haftar")),
        ],
    }
    ids: dict[str, int] = {}
    with ClaimIndex.open(path, create=True) as index:
        with index.batch():
            index.bind_model(encoder.name, encoder.fingerprint, encoder.dim)
            for article in (nk, ly16, ly19):
                stored = index.add_article(article, claims[article.id],
                                           encoder.encode([c.text for c in claims[article.id]]))
                for c in stored:
                    ids[c.speaker] = c.id
            index.add_links([
                Link(ids["John Kirby"], ids["el Kremlin"], Relation.CONTRADICTS, 0.91,
                     "opposite stance on North Korean arms deliveries", 0.83, "test"),
                Link(ids["Dmitri Peskov"], ids["Dmitry Peskov"], Relation.SUPPORTS, 0.55,
                     "same side, compatible statements on Libya", 0.6, "test"),
                Link(ids["Rusia"], ids["Dmitry Peskov"], Relation.REPEATS, 0.88, "same denial", 0.9, "test"),
                Link(ids["el Kremlin"], ids["Rusia"], Relation.CONTRADICTS, 0.30, "weak", 0.5, "test"),
            ])
            index.save_aliases([("John Kirby", "PER", "John Kirby")])
    return ids


@pytest.fixture
def small_index(tmp_path, monkeypatch) -> tuple[Path, dict[str, int]]:
    # A relative path keeps the header (which shows it) the same in every run: snapshots depend on it.
    monkeypatch.chdir(tmp_path)
    ids = build_small_index(tmp_path / "index")
    return Path("index"), ids


def shown_text(app) -> str:
    """Everything the current screen shows in Statics, border titles and list rows, as plain text."""
    parts = []
    for widget in app.screen.query("*"):
        if widget.border_title:
            parts.append(str(widget.border_title))
        if isinstance(widget, Static):
            parts.append(str(widget.content))
    main = app.screen if isinstance(app.screen, MainScreen) else None
    if main is not None:
        row_list = main.row_list
        parts += [row_list.row_text(r, 200).plain for r in row_list.rows]
    return "\n".join(parts)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


# ------------------------------------------------------------------------------ the browser
async def test_opens_on_links_newest_story_first(small_index):
    path, ids = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        links = main.row_list
        assert links.border_title == "links 4 of 4"
        # The 2023 North Korea story comes before the Libya ones (2016/2019), whatever their scores.
        first = links.current
        assert (first.a, first.b) == (ids["John Kirby"], ids["el Kremlin"])
        text = shown_text(app)
        assert "John Kirby" in text and "el Kremlin" in text
        assert "Corea del Norte, Rusia" in links.row_text(first, 200).plain  # shared entities in the row


async def test_pair_shows_speakers_articles_reason_and_paragraph(small_index):
    path, ids = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = shown_text(app)
        for expected in ("United States government", "Kremlin", "denies", "Lavrov viaja a Corea del Norte",
                         "El Destape", "2023-10-18", "opposite stance on North Korean arms deliveries",
                         "score 0.91", "John Kirby, dijo que"):  # the last one: from the source paragraph
            assert expected in text, expected


async def test_relation_keys_find_and_escape(small_index):
    path, ids = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("1")
        assert {r.relation for r in main.row_list.rows} == {"contradicts"}
        assert main.row_list.border_title == "links 2 of 4"
        await pilot.press("slash", *"contenedores", "enter")
        assert len(main.row_list.rows) == 1
        await pilot.press("escape")  # hides find: back to both contradictions
        assert len(main.row_list.rows) == 2
        await pilot.press("2")
        assert [r.relation for r in main.row_list.rows] == ["supports"]
        await pilot.press("escape", "escape")  # back through the history: contradictions, then all
        assert len(main.row_list.rows) == 4


async def test_vim_keys_arrows_and_mouse_move_the_cursor(small_index):
    path, _ = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = app.screen.row_list
        await pilot.press("j")
        assert rows.cursor == 1
        await pilot.press("down", "k")
        assert rows.cursor == 1
        await pilot.press("G")
        assert rows.cursor == 3
        await pilot.press("g")
        assert rows.cursor == 0
        await pilot.click(rows, offset=(5, 3))  # border row, then rows 0, 1, 2: the third row
        assert rows.cursor == 2


async def test_filter_dialog_by_speaker_and_min_score(small_index):
    path, _ = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("f")
        app.screen.query_one("#speaker").value = "peskov"  # accents and case do not matter
        app.screen.query_one("#min_score").value = "0.6"
        await pilot.press("ctrl+s")
        rows = main.row_list.rows
        assert [(r.relation, r.score) for r in rows] == [("repeats", 0.88)]
        assert "speaker=peskov" in str(main.query_one("#status").content)


async def test_enter_opens_both_articles_scrolled_to_the_claims(small_index):
    path, ids = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter")  # the Peskov / Peskov link spans two articles
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        panes = list(screen.query(ArticlePane))
        assert [p.article.id for p in panes] == ["libia16", "libia19"]
        assert all(p._target is not None for p in panes)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_verdict_is_stored_and_reported(small_index):
    path, ids = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("v")
        assert isinstance(app.screen, ChoiceNoteScreen)
        await pilot.press("enter", *"dos fuentes", "enter")  # confirmed, with a note
        await settle(app, pilot)
        assert "verdict confirmed (dos fuentes)" in shown_text(app)
        assert "●" in app.screen.row_list.row_text(app.screen.row_list.current, 80).plain
    with ClaimIndex.open(path) as index:
        assert index.link_verdicts() == {(ids["John Kirby"], ids["el Kremlin"]): ("confirmed", "dos fuentes")}
    result = CliRunner().invoke(cli, ["--index", str(path), "report", "--verdict", "confirmed", "--format", "json"])
    assert result.exit_code == 0, result.output
    links = json.loads(result.output)["links"]
    assert [(l["a"]["speaker"], l["b"]["speaker"], l["verdict"]) for l in links] == [
        ("John Kirby", "el Kremlin", "confirmed")]


async def test_rating_a_claim_and_claimreview_export(small_index, tmp_path):
    path, ids = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "r")  # claim B (the Kremlin's denial), rate it
        assert f"#{ids['el Kremlin']}" in app.screen.title_text
        await pilot.press("down", "enter", *"Kirby mostró imágenes", "enter")  # "false"
        await settle(app, pilot)
        assert "rated false" in shown_text(app)
    out = tmp_path / "reviews.json"
    result = CliRunner().invoke(cli, ["--index", str(path), "export", "--claimreview", str(out)])
    assert result.exit_code == 0, result.output
    reviews = json.loads(out.read_text())
    assert len(reviews) == 1
    review = reviews[0]
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"].startswith("no hay pruebas")
    author = review["itemReviewed"]["author"]
    assert (author["@type"], author["name"]) == ("Organization", "el Kremlin")
    assert review["reviewRating"]["alternateName"] == "False"
    assert review["reviewRating"]["ratingValue"] == 1
    assert review["url"] == "https://example.org/lavrov-corea"
    assert review["reviewBody"] == "Kirby mostró imágenes"
    assert len(review["datePublished"]) == 10


async def test_from_a_claim_its_links_and_same_speaker(small_index):
    path, ids = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("l", "L")  # claim B is the Kremlin's denial: two links
        assert {(r.a, r.b) for r in main.row_list.rows} == {(ids["John Kirby"], ids["el Kremlin"]),
                                                          (ids["el Kremlin"], ids["Rusia"])}
        await pilot.press("escape", "G", "S")  # last link: Rusia's denial; claim A is... check the speaker
        assert main.mode == "claims"
        speaker = main.filters.speaker
        assert speaker and all(fold(speaker) in fold(r.speaker) for r in main.row_list.rows)
        await pilot.press("escape")
        assert main.mode == "pairs"


async def test_claims_mode_lists_claims_with_their_links(small_index):
    path, ids = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("t")
        assert main.mode == "claims"
        assert main.row_list.border_title == "claims 5 of 5"
        await pilot.press("slash", *"respaldando", "enter")
        assert [r.id for r in main.row_list.rows] == [ids["Dmitry Peskov"]]
        await pilot.pause(0.2)
        assert "its links (2)" in shown_text(app)
        await pilot.press("E")  # two entities: pick one
        await pilot.press("enter")
        assert main.filters.entity in ("Haftar", "Rusia")


async def test_copy_claim_with_source(small_index):
    path, _ = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        copied = app.clipboard
        assert copied.startswith("“Corea del Norte suministró")
        assert "John Kirby (United States government)" in copied
        assert "https://example.org/lavrov-corea" in copied


async def test_export_current_view_as_markdown(small_index, tmp_path):
    path, _ = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1", "e")
        app.screen.query_one("#path").value = "contra.md"
        await pilot.press("enter")
        await settle(app, pilot)
    text = (tmp_path / "contra.md").read_text()
    assert text.startswith("# verify report: contradicts")
    assert "2 links" in text and "John Kirby" in text and "Dmitry Peskov" not in text


async def test_palette_command_filters(small_index):
    path, _ = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        await pilot.press("ctrl+p", *"filter: repeats")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert main.filters.relation == "repeats"


async def test_help_theme_and_narrow_terminal(small_index):
    path, _ = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        main = app.screen
        assert main.has_class("-narrow")
        assert main.row_list.region.height >= 5 and main.query_one("#card-a").region.height >= 5
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ctrl+t")
        assert app.theme == "textual-light"


async def test_other_process_adding_links_reloads_without_crash(small_index):
    path, ids = small_index
    app = make_app(path, poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        encoder = FakeEncoder(dim=64)
        text = "Kim Jong Un negó que Corea del Norte envíe armas a Rusia.\n"
        with ClaimIndex.open(path, writable=True) as other:  # another connection, as another process has
            with other.batch():
                [c] = other.add_article(make_article("kcna", text, date="2023-10-20"),
                                        [make_claim("kcna", text.strip(), speaker="Kim Jong Un")],
                                        encoder.encode([text]))
                other.add_links([Link(ids["John Kirby"], c.id, Relation.CONTRADICTS, 0.8, "deny", 0.7, "t")])
        await pilot.pause(0.3)
        await settle(app, pilot)
        assert app.screen.row_list.border_title == "links 5 of 5"


async def test_a_poll_tick_with_no_screen_left_does_nothing(small_index):
    # The poll timer can tick while the app shuts down, its screens already gone: that tick once
    # crashed the exit with ScreenStackError (seen as a flaky run of the test above).
    path, _ = small_index
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert not app.screen_stack
    app.poll_index()
    assert not app._polling


class _SentenceExtractor:
    """One claim per line, no speaker: enough to exercise adding from the TUI without spaCy."""

    def __init__(self, gate: threading.Event | None = None):
        self.gate = gate

    def extract_many(self, texts, languages=None, article_ids=None):
        if self.gate is not None:
            self.gate.wait(10)
        out = []
        for text, aid in zip(texts, article_ids):
            claims, pos = [], 0
            for line in text.split("\n"):
                if line.strip():
                    start = text.index(line, pos)
                    claims.append(Claim(article_id=aid, text=line, start=start, end=start + len(line),
                                        checkworthiness=0.8))
                    pos = start + len(line)
            out.append(claims)
        return out


async def test_add_articles_from_the_tui_on_an_empty_index(tmp_path):
    (tmp_path / "news.txt").write_text("Rusia recibió armas de Corea del Norte según Washington.\n"
                                       "El Kremlin niega que Rusia reciba armas de Corea del Norte.\n")
    app = make_app(tmp_path / "index", poll_interval=0, encoder_factory=lambda index: FakeEncoder(dim=64),
                   judge_factory=lambda: None,
                   extractor_factory=lambda index: _SentenceExtractor())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EmptyScreen)
        assert "verify add" in shown_text(app)
        await pilot.press("a", *str(tmp_path / "news.txt"), "enter")
        await settle(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert len(app.screen.model.claims) == 2


async def test_escape_cancels_an_add_after_the_current_batch(small_index, tmp_path):
    path, _ = small_index
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(20):  # two batches of 16 and 4
        (folder / f"{n:02d}.txt").write_text(f"Noticia número {n} sobre Corea del Norte y Rusia.\n")
    gate = threading.Event()
    app = make_app(path, poll_interval=0, encoder_factory=lambda index: FakeEncoder(dim=64),
                   judge_factory=lambda: None,
                   extractor_factory=lambda index: _SentenceExtractor(gate))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *str(folder), "enter")
        await pilot.pause()
        assert app.screen.query_one("#progress").has_class("-running")
        await pilot.press("escape")
        gate.set()
        await settle(app, pilot)
        assert not app.screen.query_one("#progress").has_class("-running")
    with ClaimIndex.open(path) as index:
        assert index.stats().articles == 3 + 16  # the first batch committed, the second never started


async def test_missing_index_shows_how_to_add(tmp_path):
    app = make_app(tmp_path / "nowhere", poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EmptyScreen)
        assert f"verify add ARTICLES... --index {tmp_path / 'nowhere'}" in shown_text(app)


@pytest.mark.parametrize("content", [b"this is not a database at all" * 100, b""])
async def test_broken_or_foreign_index_shows_a_message(tmp_path, content):
    folder = tmp_path / "index"
    folder.mkdir()
    db = folder / "verify.sqlite"
    if content:
        db.write_bytes(content)
    else:  # a foreign SQLite database: no verify tables
        import sqlite3

        con = sqlite3.connect(db)
        con.execute("CREATE TABLE other (x)")
        con.commit()
        con.close()
    app = make_app(folder, poll_interval=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert "not a readable verify index" in shown_text(app)


# ------------------------------------------------------------------------------- the model
def test_stories_are_ordered_newest_first_and_strongest_first_within(small_index):
    path, ids = small_index
    with ClaimIndex.open(path) as index:
        rows = order_newest_story_first(index.link_summaries())
    # Kirby-Kremlin and Kremlin-Rusia join the NK story to the 2019 Libya one: one story dated 2023.
    assert [(r.relation, r.score) for r in rows] == [
        ("contradicts", 0.91), ("repeats", 0.88), ("supports", 0.55), ("contradicts", 0.30)]


def test_filters_fold_accents_and_combine(small_index):
    path, ids = small_index
    with ClaimIndex.open(path) as index:
        model = BrowseModel(index)
        model.load()
        assert len(model.filter_links(Filters(entity="corea"))) == 2
        assert len(model.filter_links(Filters(entity="moscu"))) == 1  # "Moscú"
        assert len(model.filter_links(Filters(side="united states", relation="contradicts"))) == 1
        assert model.filter_links(Filters(verdict="confirmed")) == []
        assert len(model.filter_links(Filters(verdict="unreviewed"))) == 4
        assert [c.links for c in model.filter_claims(Filters(speaker="KREMLIN"))] == [2]


def test_speaker_type_uses_the_alias_table_then_the_words():
    assert speaker_type("John Kirby", {"john kirby": "PER"}) == "Person"
    assert speaker_type("el Kremlin") == "Organization"
    assert speaker_type("El gobierno de Rusia") == "Organization"
    assert speaker_type("Dmitri Peskov") == "Person"


def test_claim_reviews_only_for_rated_claims(small_index):
    path, ids = small_index
    with ClaimIndex.open(path, writable=True) as index:
        assert claim_reviews(index) == []
        with index.batch():
            index.set_claim_rating(ids["John Kirby"], "unproven", None)
        [review] = claim_reviews(index, reviewer="Chequeado")
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "John Kirby",
                                                "affiliation": {"@type": "Organization",
                                                                "name": "United States government"}}
    assert review["reviewRating"]["alternateName"] == "Unproven"
    assert review["author"]["name"] == "Chequeado"
    assert "reviewBody" not in review


def test_claim_reviews_take_the_speaker_kind_from_the_alias_table(small_index):
    # The words of "John Kirby" say person; an alias row saying ORG must win (it is the store's knowledge).
    path, ids = small_index
    with ClaimIndex.open(path, writable=True) as index:
        with index.batch():
            index.set_claim_rating(ids["John Kirby"], "unproven", None)
            index.save_aliases([("Kirby", "John Kirby", "ORG")])
        [review] = claim_reviews(index)
    assert review["itemReviewed"]["author"]["@type"] == "Organization"


# ------------------------------------------------------------------------------- snapshots
def _app(path):
    return make_app(path, poll_interval=0)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_snapshot_main(small_index, snap_compare, size):
    path, _ = small_index
    assert snap_compare(_app(path), terminal_size=size)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_snapshot_claims_mode(small_index, snap_compare, size):
    path, _ = small_index
    assert snap_compare(_app(path), terminal_size=size, press=["t", "j"])


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_snapshot_articles(small_index, snap_compare, size):
    path, _ = small_index
    assert snap_compare(_app(path), terminal_size=size, press=["2", "enter"])


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_snapshot_verdict_dialog(small_index, snap_compare, size):
    path, _ = small_index
    assert snap_compare(_app(path), terminal_size=size, press=["v"])


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_snapshot_empty_index(tmp_path, monkeypatch, snap_compare, size):
    monkeypatch.chdir(tmp_path)
    assert snap_compare(_app("index"), terminal_size=size)


# ------------------------------------------------------------------------------------- e2e
@pytest.mark.e2e
async def test_seeds_kremlin_north_korea_contradiction_end_to_end(tmp_path, monkeypatch):
    """The real pipeline on the seeds: filter to contradictions, open the Kremlin / North Korea pair,
    see both speakers, confirm it, find it in `verify report --verdict confirmed --format json`."""
    from verify.embed import load_encoder
    from verify.pipeline import add_sources, make_extractor

    path = tmp_path / "index"
    with ClaimIndex.open(path, create=True) as index:
        add_sources(index, [str(SEEDS)], encoder=load_encoder(), extractor=make_extractor(index))
    app = make_app(path, poll_interval=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("1", "slash", *"corea del norte", "enter")
        rows = main.row_list.rows
        assert rows and {r.relation for r in rows} == {"contradicts"}
        pair = next((r for r in rows if {fold(r.a_speaker), fold(r.b_speaker)} >= {"john kirby", "el kremlin"}),
                    None)
        assert pair is not None, [(r.a_speaker, r.b_speaker) for r in rows]
        main.row_list.cursor = rows.index(pair)
        await pilot.pause(0.3)
        cards = " ".join(str(main.query_one(f"#card-{s} .header").content) for s in "ab")
        assert "John Kirby" in cards and "el Kremlin" in cards
        assert "no hay pruebas" in str(main.query_one("#card-a .paragraph").content) + \
            str(main.query_one("#card-b .paragraph").content)
        await pilot.press("v", "enter", *"confirmado", "enter")
        await settle(app, pilot)
    result = CliRunner().invoke(cli, ["--index", str(path), "report", "--verdict", "confirmed", "--format", "json"])
    assert result.exit_code == 0, result.output
    [link] = json.loads(result.output)["links"]
    assert link["relation"] == "contradicts" and link["verdict"] == "confirmed"
    assert {link["a"]["speaker"], link["b"]["speaker"]} == {"John Kirby", "el Kremlin"}

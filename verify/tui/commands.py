"""Command palette (ctrl+p) entries, named "group: action" so typing a group lists its commands."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from verify.records import Rating, Verdict

if TYPE_CHECKING:
    from verify.tui.app import VerifyApp

# (name, help, action on the main screen or the app); "screen." actions need the browser open.
COMMANDS: list[tuple[str, str, str]] = [
    ("view: toggle pairs / claims", "list linked pairs or single claims", "screen.toggle_mode"),
    ("view: open articles", "the whole article(s), scrolled to the claim", "screen.open_articles"),
    ("filter: contradictions", "only links where claims contradict", "screen.relation('contradicts')"),
    ("filter: supports", "only links where one claim supports the other", "screen.relation('supports')"),
    ("filter: repeats", "only links where a claim repeats another", "screen.relation('repeats')"),
    ("filter: all relations", "links of every relation", "screen.relation('')"),
    ("filter: edit…", "relation, verdict, side, speaker, entity, article, minimum score", "screen.filters"),
    ("filter: find text…", "find in claims, speakers and sides", "screen.find"),
    ("filter: back", "the previous filters", "screen.back"),
    ("verdict: set on link…", " / ".join(Verdict) + ", with a note", "screen.verdict"),
    ("claim: rate…", " / ".join(Rating) + ", with a note", "screen.rate"),
    ("claim: its links", "every link of the active claim", "screen.claim_links"),
    ("claim: same speaker", "other claims of the active claim's speaker", "screen.same_speaker"),
    ("claim: same entity", "other claims naming one of its entities", "screen.same_entity"),
    ("claim: copy with source", "the claim, who said it and its paragraph, to the clipboard", "screen.copy"),
    ("articles: add…", "a file, folder or URL; new links appear when done", "app.add_articles"),
    ("export: current view…", "Markdown, JSON, HTML or CSV, as `verify report` writes", "screen.export"),
    ("index: reload", "re-read the index now", "app.reload"),
    ("theme: toggle dark / light", "switch between the dark and the light theme", "app.toggle_theme"),
    ("help: keys", "every key and what it does", "screen.help"),
]


class VerifyCommands(Provider):
    """verify's own commands, beside Textual's system commands."""

    def _available(self):
        from verify.tui.screens.main import MainScreen

        on_main = isinstance(self.app.screen, MainScreen) or isinstance(self.screen, MainScreen)
        for name, help_text, action in COMMANDS:
            if action.startswith("screen.") and not on_main:
                continue
            yield name, help_text, action

    async def _run(self, action: str) -> None:
        from verify.tui.screens.main import MainScreen

        if action.startswith("screen."):
            main = cast("VerifyApp", self.app).main
            if isinstance(main, MainScreen):
                await main.run_action(action.removeprefix("screen."))
        else:
            await self.app.run_action(action.removeprefix("app."))

    async def discover(self) -> Hits:
        for name, help_text, action in self._available():
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._available():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self._run, action), help=help_text)

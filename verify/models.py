"""Which encoder and which judge an index is used with: decided here, for the CLI, the TUI and rebuild.

The encoder is the one --model names (env VERIFY_MODEL), else the one whose vectors the index holds
(its stored model name: an index is searched and extended with its own model), else verify's default.
The judge is the one --nli names (env VERIFY_NLI): verify's own by default, none for "none" (see
`verify.judge.load_judge`).

Nothing loads until asked for: a model takes seconds to load, and neither `verify add` of unchanged
files nor a TUI that only browses needs one.
"""

from __future__ import annotations

from verify.protocols import ClaimStore, Encoder, Judge


class IndexModels:
    """The encoder and the judge for one index (or none), each loaded on first use and then kept."""

    def __init__(self, index: ClaimStore | None, *, model: str | None = None, nli: str | None = None):
        self.index = index
        self.model = model
        self.nli = nli
        self._encoder: Encoder | None = None
        self._judge: list[Judge | None] = []  # [the judge] once loaded: None is a judge too (rules only)

    @property
    def encoder_name(self) -> str | None:
        """`model` when given, else the index's model, else None (verify's default model).

        Read from the index when asked, not when the index was opened: another process may have made
        the first add to a new index meanwhile, and its vectors fix the model."""
        index = self.index
        return self.model or (index.model.name if index is not None and index.model else None)

    def encoder(self) -> Encoder:
        """The encoder (see `encoder_name`), loaded by `verify.embed.load_encoder` on the first call."""
        if self._encoder is None:
            from verify.embed import load_encoder

            self._encoder = load_encoder(self.encoder_name)
        return self._encoder

    def judge(self) -> Judge | None:
        """The judge `nli` names, loaded by `verify.judge.load_judge` on the first call; None for rules only."""
        if not self._judge:
            from verify.judge import load_judge

            self._judge.append(load_judge(self.nli))
        return self._judge[0]


def models_for_index(index: ClaimStore | None = None, *, model: str | None = None,
                     nli: str | None = None) -> IndexModels:
    """The encoder and judge to use with `index` (None where there is no index: `verify compare`, `eval`).

    `model` is the --model option (or VERIFY_MODEL), `nli` the --nli option (or VERIFY_NLI); None for
    either means "not given". Call `.encoder()` and `.judge()` on the result when the models are needed;
    `.encoder` itself is the lazy encoder `verify.pipeline.add_articles` takes.
    """
    return IndexModels(index, model=model, nli=nli)

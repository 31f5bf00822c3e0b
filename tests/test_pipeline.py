"""The add pipeline: batches, and the store-wide tables it persists."""

from __future__ import annotations

from conftest import SEEDS

from verify.pipeline import add_sources, make_extractor
from verify.store import ClaimIndex


def test_store_wide_tables_match_the_extractor_after_many_batches(tmp_path, fake_encoder):
    """Each batch writes only new alias/side rows; together they must equal what the extractor learned."""
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        extractor = make_extractor(index)
        summary = add_sources(index, [str(SEEDS)], encoder=fake_encoder, extractor=extractor, batch_size=2)
        assert summary.added == 5
        assert sorted(index.aliases()) == sorted(map(tuple, extractor.aliases.rows()))
        assert sorted(index.sides()) == sorted(extractor.aliases.side_rows())
        assert index.sides()  # the seeds teach sides (Peskov -> Kremlin): the check above is not of empties
    with ClaimIndex.open(tmp_path / "ix") as index:
        reloaded = make_extractor(index)
        assert sorted(map(tuple, reloaded.aliases.rows())) == sorted(map(tuple, extractor.aliases.rows()))


def test_claims_stored_under_an_old_name_follow_its_entity(tmp_path, fake_encoder):
    """"Haftar" alone in one article, "Khalifa Hifter" in the next: one entity, one name for both."""
    first = tmp_path / "a.txt"
    first.write_text("Haftar, aliado de las antiguas autoridades de Tobruk, ha estado al frente del Ejército "
                     "Nacional de Libia en la lucha contra los milicianos islamistas de Bengasi.", encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text("El rival general, Khalifa Hifter, comandante del autoproclamado Ejército Nacional de Libia, "
                      "rechazó la reunión con Fayez Serraj en Palermo el martes.", encoding="utf-8")
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        extractor = make_extractor(index)
        add_sources(index, [str(first), str(second)], encoder=fake_encoder, extractor=extractor, batch_size=1)
        names = {e.canonical for c in index.claims() for e in c.entities if e.kind == "PER"}
        assert "Haftar" not in names and "Khalifa Hifter" in names
        assert len(index.claims_sharing_entities(["Khalifa Hifter"])) == 2


def test_the_encoder_is_the_option_else_the_index_model_read_when_loaded(tmp_path, monkeypatch):
    """One place decides an index's encoder: --model, else the model its vectors were made with, else the
    default; read when the encoder is loaded, and loaded once."""
    from verify import embed, judge
    from verify.models import models_for_index

    loaded = []

    def load_encoder(name=None):
        loaded.append(name)
        return embed.FakeEncoder(4, name=name)

    monkeypatch.setattr(embed, "load_encoder", load_encoder)
    monkeypatch.setattr(judge, "load_judge", lambda spec=None: f"judge:{spec}")
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        models = models_for_index(index, nli="none")
        assert models.encoder_name is None  # a new index: the default model
        with index.batch():
            index.bind_model("another-model", "fp", 4)  # as a first add by another process would
        assert models.encoder().name == "another-model" and models.encoder() is models.encoder()
        assert models_for_index(index, model="mine").encoder_name == "mine"
        assert models.judge() == "judge:none"
    assert loaded == ["another-model"]
    assert models_for_index(model="mine").encoder_name == "mine" and models_for_index().encoder_name is None


def test_a_new_index_first_batch_links_its_own_claims_as_later_batches_do(tmp_path, fake_encoder):
    """Two articles repeating one sentence: added together into a new index (one batch, whose vectors
    are not in a file until it commits) or one batch each, the repeat is found by the vector search."""
    sentence = ("La inflación subió un cinco por ciento en marzo, la mayor subida en una década, "
                "según las cifras publicadas este martes.")
    files = []
    for name in ("a.txt", "b.txt"):
        files.append(tmp_path / name)
        files[-1].write_text(sentence, encoding="utf-8")
    links = {}
    for batch_size in (1, 2):
        with ClaimIndex.open(tmp_path / f"ix{batch_size}", create=True) as index:
            summary = add_sources(index, [str(f) for f in files], encoder=fake_encoder,
                                  extractor=make_extractor(index), batch_size=batch_size)
            assert summary.claims == 2 and not index.claims_sharing_entities(
                sorted({e.canonical for c in index.claims() for e in c.entities}))
            links[batch_size] = [(str(link.relation), round(link.score, 6)) for link in index.links()]
    assert links[2] == links[1] and len(links[1]) == 1


def test_an_add_parses_each_text_once_and_linking_parses_nothing(tmp_path, fake_encoder, monkeypatch):
    """Parsing is the extractor's: the matcher reads the side clauses it hands over, never a parse of its own
    (#10: no parsing work repeated between extraction and matching)."""
    import threading

    from spacy.language import Language

    from verify import link

    parsed: list[str] = []
    linking = threading.local()  # set on the thread that links, while it links
    parsed_while_linking: list[str] = []
    pipe = Language.pipe

    def counting_pipe(self, texts, *args, **kwargs):
        for doc in pipe(self, texts, *args, **kwargs):
            parsed.append(doc.text)
            if getattr(linking, "now", False):
                parsed_while_linking.append(doc.text)
            yield doc

    monkeypatch.setattr(Language, "pipe", counting_pipe)
    link_claims = link.link_claims
    during_linking: list[int] = []

    # The extraction thread parses the next batch while this one links: only the linking thread's own
    # parses count against linking.
    def watched_link_claims(*args, **kwargs):
        before = len(parsed_while_linking)
        linking.now = True
        try:
            return link_claims(*args, **kwargs)
        finally:
            linking.now = False
            during_linking.append(len(parsed_while_linking) - before)

    monkeypatch.setattr(link, "link_claims", watched_link_claims)
    # A second outlet printing seed 002 word for word: the fake encoder's vectors then make candidates,
    # and the matcher reads those pairs (a repeat at least).
    copy = tmp_path / "wire_copy.txt"
    copy.write_text(next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        summary = add_sources(index, [str(SEEDS), str(copy)], encoder=fake_encoder,
                              extractor=make_extractor(index), batch_size=2)
    assert summary.links and during_linking and not any(during_linking)
    # The whole add parsed what extracting the same articles alone parses: nothing twice, nothing more.
    from verify.ingest import iter_sources

    in_add = sorted(parsed)
    parsed.clear()
    make_extractor().extract_many([a.text for a in iter_sources([str(SEEDS), str(copy)])])
    assert in_add and in_add == sorted(parsed)


def test_encoding_runs_beside_linking_on_one_thread_and_its_failure_stops_the_add(tmp_path):
    """Each batch is encoded once, on one thread of its own (not the caller's, which links: an inference
    request serves one caller at a time); when the encoder fails, the add raises its error and keeps
    the batches committed before."""
    import threading

    import pytest

    from verify.embed import FakeEncoder

    class WatchedEncoder(FakeEncoder):
        def __init__(self, fail_on_call: int | None = None):
            super().__init__(dim=64)
            self.threads: list[int] = []
            self.fail_on_call = fail_on_call

        def encode(self, texts):
            self.threads.append(threading.get_ident())
            if len(self.threads) == self.fail_on_call:
                raise RuntimeError("the runtime failed")
            return super().encode(texts)

    encoder = WatchedEncoder()
    with ClaimIndex.open(tmp_path / "ix", create=True) as index:
        summary = add_sources(index, [str(SEEDS)], encoder=encoder, extractor=make_extractor(index), batch_size=2)
    assert summary.added == 5 and len(encoder.threads) == 3  # 5 articles, batches of 2: 3 batches
    assert len(set(encoder.threads)) == 1 and encoder.threads[0] != threading.get_ident()

    failing = WatchedEncoder(fail_on_call=2)
    with ClaimIndex.open(tmp_path / "ix2", create=True) as index:
        with pytest.raises(RuntimeError, match="the runtime failed"):
            add_sources(index, [str(SEEDS)], encoder=failing, extractor=make_extractor(index), batch_size=2)
        assert len(index.articles()) == 2  # the first batch, committed before the failure

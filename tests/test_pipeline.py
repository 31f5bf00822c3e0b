"""The add pipeline: batches, and the store-wide tables it persists."""

from __future__ import annotations

from verify.pipeline import add_sources, make_extractor
from verify.store import ClaimIndex

from conftest import SEEDS


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

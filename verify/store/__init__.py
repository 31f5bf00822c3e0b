"""The on-disk index: SQLite metadata plus a vector store behind the `VectorStore` protocol."""

from verify.store.index import ClaimIndex, ModelInfo, Stats

__all__ = ["ClaimIndex", "ModelInfo", "Stats"]

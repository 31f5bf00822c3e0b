"""verify: find claims in news, and the claims elsewhere that repeat, support or contradict them.

The package is a headless core (ingest, extract, embed, store, match, report) with a thin CLI
(`verify.cli`) and a thin Textual TUI (`verify.tui`) over the same library calls. Nothing in the
core imports the TUI, and heavy libraries (torch, faiss, spaCy) are imported inside the functions
that need them so that `verify --help` stays instant.
"""

__version__ = "0.1.0"

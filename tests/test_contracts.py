"""Import contracts: the headless core never loads the TUI, and `verify --help` loads no heavy library."""

from __future__ import annotations

import subprocess
import sys

CORE = ["verify.records", "verify.ingest", "verify.extract", "verify.embed", "verify.store", "verify.link",
        "verify.match", "verify.compare", "verify.pipeline", "verify.report", "verify.rebuild", "verify.claimreview",
        "verify.evaluate"]


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return {m.split(".")[0] for m in out.split()}


def test_core_never_imports_textual():
    loaded = _loaded_after("\n".join(f"import {m}" for m in CORE))
    assert "textual" not in loaded


def test_help_loads_no_heavy_library():
    loaded = _loaded_after("import sys\nfrom verify.cli import cli\n"
                           "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass")
    assert not loaded & {"torch", "faiss", "spacy", "sentence_transformers", "transformers", "textual", "numpy"}

"""Importing a heavy library without one of the modules it would pull in."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_module(name: str) -> Iterator[None]:
    """While inside, `import name` fails (None in sys.modules is Python's documented way), so a library
    that imports it optionally records it as absent. Unless it was already imported: then nothing
    changes. Afterwards it imports as usual."""
    blocked = name not in sys.modules
    if blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # typeshed types the values as modules
    try:
        yield
    finally:
        if blocked and sys.modules.get(name, 0) is None:
            del sys.modules[name]


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """While inside, transformers logs errors only and draws no progress bar; afterwards as before.
    Loading the converted e5 would report its absent BERT pooler (mean pooling never uses it) as
    "MISSING" and draw "Loading weights" on a user's terminal."""
    import transformers

    log = transformers.utils.logging
    verbosity, bars = log.get_verbosity(), log.is_progress_bar_enabled()
    log.set_verbosity_error()
    log.disable_progress_bar()
    try:
        yield
    finally:
        log.set_verbosity(verbosity)
        if bars:
            log.enable_progress_bar()

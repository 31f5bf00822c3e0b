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

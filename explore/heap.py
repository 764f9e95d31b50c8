"""Reading a file without garbage collections.

Reading one file makes hundreds of thousands of small objects (names,
sentences, dates) and no reference cycles (a collection after a 10 MiB page
finds nothing to free), yet CPython's collector sweeps every object the
process holds whenever enough of them have survived: a 1 MiB page paid 13 % of
its time for sweeps of objects it never made, a 10 MiB page 10 % for sweeps
of its own, the part of their cost that grew faster than their size. So the
collector is paused while a file is read and resumes after it: whatever a
file could leave in cycles is bounded by the file (50 MB at most) and freed at
the next collection.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collections_paused() -> Iterator[None]:
    """No garbage collection until the block ends; a caller that had paused the collector keeps it paused."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

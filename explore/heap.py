"""Reading a file without sweeping the caller's objects again and again.

Reading one large file makes hundreds of thousands of small objects (names,
sentences, dates), and CPython's garbage collector sweeps its oldest
generation, every object the process holds, whenever enough of them have
survived: a 1 MiB page paid 13 % of its time for sweeps of objects it never
made, and a notebook kernel holding a corpus and its charts holds many more.
While a file is read, the objects that were there before are set aside
(``gc.freeze``): collections still run, over what the file made.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def older_objects_set_aside() -> Iterator[None]:
    """Leave the objects that exist now out of garbage collections until the block ends.

    Does nothing when something has frozen objects already (a server about to
    fork, or this block nested in another): its freeze is left as it was.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()

"""Syndicated copies: one story, however many portals reposted it, converted its script or swapped its words.

Each document's clean Simplified text (Traditional reposts are converted by
cleaning, so they compare as they read) is cut into character shingles,
hashed, and summed up in a MinHash signature (:func:`signature`, computed in
the per-file step and stored in the ``signatures`` table, so an incremental
build reuses it). The global step (:func:`find_stories`) is an LSH index over
every signature: bands of the signature as bucket keys (datasketch chooses the
bands for the threshold; numpy sorts the keys, so the index costs a few
seconds and little memory at 10⁵ documents, where datasketch's own index in
Python dictionaries took 73 s and 700 MB), which proposes the pairs likely to
be similar in time linear in the corpus; a pair is kept when its estimated
Jaccard similarity reaches the threshold, or when nearly all of the shorter
text is in the longer one (a repost cut short). A story's canonical copy is
its earliest dated document, then the longest; every other document similar
to it is a copy.

``documents`` gains ``story_id`` (the canonical copy's ``doc_id``) and
``duplicate_of`` (null for the canonical copy); ``metrics`` and ``events``
rows gain ``is_copy``: the row is in a copy and its canonical copy has it too
(the same figure, the same dated event), so that a figure only a full
article gives, and its digest left out, is still counted. :func:`one_per_story`
is the corpus a view counts from by default: the copies' documents, mentions
and themes left out, and their figures and events flagged ``is_copy``.

Settings (shingle size, permutations, thresholds) are in
``data/copies.toml``; they were tuned on the development split of the
labelled pairs of :mod:`explore.copy_pairs`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from explore.gazetteer import read_toml
from explore.tables import FLAG_COLUMN, STORED_TABLES, STORY_COLUMNS, TABLES, Corpus

_SHIFT32, _SHIFT33 = np.uint64(32), np.uint64(33)
_FMIX = np.uint64(0xFF51AFD7ED558CCD)
_ROLL = np.uint64(1_000_003)  # multiplier of the rolling hash over a shingle's code points
_CHUNK = 8192  # shingles per block when taking minima: a 1 MB text stays within a few MB of memory


@dataclass(frozen=True)
class CopySettings:
    """``data/copies.toml``: what each setting means is said there."""

    shingle: int
    num_perm: int
    threshold: float
    containment: float
    candidates: float
    min_shingles: int
    seed: int


@cache
def settings() -> CopySettings:
    return CopySettings(**read_toml("copies.toml"))


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.default_rng(seed)
    a = generator.integers(0, 1 << 64, size=num_perm, dtype=np.uint64, endpoint=False) | np.uint64(1)
    b = generator.integers(0, 1 << 64, size=num_perm, dtype=np.uint64, endpoint=False)
    return a, b


@cache
def _is_text() -> np.ndarray:
    """For each code point of the Basic Multilingual Plane, whether it is a letter or digit (not space or
    punctuation: a repost re-punctuated is the same text)."""
    return np.array([chr(point).isalnum() for point in range(0x10000)], dtype=bool)


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """The 32-bit hashes of the text's ``size``-character shingles (letters and digits only), sorted."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    points = points[_is_text()[np.minimum(points, 0xFFFF)] | (points > 0xFFFF)].astype(np.uint64)
    count = len(points) - size + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    hashes = points[:count].copy()
    for offset in range(1, size):  # a rolling hash of the code points, modulo 2⁶⁴ as meant
        hashes *= _ROLL
        hashes += points[offset : offset + count]
    # A 64-bit finaliser (MurmurHash3's) spreads the rolling hash before its top 32 bits are kept.
    hashes ^= hashes >> _SHIFT33
    hashes *= _FMIX
    hashes ^= hashes >> _SHIFT33
    hashes >>= _SHIFT32
    hashes.sort()
    return hashes


def _distinct(sorted_values: np.ndarray) -> int:
    return int(len(sorted_values) and 1 + np.count_nonzero(np.diff(sorted_values)))


@dataclass(frozen=True)
class Signature:
    minhash: bytes  # num_perm little-endian uint32 minima
    n_shingles: int


def signature(text: str, config: CopySettings | None = None) -> Signature:
    """The MinHash of a text's shingles: for each of ``num_perm`` random multiply-shift hashes
    ``(a·h + b) >> 32`` (odd ``a``, modulo 2⁶⁴), the least value over the text's shingles."""
    config = config or settings()
    hashes = shingle_hashes(text, config.shingle)
    a, b = _permutations(config.num_perm, config.seed)
    minima = np.full(config.num_perm, np.iinfo(np.uint64).max, dtype=np.uint64)
    for first in range(0, len(hashes), _CHUNK):
        permuted = np.multiply.outer(a, hashes[first : first + _CHUNK])
        permuted += b[:, None]
        np.minimum(minima, permuted.min(axis=1), out=minima)
    return Signature((minima >> _SHIFT32).astype("<u4").tobytes(), _distinct(hashes))


def signature_row(doc_id: str, text: str) -> dict:
    """A document's row of the ``signatures`` table."""
    found = signature(text)
    return {"doc_id": doc_id, "minhash": found.minhash, "n_shingles": found.n_shingles}


# Each row is compared with the first rows of each band's bucket, at most this many: a story reposted ten
# thousand times is compared with its canonical copy and first copies, not with every one (the cost stays linear).
_PER_BUCKET = 8
_PAIRS_PER_BLOCK = 1 << 16  # pairs judged at once: memory stays flat however many the index proposes


@cache
def _banding(num_perm: int, candidates: float) -> tuple[int, int]:
    """Bands and rows per band for the LSH index: datasketch's choice for this threshold and signature size
    (it weighs missed pairs against proposed ones)."""
    from datasketch import MinHashLSH

    index = MinHashLSH(threshold=candidates, num_perm=num_perm)
    return index.b, index.r


def _proposed_pairs(minhashes: np.ndarray, config: CopySettings) -> np.ndarray:
    """Pairs of rows that share a band, each once, as codes ``earlier · n + later``, sorted: the LSH index.

    A band of ``r`` values is one bucket key; rows are sorted by key in each band, and each row is paired
    with the first :data:`_PER_BUCKET` rows of its bucket at most (rows come in canonical order, so those
    are the likeliest canonical copies).
    """
    n = len(minhashes)
    bands, rows = _banding(config.num_perm, config.candidates)
    found = []
    for band in range(bands):
        keys = np.zeros(n, dtype=np.uint64)
        for column in range(band * rows, (band + 1) * rows):  # two 32-bit values make the key exactly
            keys = (keys << _SHIFT32 if rows <= 2 else keys * _ROLL) ^ minhashes[:, column].astype(np.uint64)
        order = np.argsort(keys, kind="stable")  # equal keys keep the canonical order
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, n])
        if not (sizes > 1).any():
            continue
        place = np.arange(n) - np.repeat(starts, sizes)  # each sorted position's place in its bucket
        for first in range(_PER_BUCKET):
            later = np.flatnonzero(place > first)
            one, other = order[later - place[later] + first], order[later]  # the bucket's ``first``-th row
            found.append(np.minimum(one, other) * n + np.maximum(one, other))  # the pair (earlier, later) as one code
    if not found:
        return np.empty(0, dtype=np.int64)
    codes = np.concatenate(found)
    codes.sort()
    return codes[np.r_[True, codes[1:] != codes[:-1]]]  # each pair once (a pair shares several bands)


def canonical_rows(minhashes: np.ndarray, sizes: np.ndarray, config: CopySettings | None = None) -> np.ndarray:
    """For each row of ``minhashes`` (one signature a row, rows in the order canonical copies are chosen in:
    earliest dated first, then longest), the row of its canonical copy (itself when it copies none).

    The LSH index (:func:`_proposed_pairs`) proposes pairs; a pair is kept when its estimated Jaccard
    similarity reaches ``threshold`` or the shorter of the two is nearly all contained in the other
    (``containment``). Rows are then taken in order: a row is the copy of the most similar earlier row that
    is a canonical copy itself, else it is one. So a copy resembles its canonical copy, never only a copy of
    it. Everything but that last pass over the kept pairs is vectorized, and the work is linear in the rows.
    """
    config = config or settings()
    n = len(minhashes)
    canonical = np.arange(n)
    if n < 2:
        return canonical
    proposed = _proposed_pairs(minhashes, config)
    kept_earlier, kept_later, kept_jaccard = [], [], []
    for first in range(0, len(proposed), _PAIRS_PER_BLOCK):
        codes = proposed[first : first + _PAIRS_PER_BLOCK]
        earlier, later = codes // n, codes % n
        jaccard = (minhashes[earlier] == minhashes[later]).mean(axis=1)
        shared = jaccard * (sizes[earlier] + sizes[later]) / (1 + jaccard)
        contained = shared / np.minimum(sizes[earlier], sizes[later])
        kept = (jaccard >= config.threshold) | (contained >= config.containment)
        kept_earlier.append(earlier[kept])
        kept_later.append(later[kept])
        kept_jaccard.append(jaccard[kept])
    if not kept_earlier:
        return canonical
    earlier, later, jaccard = (np.concatenate(x) for x in (kept_earlier, kept_later, kept_jaccard))
    best = np.full(n, -1.0)
    by_later = np.argsort(later, kind="stable")  # an earlier row's own canonical copy is settled before
    for row_earlier, row_later, similarity in zip(earlier[by_later], later[by_later], jaccard[by_later], strict=True):
        if canonical[row_earlier] == row_earlier and similarity > best[row_later]:
            canonical[row_later], best[row_later] = row_earlier, similarity
    return canonical


def find_stories(documents: pd.DataFrame, signatures: pd.DataFrame, config: CopySettings | None = None) -> pd.DataFrame:
    """Each document's story: ``doc_id``, ``story_id``, ``duplicate_of``, in the order of ``documents``.

    ``documents`` needs ``doc_id``, ``date`` and ``n_chars``; ``signatures`` the
    table of that name. A document without a signature, or with too few
    shingles to judge, is its own story. The canonical copy of a story is its
    earliest dated document, then the longest, then the first.
    """
    config = config or settings()
    ids = documents["doc_id"].astype(str).to_numpy()
    story = ids.copy()
    usable = signatures[signatures["n_shingles"].astype("int64") >= config.min_shingles]
    usable = usable.drop_duplicates("doc_id").set_index("doc_id")
    position = np.flatnonzero(pd.Index(ids).isin(usable.index))  # documents that can be judged
    if len(position) > 1:
        order = position[_priority(documents, position)]
        judged = usable.loc[ids[order]]
        minhashes = np.frombuffer(b"".join(judged["minhash"]), dtype="<u4").reshape(len(order), config.num_perm)
        canonical = canonical_rows(minhashes, judged["n_shingles"].to_numpy(dtype=np.int64), config)
        story[order] = ids[order][canonical]
    duplicate_of = np.where(story == ids, None, story)
    return pd.DataFrame({"doc_id": ids, "story_id": story, "duplicate_of": duplicate_of}).astype(
        STORED_TABLES["stories"]
    )


def _priority(documents: pd.DataFrame, position: np.ndarray) -> np.ndarray:
    """The order in which ``position``'s documents may be a canonical copy: dated before undated, earliest
    first, then the longest, then in corpus order."""
    dates = documents["date"].to_numpy()[position]
    undated = pd.isna(dates)
    when = np.where(undated, 0, dates.astype("datetime64[us]").astype(np.int64))
    longest = -documents["n_chars"].to_numpy(dtype=np.int64, na_value=0)[position]
    return np.lexsort((position, longest, when, undated))


def with_stories(tables: Mapping[str, pd.DataFrame], stories: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The tables with each document's story: ``documents`` gains ``story_id`` and ``duplicate_of``,
    ``metrics`` and ``events`` gain ``is_copy``."""
    found = dict(tables)
    found["documents"] = story_columns(tables["documents"], stories)
    for name in ("metrics", "events"):
        found[name] = copy_flag(tables[name], stories, name)
    return found


def story_columns(documents: pd.DataFrame, stories: pd.DataFrame) -> pd.DataFrame:
    """``documents`` with ``story_id`` and ``duplicate_of`` (a document the stories do not name is its own)."""
    indexed = stories.drop_duplicates("doc_id").set_index("doc_id")
    documents = documents.drop(columns=[c for c in STORY_COLUMNS if c in documents.columns])
    story_id = documents["doc_id"].map(indexed["story_id"]).fillna(documents["doc_id"])
    duplicate_of = documents["doc_id"].map(indexed["duplicate_of"])
    return documents.assign(story_id=story_id.astype("string"), duplicate_of=duplicate_of.astype("string"))


# What makes a row of a copy the same row as one of its canonical copy: a figure's value and unit, an event's
# date and actor. A row a copy alone has (a full article's figure its digest left out) is not a copy: counting
# each story once must not lose what only one of its copies says.
_SAME_ROW = {"metrics": ("value", "unit"), "events": ("date", "org")}


def copy_flag(frame: pd.DataFrame, stories: pd.DataFrame, name: str) -> pd.DataFrame:
    """``frame`` (``metrics`` or ``events``) with ``is_copy``: the row is in a copy of a story, and its
    canonical copy has the same row (:data:`_SAME_ROW`)."""
    copies = stories.loc[stories["duplicate_of"].notna(), ["doc_id", "duplicate_of"]]
    flag = np.zeros(len(frame), dtype=bool)
    in_copy = frame["doc_id"].isin(set(copies["doc_id"])).to_numpy(dtype=bool)
    if in_copy.any():
        keys = list(_SAME_ROW[name])
        canonical_of = dict(zip(copies["doc_id"], copies["duplicate_of"], strict=True))
        rows = frame.loc[in_copy, ["doc_id", *keys]]
        asked = pd.MultiIndex.from_frame(rows.assign(doc_id=rows["doc_id"].map(canonical_of)).astype(object))
        held = frame.loc[frame["doc_id"].isin(set(copies["duplicate_of"])), ["doc_id", *keys]].astype(object)
        flag[in_copy] = asked.isin(pd.MultiIndex.from_frame(held))
    return frame.assign(**{FLAG_COLUMN: flag})


_PER_DOCUMENT = ("documents", "mentions", "metrics", "events", "themes")


def copies_of(corpus: Corpus) -> set[str]:
    """The ``doc_id`` of every document that is a copy of a story counted elsewhere."""
    documents = corpus.documents
    # A corpus put together by hand, without the global step, has no copies.
    if "duplicate_of" not in documents:
        return set()
    return set(documents.loc[documents["duplicate_of"].notna(), "doc_id"])


def one_per_story(corpus: Corpus) -> Corpus:
    """The corpus a view counts from by default: each story once. Copies' documents, mentions and themes
    are left out; of their figures and events, those their canonical copy restates (``is_copy``), so a figure
    only a copy gives still counts. The report, the removed furniture and the signatures whole. Made once per
    corpus; tables still read on first use."""
    cached = corpus.__dict__.get("_one_per_story")
    if cached is not None:
        return cached

    def whole(name: str):
        return lambda: getattr(corpus, name)

    def without_copies(name: str):
        def table() -> pd.DataFrame:
            frame = getattr(corpus, name)
            if FLAG_COLUMN in frame:
                keep = ~frame[FLAG_COLUMN].to_numpy(dtype=bool)
            else:
                keep = ~frame["doc_id"].isin(copies_of(corpus)).to_numpy(dtype=bool)
            return frame[keep].reset_index(drop=True)

        return table

    sources = {name: (without_copies if name in _PER_DOCUMENT else whole)(name) for name in TABLES}
    once = Corpus(root=corpus.root, **sources)
    corpus.__dict__["_one_per_story"] = once
    return once


def counted(corpus: Corpus, every_copy: bool = False) -> Corpus:
    """The corpus a view counts from: each story once (the default), or ``every_copy``."""
    return corpus if every_copy else one_per_story(corpus)


def n_copies(corpus: Corpus) -> int:
    """How many documents are copies of a story counted once elsewhere."""
    return len(copies_of(corpus))

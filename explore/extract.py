"""One news item in, rows of the mentions, metrics, events and themes tables out.

Attribution: a sentence's actor is the first organization it names (a product
stands for its owner, a person for the organization named in their title).
A sentence that names none continues the actor of the sentence before it in
the paragraph, or else the item's main actor (a bulletin item's title
organization; an article's most named one). A clause that opens with 我国 or
全国 speaks for the country: its figures have no organization.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain

from explore.dates import (
    UNDATED,
    DatedAs,
    DateExpr,
    YearEvidence,
    body_lower_bound,
    edition,
    event_date,
    event_year,
    find_dates,
    item_date,
    resolve,
    standalone_date,
    title_year,
)
from explore.events import event_kind
from explore.mentions import Mention, find_mentions
from explore.metrics import iter_metrics
from explore.sentences import Sentence, StoredSentence, split_sentences, stored_text
from explore.themes import find_themes

# A clause that opens with the whole country, province or city (全国已建成…) reports no organization's figure.
_NATIONAL_OPENING = re.compile(r"[^，；：]{0,6}?(?:我国|全国|全省|全市|全县)")
_CLAUSE_BREAKS = re.compile(r"[，；：]")
# A person's organization is named at most this many characters before them;
# an organization this close before a titled person is part of their descriptor.
_AFFILIATION_GAP = 14
_DESCRIPTOR_GAP = 24
# The item's own date is read from its first sentences (the lead), not from history told later.
_LEAD_SENTENCES = 2


@dataclass(frozen=True)
class ItemContext:
    """What is known about an item beyond its text."""

    doc_id: str
    title: str | None
    publication: str | None
    furniture_date: date | None  # the newest full date in the file's page furniture
    byline: DatedAs = UNDATED  # the date the page's byline gives (``dates.byline_date``)


@dataclass(frozen=True)
class ItemExtraction:
    date: DatedAs  # the item's own date
    mentions: list[dict]
    metrics: list[tuple]  # values in the order of ``tables.METRIC_COLUMNS``
    events: list[dict]
    themes: list[dict]


def _affiliations(mentions: list[Mention], text: str) -> dict[str, str]:
    """Person → organization named just before them (京东集团副总裁王楠)."""
    found: dict[str, str] = {}
    orgs = [m for m in mentions if m.kind in ("org", "product")]  # in text order
    starts = [o.start for o in orgs]
    longest = max((o.end - o.start for o in orgs), default=0)
    for person in (m for m in mentions if m.kind == "person"):
        # The last org, in text order, that ends at most _AFFILIATION_GAP before the person: only those starting
        # within the gap plus the longest name can, so only they are looked at.
        nearest = None
        for org in reversed(
            orgs[bisect_left(starts, person.start - _AFFILIATION_GAP - longest) : bisect_left(starts, person.start)]
        ):
            if org.end <= person.start and person.start - org.end <= _AFFILIATION_GAP:
                nearest = org
                break
        if nearest and "。" not in text[nearest.end : person.start] and person.name not in found:
            found[person.name] = _org_of(nearest)
    return found


def _by_sentence(items: list, sentences: list[Sentence]) -> list[list]:
    """``items`` (anything with a ``start``) grouped by the sentence they start in, in one pass over both."""
    ordered = sorted(items, key=lambda item: item.start)
    starts = [item.start for item in ordered]
    return [ordered[bisect_left(starts, s.start) : bisect_left(starts, s.end)] for s in sentences]


def _org_of(mention: Mention) -> str:
    return mention.owner if mention.kind == "product" and mention.owner else mention.name


def _actor_mentions(mentions: list[Mention], named_orgs: set[str]) -> list[Mention]:
    """Mentions that can stand for an actor: orgs, people, and products whose owner is named too.

    A platform a story only uses (邮乐购, 抖音) does not make its owner the actor.
    """
    return [m for m in mentions if m.kind in ("org", "person") or (m.kind == "product" and m.owner in named_orgs)]


def _main_actor(title_mentions: list[Mention], mentions: list[Mention], bulletin: bool) -> str | None:
    if bulletin:
        for mention in title_mentions + mentions:
            if mention.kind in ("org", "product"):
                return _org_of(mention)
        return None
    counts = Counter(_org_of(m) for m in mentions if m.kind in ("org", "product"))
    return counts.most_common(1)[0][0] if counts else None


def _sentence_actors(
    sentences: list[Sentence], inside_each: list[list[Mention]], affiliations: dict[str, str], main_actor: str | None
) -> list[str | None]:
    actors: list[str | None] = []
    previous: str | None = None
    previous_paragraph = -1
    for sentence, inside in zip(sentences, inside_each, strict=True):
        if sentence.paragraph != previous_paragraph:
            previous, previous_paragraph = None, sentence.paragraph
        named = _actors_named(inside, affiliations)
        actor = named[0] if named else (previous or main_actor)
        actors.append(actor)
        previous = actor
    return actors


def _actors_named(inside: list[Mention], affiliations: dict[str, str]) -> list[str]:
    """Organizations a sentence names as actors, in order; media only as a last resort.

    An organization in a person's descriptor (全国人大代表、腾讯…首席执行官马化腾)
    gives way to the person, who stands for the organization nearest their name.
    """
    people = sorted(m.start for m in inside if m.kind == "person" and m.name in affiliations)
    named, media = [], []
    for mention in inside:
        if mention.kind == "person" and mention.name in affiliations:
            named.append(affiliations[mention.name])
        elif mention.kind in ("org", "product"):
            first_after = bisect_left(people, mention.end)
            if first_after < len(people) and people[first_after] - mention.end <= _DESCRIPTOR_GAP:
                continue
            (media if mention.org_type == "media" else named).append(_org_of(mention))
    return named + media


class _NationalOpenings:
    """Where each clause of a sentence opens on the whole country (全国, 我国 …), found once per clause: a figure
    in such a clause is the country's, not the sentence's actor's."""

    def __init__(self, sentence: Sentence) -> None:
        self._text = sentence.text
        self._breaks = [m.start() for m in _CLAUSE_BREAKS.finditer(sentence.text)]
        self._ends: dict[int, int | None] = {}  # clause start → where its national opening ends, if it has one

    def before(self, offset_in_sentence: int) -> bool:
        """Whether the clause holding ``offset_in_sentence`` names the country before it."""
        before = bisect_left(self._breaks, offset_in_sentence)
        clause_start = self._breaks[before - 1] + 1 if before else 0
        if clause_start not in self._ends:
            opening = _NATIONAL_OPENING.match(self._text, clause_start)
            self._ends[clause_start] = opening.end() if opening else None
        end = self._ends[clause_start]
        # The shortest opening (the pattern is lazy) is the one that ends before the figure, if any does.
        return end is not None and end <= offset_in_sentence


def _metric_rows(doc_id: str, sentence: Sentence, actor: str | None, has_own_org: bool) -> Iterator[tuple]:
    """Each figure of a sentence as a row of ``metrics`` (its values in the order of ``METRIC_COLUMNS``), made as
    it is found: a table flattened into one line holds thousands, and none is kept once its row is made."""
    metrics = iter_metrics(sentence)
    first = next(metrics, None)
    if first is None:
        return
    hits = find_themes(sentence.text)
    theme_names = "; ".join(h.theme for h in hits) or None
    theme_evidence = "; ".join(f"{h.theme}：{'、'.join(h.evidence)}" for h in hits) or None
    openings, around = _NationalOpenings(sentence), StoredSentence(sentence).around
    national = openings.before
    for value, unit, subject, qualifier, category, measure, raw, start, end in chain((first,), metrics):
        # A figure in a clause that opens on the whole country is the country's, unless the sentence names its own.
        org = actor if has_own_org or not national(start - sentence.start) else None
        yield (doc_id, value, unit, subject, qualifier, raw, org, category, measure, theme_names, theme_evidence,
               around(start, end), start, end)  # fmt: skip


def extract_item(text: str, context: ItemContext, *, bulletin: bool) -> ItemExtraction:
    """Everything extraction finds in one item's clean text."""
    mentions = find_mentions(text)
    title_mentions = find_mentions(context.title or "")
    sentences = split_sentences(text)
    exprs = [e for e in find_dates(text) if e.role != "in_title"]
    bulletin_edition = edition(context.publication)
    lead_end = sentences[min(_LEAD_SENTENCES, len(sentences)) - 1].end if sentences else 0
    evidence = YearEvidence(
        edition=bulletin_edition[0] if bulletin_edition else None,
        title=title_year(context.title),
        lower=body_lower_bound(exprs),
        upper=context.furniture_date,
        event=event_year(text[:lead_end]),
        latest=body_lower_bound(exprs, finest=True),
    )
    lead = [resolve(e, evidence, None) for e in exprs if e.start < lead_end]
    dated = item_date(lead, bulletin_edition, byline=context.byline, signature=standalone_date(text))
    document_year = dated.when.year if dated.when else None
    if dated.precision == "day":
        evidence = replace(evidence, published=dated.when)
    resolved = [resolve(e, evidence, document_year) for e in exprs]

    named_orgs = {m.name for m in title_mentions + mentions if m.kind == "org"}
    actor_mentions = _actor_mentions(mentions, named_orgs)
    affiliations = _affiliations(actor_mentions, text)
    main_actor = _main_actor(_actor_mentions(title_mentions, named_orgs), actor_mentions, bulletin)
    mentions_in = _by_sentence(actor_mentions, sentences)
    dates_in = _by_sentence(resolved, sentences)
    actors = _sentence_actors(sentences, mentions_in, affiliations, main_actor)

    metric_rows, event_rows = [], []
    for sentence, actor, inside, in_sentence in zip(sentences, actors, mentions_in, dates_in, strict=True):
        metric_rows.extend(_metric_rows(context.doc_id, sentence, actor, any(m.kind != "person" for m in inside)))
        if in_sentence:
            event_rows.append(_event_row(_Event(context.doc_id, sentence, actor, *event_date(in_sentence, dated))))

    return ItemExtraction(
        date=dated,
        # The title's names too (a name only the title gives is still the item's), without offsets in the text.
        mentions=[_mention_row(context.doc_id, m, in_title=True) for m in title_mentions]
        + [_mention_row(context.doc_id, m) for m in mentions],
        metrics=metric_rows,
        events=event_rows,
        themes=[
            {"doc_id": context.doc_id, "theme": h.theme, "n_hits": h.n_hits, "evidence": "、".join(h.evidence)}
            for h in find_themes((context.title or "") + "\n" + text)
        ],
    )


@dataclass(frozen=True)
class _Event:
    """A dated sentence: whose it is, the expression that dates it and the date it gives."""

    doc_id: str
    sentence: Sentence
    actor: str | None
    expr: DateExpr
    dated: DatedAs


def _event_row(event: _Event) -> dict:
    sentence, expr = event.sentence, event.expr
    clause_start = max(sentence.text.rfind(c, 0, expr.start - sentence.start) for c in "。；") + 1
    return {
        "doc_id": event.doc_id,
        "date": event.dated.when,
        "date_precision": event.dated.precision,
        "date_text": event.dated.text,
        "org": event.actor,
        "kind": event_kind(sentence.text[clause_start:], expr.role),
        "text": stored_text(sentence, expr.start, expr.end),
    }


def _mention_row(doc_id: str, m: Mention, *, in_title: bool = False) -> dict:
    return {
        "doc_id": doc_id,
        "kind": m.kind,
        "name": m.name,
        "surface": m.surface,
        "start": None if in_title else m.start,
        "end": None if in_title else m.end,
        "org_type": m.org_type,
        "owner": m.owner,
        "province": m.province,
        "city": m.city,
        "county": m.county,
    }

"""Speed changes that must not change a single output: each against the plain way it replaced.

The plain way is written out here as the reference (the pipeline once did exactly this), and both are
run on the seeds, on the development pages (read from ../shared/devpages at run time, skipped
without it) and on Traditional and mixed text.
"""

import hashlib
import json
import os
from functools import reduce
from pathlib import Path

import pytest

from explore import clean
from explore.boilerplate import Line
from explore.chars import is_cjk
from explore.pipeline import discover_files, process_paths
from explore.script import _converter, detect_script, to_traditional
from explore.synth import write_synthetic

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PAGES = Path(__file__).resolve().parents[2] / "shared" / "devpages"


# Lines that only repair turns into furniture (a separator before a credit, a comma before a page number),
# beside lines repair changes that stay prose: the second pass has work to do.
_REPAIRED_INTO_FURNITURE = (
    "县里的电商中心去年开通了直播间，，带动农产品销售，效果明显。\n"
    "，，责任编辑：王五\n"
    "合作社的社员们，，在直播间里介绍自家的茶叶和蜂蜜。\n"
    ",0\n"
    "、、来源：某某日报\n"
    "下一步，，当地还将建设冷链仓储中心。"
)


def _texts() -> list[str]:
    files = sorted(SEEDS.glob("*"))
    if PAGES.is_dir():
        files += sorted(PAGES.glob("*.txt"))
    return [_REPAIRED_INTO_FURNITURE, *(f.read_text(encoding="utf-8", errors="replace") for f in files)]


def _clean_judging_every_line_again(raw: str) -> clean.CleanText:
    """clean_document as it was: when repair changed any line, every kept line was judged again."""
    text = clean._apply_text_steps(raw)
    lines = tuple(Line(t.strip()) for t in text.split("\n"))
    lines = reduce(lambda acc, rule: rule(acc), clean.LINE_RULES, lines)
    title = clean.web_furniture.title_above_byline(lines)
    repaired = tuple(Line(clean._apply_line_steps(line.text).strip()) for line in lines if line.kept)
    if any(new.text != old.text.strip() for new, old in zip(repaired, (x for x in lines if x.kept), strict=True)):
        repaired = reduce(lambda acc, rule: rule(acc), clean.LINE_BY_LINE_RULES, repaired)
    removed = tuple(
        clean.Removal(line.removed, line.text.strip())
        for line in (*lines, *repaired)
        if line.removed and line.text.strip()
    )
    paragraphs = clean.join_page_splits([p for p in (line.text for line in repaired if line.kept) if p])
    return clean.CleanText("\n".join(paragraphs), removed, clean._apply_line_steps(title).strip() if title else None)


def test_judging_only_the_lines_repair_changed_cleans_alike():
    for raw in _texts():
        assert clean.clean_document(raw) == _clean_judging_every_line_again(raw)
    second_pass = {r.reason for r in clean.clean_document(_REPAIRED_INTO_FURNITURE).removed}
    assert {"editor credit", "stray symbols"} <= second_pass  # judged again after repair


def _reference_script(text: str) -> str:
    """detect_script as it was: each distinct Chinese character converted both ways on its own."""
    chars = sorted({c for c in text if is_cjk(c)})
    traditional = sum(_converter("t2s").convert(c) != c for c in chars)
    simplified = sum(_converter("s2t").convert(c) != c for c in chars)
    total = traditional + simplified
    if total == 0 or simplified >= 0.9 * total:
        return "simplified"
    if traditional >= 0.9 * total:
        return "traditional"
    return "mixed"


@pytest.mark.parametrize("form", ["as written", "traditional", "half traditional", "latin only"])
def test_script_detection_from_sets_reads_as_per_character(form):
    for raw in _texts()[:40]:
        text = {
            "as written": raw,
            "traditional": to_traditional(raw),
            "half traditional": raw[: len(raw) // 2] + to_traditional(raw[len(raw) // 2 :]),
            "latin only": "".join(c for c in raw if c.isascii()),
        }[form]
        assert detect_script(text) == _reference_script(text)


# --- Every table, row for row: a pinned digest ------------------------------------------------------------------
#
# Speed work must not move one output. Each table the pipeline makes of three corpora (the seeds, the
# development pages, 1,000 synthetic files) is pinned by the SHA-256 of its CSV in tests/data/table_digests.json.
# A change of behaviour (a new rule) rewrites the file deliberately, as raising the evaluation baseline does:
#     EXPLORE_WRITE_DIGESTS=1 python -m pytest -o addopts= tests/test_same_output.py -k digest

DIGESTS = Path(__file__).parent / "data" / "table_digests.json"
_SYNTHETIC_FILES = 1000


def _digests(root: Path) -> dict[str, str]:
    frames = process_paths(discover_files(root), root)
    return {
        name: hashlib.sha256(frame.to_csv(index=False, lineterminator="\n").encode("utf-8")).hexdigest()
        for name, frame in frames.items()
    }


def test_every_table_matches_its_pinned_digest(tmp_path):
    write_synthetic(_SYNTHETIC_FILES, tmp_path / "synthetic", seed=0)
    corpora = {"seeds": SEEDS, "synthetic": tmp_path / "synthetic"}
    if PAGES.is_dir():
        corpora["pages"] = PAGES
    found = {name: _digests(root) for name, root in corpora.items()}
    if os.environ.get("EXPLORE_WRITE_DIGESTS"):
        pinned = json.loads(DIGESTS.read_text(encoding="utf-8")) if DIGESTS.exists() else {}
        DIGESTS.write_text(json.dumps(pinned | found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    pinned = json.loads(DIGESTS.read_text(encoding="utf-8"))
    changed = [f"{corpus}/{table}" for corpus, tables in found.items() for table in tables
               if pinned[corpus].get(table) != tables[table]]  # fmt: skip
    assert not changed, (
        f"tables changed: {', '.join(changed)}. If the change is meant (a rule, not a speed-up), pin the new "
        "tables: EXPLORE_WRITE_DIGESTS=1 python -m pytest -o addopts= tests/test_same_output.py -k digest"
    )
    if not PAGES.is_dir():
        pytest.skip(f"{PAGES} is absent: the development pages' tables were not compared")

"""Write explore/data/common_words.txt from jieba's dictionary (MIT, © 2013 Sun Junyi).

Common words of two to six characters, seen at least a hundred times in
jieba's corpus and not tagged as a name (places ns, organizations nt, other
proper names nz, transliterations nrt and nrfg, abbreviations j). A run of
such words (乡村振兴 = 乡村 + 振兴, 智慧农业) is a term; a company's short name
opens with a name of its own (隆平高科, 中粮科技). Run when the list needs
refreshing, with jieba installed:
    python scripts/make_common_words.py
"""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "explore" / "data" / "common_words.txt"
HEADER = """# Common words from jieba's dictionary (MIT License, (c) 2013 Sun Junyi): two to six characters,
# seen at least 100 times, not tagged as a name (ns, nt, nz, nrt, nrfg, j).
# Made by scripts/make_common_words.py.
"""
MIN_COUNT = 100
NAME_TAGS = {"ns", "nt", "nz", "nrt", "nrfg", "j"}


def main() -> None:
    source = Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"
    words = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        word, count, tag = line.split(" ")
        if 2 <= len(word) <= 6 and int(count) >= MIN_COUNT and tag not in NAME_TAGS and word.isalpha():
            words.add(word)
    OUT.write_text(HEADER + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words → {OUT}")


if __name__ == "__main__":
    main()

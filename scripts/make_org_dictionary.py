"""Write explore/data/org_dictionary.csv from jieba's dictionary (MIT, © 2013 Sun Junyi).

jieba tags organization names ``nt``. Kept: names of three or more characters
seen at least five times in jieba's corpus that end as an organization's name
does (the suffixes of data/org_rules.toml and a few more: 组织, 法院, 政协),
less those whose ending is a common word there (东中西部). Run when the
dictionary needs refreshing, with jieba installed:
    python scripts/make_org_dictionary.py
"""

import csv
import importlib.util
import io
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "explore" / "data" / "org_dictionary.csv"
HEADER = """# Organizations from jieba's dictionary (MIT License, (c) 2013 Sun Junyi): names tagged nt,
# three or more characters, seen at least five times, ending as an organization's name does.
# Made by scripts/make_org_dictionary.py; org_type from the name's ending (data/org_rules.toml).
"""
MIN_COUNT = 5
MORE_ENDINGS = {"组织": "association", "法院": "government", "检察院": "government", "政协": "government",
                "人大": "government", "团中央": "party", "通讯社": "media", "电台": "media", "总会": "association",
                "商会": "association", "联社": "association", "署": "government", "党": "party"}  # fmt: skip


def main() -> None:
    rules = tomllib.loads((ROOT / "explore" / "data" / "org_rules.toml").read_text(encoding="utf-8"))
    endings = dict(rules["suffixes"]) | MORE_ENDINGS
    by_length = sorted(endings, key=len, reverse=True)
    not_after = rules.get("not_preceded_by", {})
    generic = set(rules["generic"]["names"])
    source = Path(importlib.util.find_spec("jieba").origin).parent / "dict.txt"
    rows = []
    for line in source.read_text(encoding="utf-8").splitlines():
        name, count, tag = line.split(" ")
        if tag != "nt" or int(count) < MIN_COUNT or len(name) < 3 or name in generic or re.search(r"\W", name):
            continue
        ending = next((e for e in by_length if name.endswith(e)), None)
        if ending is None or len(name) == len(ending):
            continue
        if name[-len(ending) - 1] in not_after.get(ending, ""):
            continue  # 东中西部: 西部 is a word, not a ministry
        rows.append((name, endings[ending]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["name", "org_type"])
    writer.writerows(sorted(set(rows)))
    OUT.write_text(HEADER + buffer.getvalue(), encoding="utf-8")
    print(f"{len(rows)} organizations written to {OUT}")


if __name__ == "__main__":
    main()

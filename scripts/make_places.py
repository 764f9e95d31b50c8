"""Write explore/data/places.csv from cpca's adcode table (MIT, © 2018 QinYuan Du).

Run once when the gazetteer needs refreshing:
    pip download --no-deps cpca==0.5.5 && unzip -p cpca-0.5.5-*.whl cpca/resources/adcodes.csv > adcodes.csv
    python scripts/make_places.py adcodes.csv
"""

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "explore" / "data" / "places.csv"
HEADER = """# Places of China: provinces, prefecture cities and counties, one row each.
# Derived from the adcode table of the cpca package (MIT License, (c) 2018 QinYuan Du)
# by scripts/make_places.py. level: province / city / county. province, city:
# the full names of the enclosing divisions (empty for the division itself).
"""


_NOT_A_CITY = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def main(source: str) -> None:
    rows = {}
    with open(source, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["adcode"][:6]
            rows[code] = row["name"]
    out = []
    for code, name in sorted(rows.items()):
        province = rows.get(code[:2] + "0000", "")
        if code.endswith("0000"):
            level, province, city = "province", "", ""
        elif code.endswith("00"):
            level, city = "city", ""
        else:
            level = "county"
            city = rows.get(code[:4] + "00", "")
            if city in _NOT_A_CITY:
                city = ""  # counties of a municipality, or directly under a province
        if name in _NOT_A_CITY:
            continue
        out.append((code, name, level, province, city if level == "county" else ""))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle)
        writer.writerow(["adcode", "name", "level", "province", "city"])
        writer.writerows(out)
    print(f"{len(out)} places written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])

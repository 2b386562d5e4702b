"""Print markdown count tables for labelled files (pasted into README.md).

Run: .venv/bin/python tests/data/stats.py [FILE ...]
(default: dev.jsonl holdout.jsonl holdout2.jsonl dup_pairs.jsonl)
"""

import json
import sys
from collections import Counter
from pathlib import Path

from nlp.taxonomy import CONTRACT_CATEGORIES, CONTRACT_TYPES

DATA = Path(__file__).resolve().parent
CATS = CONTRACT_CATEGORIES
TYPES = CONTRACT_TYPES


def table(name: str) -> None:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    c = Counter((r["category"], r["type"]) for r in rows)
    urg = Counter(r["category"] for r in rows if r["urgent"])
    also = Counter(r["category"] for r in rows if r.get("also"))
    n_urg = sum(urg.values())
    print(
        f"### {name}: {len(rows)} messages, {n_urg} urgent ({n_urg / len(rows):.1%}), "
        f"{sum(also.values())} with `also`\n"
    )
    print("| category | total | " + " | ".join(TYPES) + " | urgent | with also |")
    print("|---" * (len(TYPES) + 4) + "|")
    for cat in CATS:
        tot = sum(c[(cat, t)] for t in TYPES)
        cells = " | ".join(str(c[(cat, t)]) for t in TYPES)
        print(f"| {cat} | {tot} | {cells} | {urg[cat]} | {also[cat]} |")
    tt = " | ".join(str(sum(c[(cat, t)] for cat in CATS)) for t in TYPES)
    print(f"| **all** | {len(rows)} | {tt} | {n_urg} | {sum(also.values())} |\n")


def pairs(name: str) -> None:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    found = [json.loads(line) for line in lines if line.strip()]
    same = sum(p["same"] for p in found)
    print(f"### {name}: {len(found)} pairs, {same} same, {len(found) - same} different\n")


for name in sys.argv[1:] or ["dev.jsonl", "holdout.jsonl", "holdout2.jsonl", "dup_pairs.jsonl"]:
    (pairs if "pairs" in name else table)(name)

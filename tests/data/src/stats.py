"""Print markdown count tables for the labelled files (pasted into ../README.md)."""

import json
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
CATS = [
    "env",
    "repair",
    "infra",
    "traffic",
    "safety",
    "order",
    "dispute",
    "care",
    "service",
    "culture",
    "other",
]
TYPES = ["wish", "complaint", "help", "consult", "suggestion"]

for name in ("dev.jsonl", "holdout.jsonl"):
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]
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

pairs = [
    json.loads(line) for line in (DATA / "dup_pairs.jsonl").read_text(encoding="utf-8").splitlines()
]
same = sum(p["same"] for p in pairs)
print(f"### dup_pairs.jsonl: {len(pairs)} pairs, {same} same, {len(pairs) - same} different\n")

"""Print the count tables for train_extra.jsonl (markdown)."""

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

lines = (DATA / "train_extra.jsonl").read_text(encoding="utf-8").splitlines()
rows = [json.loads(x) for x in lines if x.strip()]
urg = sum(r["urgent"] for r in rows)
print(
    f"train_extra.jsonl: {len(rows)} messages, {urg} urgent ({100 * urg / len(rows):.1f}%), "
    f"{sum(bool(r.get('also')) for r in rows)} with `also`\n"
)
print("| category | total | " + " | ".join(TYPES) + " | urgent | with also |")
print("|---" * (len(TYPES) + 4) + "|")
for c in [*CATS, None]:
    sel = [r for r in rows if c is None or r["category"] == c]
    tc = Counter(r["type"] for r in sel)
    name = "**all**" if c is None else c
    print(
        f"| {name} | {len(sel)} | "
        + " | ".join(str(tc[t]) for t in TYPES)
        + f" | {sum(r['urgent'] for r in sel)} | {sum(bool(r.get('also')) for r in sel)} |"
    )

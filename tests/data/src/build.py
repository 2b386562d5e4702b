"""Build tests/data/dev.jsonl and holdout.jsonl from the hand-written source files.

Source format (one message per line, blank lines and lines starting with '#' ignored):

    TYPE URGENT ALSO TEXT

TYPE is w/c/h/q/s (wish, complaint, help, consult, suggestion), URGENT is 0/1,
ALSO is '-' or a comma-separated list of category codes. The category is the
file name (env.txt -> env) unless a line '@code' switches it. Lines in
holdout_extra.txt always go to holdout; the rest is split per category with a
fixed seed.
"""

import json
import random
from collections import Counter
from pathlib import Path

from nlp.taxonomy import CONTRACT_CATEGORIES

HERE = Path(__file__).resolve().parent
CATS = CONTRACT_CATEGORIES
TYPES = {"w": "wish", "c": "complaint", "h": "help", "q": "consult", "s": "suggestion"}
HOLDOUT_SHARE = 0.27


def parse(path: Path, default_cat: str | None):
    cat = default_cat
    rows = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            cat = line[1:].strip()
            assert cat in CATS, (path, n, cat)
            continue
        t, u, also, text = line.split(" ", 3)
        assert t in TYPES and u in "01", (path, n, line)
        assert cat in CATS, (path, n)
        row = {"text": text.strip(), "category": cat, "type": TYPES[t], "urgent": u == "1"}
        if also != "-":
            al = also.split(",")
            assert all(a in CATS and a != cat for a in al), (path, n, line)
            row["also"] = al
        rows.append(row)
    return rows


def main():
    pool, extra = [], []
    for p in sorted(HERE.glob("*.txt")):
        if p.name == "dup_pairs.txt":
            continue
        cat = p.stem if p.stem in CATS else None
        (extra if p.stem == "holdout_extra" else pool).extend(parse(p, cat))
    texts = Counter(r["text"] for r in pool + extra)
    dups = [t for t, c in texts.items() if c > 1]
    assert not dups, dups
    rng = random.Random(20240915)
    dev, hold = [], list(extra)
    for cat in CATS:
        # systematic sampling over rows ordered by (type, urgent) so that the
        # holdout mirrors dev in type and urgency mix within each category
        rows = [r for r in pool if r["category"] == cat]
        rng.shuffle(rows)
        rows.sort(key=lambda r: (r["type"], r["urgent"]))
        offset = rng.random()
        for i, r in enumerate(rows):
            took = int((i + 1) * HOLDOUT_SHARE + offset) > int(i * HOLDOUT_SHARE + offset)
            (hold if took else dev).append(r)
    rng.shuffle(dev)
    rng.shuffle(hold)
    for name, rows in (("dev.jsonl", dev), ("holdout.jsonl", hold)):
        with open(HERE.parent / name, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    pairs = []
    dp = HERE / "dup_pairs.txt"
    if dp.exists():
        for raw in dp.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            same, a, b = raw.split("|")
            pairs.append({"a": a.strip(), "b": b.strip(), "same": same.strip() == "1"})
        with open(HERE.parent / "dup_pairs.jsonl", "w", encoding="utf-8") as f:
            for p in pairs:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(len(dev), len(hold), len(pairs))


if __name__ == "__main__":
    main()

"""Build tests/data/dev.jsonl and holdout.jsonl from the hand-written source files.

Source format (one message per line, blank lines and lines starting with '#' ignored):

    TYPE URGENT ALSO TEXT

TYPE is w/c/h/q/s (wish, complaint, help, consult, suggestion), URGENT is 0/1,
ALSO is '-' or a comma-separated list of category codes. The category is the
file name (env.txt -> env) unless a line '@code' switches it.

Which file and line each message goes to is frozen in split.txt (sha1 of the text,
file, position), recorded on 2026-12-06 from the earlier per-category seeded split,
which sorted by type: retyping a dev line (tests/data/relabel_types.py) must not move
lines between dev and the spent holdout. A line not in split.txt is an error: new
messages go to a training file's own source folder (tests/data/training_sources.py).
"""

import hashlib
import json
from collections import Counter
from pathlib import Path

from nlp.taxonomy import CONTRACT_CATEGORIES

HERE = Path(__file__).resolve().parent
CATS = CONTRACT_CATEGORIES
TYPES = {"w": "wish", "c": "complaint", "h": "help", "q": "consult", "s": "suggestion"}
SPLIT = HERE / "split.txt"


def split_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def read_split() -> dict[str, tuple[str, int]]:
    """sha1 key → (file stem, position)."""
    places = {}
    for raw in SPLIT.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            key, name, position = raw.split()
            places[key] = (name, int(position))
    return places


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
    pool = []
    for p in sorted(HERE.glob("*.txt")):
        if p.name in ("dup_pairs.txt", SPLIT.name):
            continue
        pool.extend(parse(p, p.stem if p.stem in CATS else None))
    texts = Counter(r["text"] for r in pool)
    dups = [t for t, c in texts.items() if c > 1]
    assert not dups, dups
    places = read_split()
    missing = [r["text"] for r in pool if split_key(r["text"]) not in places]
    assert not missing, f"not in split.txt: {missing}"
    outputs: dict[str, dict[int, dict]] = {"dev": {}, "holdout": {}}
    for r in pool:
        name, position = places[split_key(r["text"])]
        outputs[name][position] = r
    for name, placed in outputs.items():
        with open(HERE.parent / f"{name}.jsonl", "w", encoding="utf-8") as f:
            for position in sorted(placed):
                f.write(json.dumps(placed[position], ensure_ascii=False) + "\n")
    pairs = []
    dp = HERE / "dup_pairs.txt"
    if dp.exists():
        for raw in dp.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            same, a, b = raw.split("|")
            pairs.append({"a": a.strip(), "b": b.strip(), "same": same.strip() == "1"})
        with open(HERE.parent / "dup_pairs.jsonl", "w", encoding="utf-8") as f:
            for pair in pairs:
                f.write(json.dumps(pair, ensure_ascii=False) + "\n")
    print(len(outputs["dev"]), len(outputs["holdout"]), len(pairs))


if __name__ == "__main__":
    main()

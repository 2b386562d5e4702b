"""Build tests/data/letters.jsonl: long-form letters to a department (fields title, text,
category; eight department labels), written blind by two helpers in batches.

Run: .venv/bin/python tests/data/letters.py FOLDER... (each holding batch_*.jsonl)

The batches are joined in a stable order (the folders as given, then the batch files by
name, then their lines); a line must be a JSON object with non-empty string fields title,
text and category and nothing else, and no text may repeat. Used for the long-form
cross-validation (docs/nlp.md); tests/test_letters_data.py checks the file.
"""

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "letters.jsonl"
FIELDS = ("title", "text", "category")


def read_batches(folders: list[Path]) -> list[dict]:
    rows: list[dict] = []
    seen: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.glob("batch_*.jsonl")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                row = json.loads(line)
                if set(row) != set(FIELDS) or not all(
                    isinstance(row[f], str) and row[f].strip() for f in FIELDS
                ):
                    raise SystemExit(f"{where}: expected non-empty {', '.join(FIELDS)}")
                text = row["text"].strip()
                if text in seen:
                    raise SystemExit(f"{where}: same text as {seen[text]}")
                seen[text] = where
                rows.append({f: row[f].strip() for f in FIELDS})
    return rows


def main(args: list[str]) -> int:
    if not args:
        print(__doc__)
        return 2
    rows = read_batches([Path(a) for a in args])
    with open(OUT, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} letters to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

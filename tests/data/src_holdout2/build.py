"""Build tests/data/holdout2.jsonl (second held-out evaluation set, written blind) from the
sources in this folder (format and checks: ../training_sources.py).
Run: .venv/bin/python tests/data/src_holdout2/build.py [--check]"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from training_sources import build  # noqa: E402

if __name__ == "__main__":
    sys.exit(
        build(
            HERE,
            "holdout2.jsonl",
            ("dev.jsonl", "train_extra.jsonl", "train_more.jsonl", "holdout.jsonl"),
            20261123,
            "--check" in sys.argv,
        )
    )

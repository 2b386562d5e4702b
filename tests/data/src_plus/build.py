"""Build tests/data/train_plus.jsonl from the sources in this folder (format and checks:
../training_sources.py). Run: .venv/bin/python tests/data/src_plus/build.py [--check]"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from training_sources import build  # noqa: E402

if __name__ == "__main__":
    sys.exit(
        build(
            HERE,
            "train_plus.jsonl",
            ("dev.jsonl", "train_extra.jsonl", "train_more.jsonl"),
            20261124,
            "--check" in sys.argv,
        )
    )

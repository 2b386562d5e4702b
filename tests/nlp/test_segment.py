from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from nlp import Segmenter

ROOT = Path(__file__).resolve().parents[2]


def test_keeps_governance_and_roster_words(segmenter: Segmenter) -> None:
    tokens = segmenter.lcut("幸福家园的网格员说楼道灯坏了，微心愿已经登记")
    for word in ("幸福家园", "网格员", "楼道灯", "微心愿"):
        assert word in tokens
    assert " " not in segmenter.lcut("电梯 坏了")


def test_private_tokenizer_leaves_global_jieba_alone(segmenter: Segmenter) -> None:
    import jieba

    assert "幸福家园" not in jieba.dt.FREQ or jieba.dt.FREQ["幸福家园"] != 50_000


def test_warm_start_is_fast(tmp_path: Path) -> None:
    cache = repr(str(tmp_path))
    code = (f"import time; from nlp import Segmenter; Segmenter(cache_dir={cache}); "
            f"t = time.perf_counter(); Segmenter(cache_dir={cache}); "
            "print(time.perf_counter() - t)")
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert float(out) < 2.0 and time.perf_counter() - start < 20
    assert (tmp_path / "jieba.cache").is_file()

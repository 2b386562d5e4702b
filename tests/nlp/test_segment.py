from __future__ import annotations

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


def test_dictionary_cache_is_written_once_and_reused(tmp_path: Path) -> None:
    """Warm start-up rests on jieba's cache being reused; its speed is measured by
    benchmarks/nlp_bench.py, not here."""
    Segmenter(cache_dir=tmp_path)
    cache = tmp_path / "jieba.cache"
    written = cache.stat().st_mtime_ns
    Segmenter(cache_dir=tmp_path)
    assert cache.stat().st_mtime_ns == written

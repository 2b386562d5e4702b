from __future__ import annotations

import pytest

from nlp import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("幸福家园三号楼", "幸福家园3号楼"),
        ("五栋二单元", "5栋2单元"),
        ("十二号楼", "12号楼"),
        ("二十三号楼一单元", "23号楼1单元"),
        ("三零一室", "301室"),
        ("第三网格", "第3网格"),
        ("一楼", "1楼"),
        ("一楼道都是垃圾", "一楼道都是垃圾"),
        ("等一下", "等一下"),
        ("一直漏水", "一直漏水"),
        ("三个月没发工资", "三个月没发工资"),
        ("ＡＢＣ１２３", "ABC123"),
        ("５号楼", "5号楼"),
        ("樓道燈壞了", "楼道灯坏了"),
        ("電梯又壞了", "电梯又坏了"),
        ("着火了！！！", "着火了!"),
        ("怎么办？？", "怎么办?"),
        ("好吧。。。", "好吧。"),
        ("太感谢了🙏🙏", "太感谢了"),
        ("好的[捂脸]", "好的"),
        ("  楼道   很脏 \n", "楼道 很脏"),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_is_idempotent() -> None:
    text = "幸福家園三號樓２單元３０１，電梯壞了！！！😡"
    assert normalize(normalize(text)) == normalize(text)

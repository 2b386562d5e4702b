"""Group cards never carry a resident's phone, name, unit or room, whatever they wrote."""

import pytest

from core.redact import for_group


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "楼道灯坏了，我是3单元502的刘桂英，电话13912345678",
            "刘桂英",
            "楼道灯坏了，我是***的刘**，电话***",
        ),
        ("有事打 139 1234 5678 或 +86 138-0000-1234", "", "有事打 *** 或 ***"),
        ("座机010-62345678找王师傅", "", "座机***找王师傅"),
        ("5号楼2单元301漏水", "", "5号楼***漏水"),
        ("家住5-2-301，身份证11010519491231002X", "", "家住***，身份证***"),
        ("302室门口堆满了杂物", "", "***门口堆满了杂物"),
        ("楼道灯坏了一个礼拜了", "王小明", "楼道灯坏了一个礼拜了"),
        ("幸福家园5号楼门口垃圾没人收", "", "幸福家园5号楼门口垃圾没人收"),
        ("下午3点半停水，停了2天", "", "下午3点半停水，停了2天"),
    ],
)
def test_group_text_is_redacted(text: str, name: str, expected: str) -> None:
    assert for_group(text, name) == expected

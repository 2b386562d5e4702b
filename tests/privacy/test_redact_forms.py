"""Masking catches how people really write their phone, ID number, name and room."""

import pytest

from core.redact import for_group, name_forms, shadow


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("电话１３９１２３４５６７８，谢谢", "", "电话***，谢谢"),
        ("电话一三九一二三四五六七八", "", "电话***"),
        ("电话幺三九 一二三四 五六七八", "", "电话***"),
        ("打139.1234.5678找我", "", "打***找我"),
        ("打139．1234．5678找我", "", "打***找我"),
        ("身份证110105 19491231 002X", "", "身份证***"),
        ("身份证 1101 0519 4912 3100 2x 请核对", "", "身份证 *** 请核对"),
        ("座机（010）62345678", "", "座机***"),
        ("我是何秀英，楼下有积水", "秀英 何", "我是何**，楼下有积水"),
        ("我叫秀英，楼下有积水", "秀英 何", "我叫秀**，楼下有积水"),
        ("我是何秀英", "何 秀英", "我是何**"),
        ("Mary Chen here, the lift is broken", "Chen Mary", "M** here, the lift is broken"),
        ("５号楼３０２漏水", "", "５号楼***漏水"),
        ("5号楼302漏水", "", "5号楼***漏水"),
        ("A座1201门口有垃圾", "", "A座***门口有垃圾"),
        ("I live in room 104, the light is out", "", "I live in ***, the light is out"),
        ("住三零一室，灯坏了", "", "住***，灯坏了"),
    ],
)
def test_every_written_form_is_hidden(text: str, name: str, expected: str) -> None:
    assert for_group(text, name) == expected


@pytest.mark.parametrize(
    "text",
    [
        "楼道灯坏了三天了，一二楼都黑",
        "幸福家园5号楼门口垃圾没人收",
        "下午3点半停水，停了2天",
        "已经打了119，还有120",
        "三三两两的人在楼下",
    ],
)
def test_ordinary_words_and_numbers_stay(text: str) -> None:
    assert for_group(text, "王小明") == text


def test_the_shadow_keeps_every_position() -> None:
    text = "电话一三九１２３４５６７８，５号楼"
    assert len(shadow(text)) == len(text)
    assert shadow(text) == "电话13912345678,5号楼"


def test_name_forms_cover_both_orders() -> None:
    assert set(name_forms("秀英 何")) == {"秀英 何", "秀英何", "何秀英", "何 秀英", "秀英"}
    assert name_forms("") == [] and name_forms("王") == []


def test_a_room_written_in_latin_letters_right_after_chinese() -> None:
    assert for_group("我女儿住room 104，灯坏了") == "我女儿住***，灯坏了"

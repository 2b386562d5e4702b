"""A building number in a compound the roster does not have is not read as ours."""

import pytest

from nlp.address import AddressIndex, BuildingRef

INDEX = AddressIndex(
    [
        BuildingRef(1, "幸福家园3号楼", ("3号楼", "3栋"), "XF-01", "幸福里社区"),
        BuildingRef(2, "阳光小区1号楼", ("1号楼",), "XF-03", "幸福里社区"),
        BuildingRef(3, "和谐苑A座", ("A座",), "XF-02", "幸福里社区"),
    ]
)


@pytest.mark.parametrize(
    ("text", "building"),
    [
        ("和谐小区3栋", None),
        ("金桂花园3号楼漏水", None),
        ("我住在幸福家园的3号楼", 1),
        ("我们小区3号楼", 1),
        ("这个小区3号楼", 1),
        ("住阳光小区1号楼", 2),
        ("辛福家园3栋", 1),
        ("和谐苑A座", 3),
        ("3号楼楼道灯坏了", 1),
    ],
)
def test_only_our_compounds_lend_their_numbers(text: str, building: int | None) -> None:
    match = INDEX.match(text)
    assert (match.building.id if match.building else None) == building

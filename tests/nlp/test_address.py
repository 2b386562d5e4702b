from __future__ import annotations

import random

import pytest

from nlp import AddressIndex, BuildingRef

BUILDINGS = [
    BuildingRef(1, "5号楼", (), "G1", "幸福家园"),
    BuildingRef(2, "5号楼", (), "G2", "阳光花园"),
    BuildingRef(3, "老干部楼", ("A座",), "G1", "幸福家园"),
    BuildingRef(4, "3号楼", (), "G2", "阳光花园"),
    BuildingRef(5, "12号楼", ("老干部楼",), "G3", "和平里"),
    BuildingRef(6, "7栋", (), "G1", "幸福家园"),
]


@pytest.fixture(scope="module")
def index() -> AddressIndex:
    return AddressIndex(BUILDINGS)


@pytest.mark.parametrize(
    ("text", "building", "unit", "room"),
    [
        ("幸福家园5号楼2单元301", 1, "2", "301"),
        ("幸福家园五栋楼道灯坏了", 1, None, None),
        ("幸福家圆5号楼漏水", 1, None, None),  # typo in the community name
        ("阳光花园5#楼门口有垃圾", 2, None, None),
        ("阳光花园五号楼二单元", 2, "2", None),
        ("幸福家园老干部楼电梯坏了", 3, None, None),  # alias, community tells which
        ("幸福家园A座", 3, None, None),
        ("和平里老干部楼", 5, None, None),
        ("3号楼楼下", 4, None, None),  # only one 3号楼 in the roster
        ("十二号楼", 5, None, None),
        ("幸福家园7号楼1单元502室", 6, "1", "502"),
        ("幸福家园5-2-301", 1, "2", "301"),
    ],
)
def test_match(
    index: AddressIndex, text: str, building: int, unit: str | None, room: str | None
) -> None:
    match = index.match(text)
    assert match.building is not None and match.building.id == building
    assert (match.unit, match.room) == (unit, room)
    assert 0 < match.score <= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5号楼漏水", {1, 2}),  # two communities have a 5号楼
        ("五号楼二单元", {1, 2}),
        ("老干部楼电梯坏了", {3, 5}),  # two buildings have this alias
    ],
)
def test_ambiguous_gives_candidates(index: AddressIndex, text: str, expected: set[int]) -> None:
    match = index.match(text)
    assert match.building is None
    assert {b.id for b, _ in match.candidates} == expected


def test_no_address(index: AddressIndex) -> None:
    match = index.match("楼道灯坏了")
    assert match.building is None and match.candidates == () and match.score == 0


def test_right_building_among_5000() -> None:
    """Correct at the benchmark's size; its latency is measured by benchmarks/nlp_bench.py."""
    buildings = [
        BuildingRef(c * 25 + n, f"{n}号楼", (), f"G{c}", f"社区{c:03d}家园")
        for c in range(200)
        for n in range(1, 26)
    ]
    index = AddressIndex(buildings)
    rng = random.Random(0)
    for _ in range(300):
        c, n = rng.randrange(200), rng.randrange(1, 26)
        match = index.match(f"社区{c:03d}家园{n}号楼2单元楼道灯坏了")
        assert match.building is not None and match.building.id == c * 25 + n

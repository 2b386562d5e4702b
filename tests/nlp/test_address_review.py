"""Address matching on a three-community roster: "one building" phrases, typos,
numbers the community lacks, rooms spelled digit by digit and 门 as 单元."""

from __future__ import annotations

import pytest

from nlp import AddressIndex, BuildingRef
from nlp.address import MIN_SCORE

HAPPY, SUNNY, PEACE = "幸福家园", "阳光花园", "和平里"


def _roster() -> list[BuildingRef]:
    """幸福家园 has no 9号楼 but a 老干部楼; each community has 12 buildings."""
    happy = [BuildingRef(n, f"{n}号楼", (), "G1", HAPPY) for n in (*range(1, 9), 10, 11, 12)]
    happy.append(BuildingRef(13, "老干部楼", (), "G1", HAPPY))
    sunny = [BuildingRef(100 + n, f"{n}号楼", (), "G2", SUNNY) for n in range(1, 13)]
    peace = [BuildingRef(200 + n, f"{n}栋", (), "G3", PEACE) for n in range(1, 13)]
    return happy + sunny + peace


@pytest.fixture(scope="module")
def index() -> AddressIndex:
    return AddressIndex(_roster())


@pytest.mark.parametrize(
    "text",
    [
        "幸福家园一栋楼都停水了",
        "幸福家园，我们同一栋楼的邻居天天吵",
        "幸福家园这一栋楼的灯全坏了",
        "幸福家园整栋楼都停电",
        "幸福家园哪一栋楼在漏水？",
        "幸福家园一栋楼全停电了",
        "幸福家园另一栋楼也有人抽烟",
        "幸福家园一幢楼都没电",
        "幸福家园一栋楼的住户都没热水",
        "幸福家園一棟樓都停水了",
    ],
)
def test_one_building_is_not_building_1(index: AddressIndex, text: str) -> None:
    match = index.match(text)
    assert match.building is None
    assert 1 not in {b.id for b, _ in match.candidates}


@pytest.mark.parametrize(
    ("text", "building", "unit", "room"),
    [
        ("幸福家园一栋二单元301", 1, "2", "301"),
        ("幸福家园一栋楼道灯坏了", 1, None, None),
        ("幸福家园1栋楼都停水了", 1, None, None),  # written as a digit: a name
        ("幸福家园一号楼都停水了", 1, None, None),
        ("幸福家园第一栋楼", 1, None, None),
        ("幸福家园这边，昨天5号楼道里有人抽烟", 5, None, None),
        ("我们同一栋楼都吵，幸福家园5号楼的", 5, None, None),
        ("幸福家园老干不楼", 13, None, None),  # one wrong inner character
        ("幸福家园5好楼", 5, None, None),
        ("幸福家园五好楼2单元", 5, "2", None),
        ("幸福家园5号楼二单元三零一", 5, "2", "301"),
        ("幸福家园5号楼1单元幺零二", 5, "1", "102"),
        ("幸福家园5号楼2门301", 5, "2", "301"),
        ("幸福家园五号楼二门三零一", 5, "2", "301"),
        ("幸福家园5号楼2门口有垃圾", 5, None, None),
        ("幸福家园5号楼三三两两的人在吵", 5, None, None),
        ("和平里一栋302漏水", 201, None, "302"),
    ],
)
def test_match(
    index: AddressIndex, text: str, building: int, unit: str | None, room: str | None
) -> None:
    match = index.match(text)
    assert match.building is not None and match.building.id == building
    assert (match.unit, match.room) == (unit, room)


@pytest.mark.parametrize("text", ["幸福家园干部楼下吵", "幸福家园老干部活动室", "幸福家园老年人楼"])
def test_unrelated_words_match_no_alias(index: AddressIndex, text: str) -> None:
    match = index.match(text)
    assert match.building is None and 13 not in {b.id for b, _ in match.candidates}


def test_room_spelled_without_a_community(index: AddressIndex) -> None:
    match = index.match("5号楼二零一")
    assert match.building is None and match.room == "201"
    assert {b.id for b, _ in match.candidates} == {5, 105, 205}


@pytest.mark.parametrize(
    ("text", "first_two", "third"),
    [
        ("幸福家园9号楼", {8, 10}, {7, 11}),
        ("幸福家园15号楼漏水", {12, 11}, {10}),
        ("阳光花园20号楼2单元301", {112, 111}, {110}),
    ],
)
def test_missing_number_offers_the_nearest(
    index: AddressIndex, text: str, first_two: set[int], third: set[int]
) -> None:
    match = index.match(text)
    assert match.building is None and len(match.candidates) == 3
    ids = [b.id for b, _ in match.candidates]
    assert set(ids[:2]) == first_two and ids[2] in third
    assert all(score < MIN_SCORE for _, score in match.candidates)


def test_missing_number_without_a_community_offers_nothing(index: AddressIndex) -> None:
    assert index.match("99号楼漏水").candidates == ()

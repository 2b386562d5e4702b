"""Every rule of the state machine, from its table: each permitted party may act from each
source status; everyone else is refused with ``refused.who.*``; other statuses with
``refused.state``."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from core.errors import Refused
from core.lifecycle import RULES, Party, authorize
from core.records import Person, Request
from core.vocabulary import Action, Level, Role, Status

COMMUNITY = 1
GRID = 10
NOW = datetime(2026, 11, 23, tzinfo=UTC)

REQUEST = Request(
    id=1,
    number="20261123-0001",
    text="楼道灯坏了",
    resident_id=100,
    status=Status.ROUTED,
    category="repair",
    subcategory=None,
    type="complaint",
    urgent=False,
    grid_id=GRID,
    building_id=None,
    address="",
    level=Level.GRID,
    claimant_id=200,
    merged_into_id=None,
    outcome=None,
    reject_reason=None,
    keywords=(),
    photos=(),
    confidence=0.9,
    reopen_count=0,
    created_at=NOW,
    claim_by=None,
    resolve_by=None,
    resolved_at=None,
    closed_at=None,
)
PEOPLE = {
    Party.FILER: Person(100, "王小明", Role.RESIDENT, COMMUNITY, GRID),
    Party.RESIDENT: Person(101, "李阿姨", Role.RESIDENT, COMMUNITY, GRID),
    Party.CLAIMANT: Person(200, "党员甲", Role.MEMBER, COMMUNITY, 99),
    Party.HANDLER: Person(201, "党员乙", Role.MEMBER, COMMUNITY, GRID),
    Party.LEADER: Person(300, "张网格长", Role.LEADER, COMMUNITY, 99),
    Party.ADMIN: Person(400, "周书记", Role.ADMIN, COMMUNITY, None),
    Party.SYSTEM: None,
}
OUTSIDERS = [
    Person(500, "外网格党员", Role.MEMBER, COMMUNITY, 77),
    Person(501, "外网格网格长", Role.LEADER, COMMUNITY, 77),
    Person(502, "外社区管理员", Role.ADMIN, 2, None),
]


def staff(party: Party) -> Person:
    """A party that is a person (every one but the system)."""
    person = PEOPLE[party]
    assert person is not None
    return person


def actor_for(party: Party) -> Person | None:
    """The party's person, placed so that they stand towards REQUEST exactly as ``party``."""
    person = PEOPLE[party]
    if party == Party.LEADER:
        return replace(person, grid_id=GRID) if person else None
    return person


CASES = [
    (action, party, source)
    for action, rule in RULES.items()
    for party in sorted(rule.parties)
    for source in sorted(rule.sources)
]


@pytest.mark.parametrize(("action", "party", "source"), CASES)
def test_permitted_party_may_act_from_each_source(
    action: Action, party: Party, source: Status
) -> None:
    request = replace(REQUEST, status=source)
    target = authorize(action, request, actor_for(party), COMMUNITY)
    assert target == (RULES[action].target or source)


@pytest.mark.parametrize("action", list(RULES))
def test_everyone_else_is_refused_by_role(action: Action) -> None:
    source = sorted(RULES[action].sources)[0]
    request = replace(REQUEST, status=source)
    for party, person in PEOPLE.items():
        if party in RULES[action].parties or person is None:
            continue
        if party == Party.LEADER:
            person = replace(person, grid_id=77)
        with pytest.raises(Refused) as refusal:
            authorize(action, request, person, COMMUNITY)
        assert refusal.value.key == f"refused.who.{action}", (action, party)
    for outsider in OUTSIDERS:
        with pytest.raises(Refused):
            authorize(action, request, outsider, COMMUNITY)


@pytest.mark.parametrize("action", list(RULES))
def test_other_statuses_are_refused_by_state(action: Action) -> None:
    rule = RULES[action]
    party = sorted(rule.parties)[0]
    for status in set(Status) - rule.sources:
        request = replace(REQUEST, status=status)
        with pytest.raises(Refused) as refusal:
            authorize(action, request, actor_for(party), COMMUNITY)
        assert refusal.value.key == "refused.state"
        assert refusal.value.params["status"] == {"$t": f"status.{status}"}


def test_levels_decide_who_handles() -> None:
    member = PEOPLE[Party.HANDLER]
    admin = PEOPLE[Party.ADMIN]
    unit = Person(600, "供电所", Role.UNIT, COMMUNITY, None)
    escalated = replace(REQUEST, status=Status.ESCALATED, level=Level.COMMUNITY)
    with pytest.raises(Refused):
        authorize(Action.CLAIM, escalated, member, COMMUNITY)
    assert authorize(Action.CLAIM, escalated, admin, COMMUNITY) == Status.CLAIMED
    with pytest.raises(Refused):
        authorize(Action.CLAIM, escalated, unit, COMMUNITY)
    at_unit = replace(escalated, level=Level.UNIT, unit_id=5)
    with pytest.raises(Refused):  # a unit claims only what was dispatched to it
        authorize(Action.CLAIM, at_unit, unit, COMMUNITY)
    ours, theirs = replace(unit, unit_id=5), replace(unit, unit_id=6)
    assert authorize(Action.CLAIM, at_unit, ours, COMMUNITY) == Status.CLAIMED
    with pytest.raises(Refused):
        authorize(Action.CLAIM, at_unit, theirs, COMMUNITY)


def test_a_deactivated_person_has_no_staff_rights() -> None:
    admin = replace(staff(Party.ADMIN), active=False)
    with pytest.raises(Refused) as refusal:
        authorize(Action.ASSIGN, REQUEST, admin, COMMUNITY)
    assert refusal.value.key == "refused.who.assign"
    member = replace(staff(Party.HANDLER), active=False)
    with pytest.raises(Refused):
        authorize(Action.CLAIM, REQUEST, member, COMMUNITY)


def test_only_neighbours_may_follow_and_units_stay_in_their_community() -> None:
    neighbour = Person(700, "邻居", Role.RESIDENT, COMMUNITY, GRID)
    stranger = Person(701, "别的网格居民", Role.RESIDENT, COMMUNITY, 77)
    assert authorize(Action.FOLLOW, REQUEST, neighbour, COMMUNITY) == Status.ROUTED
    with pytest.raises(Refused) as refusal:
        authorize(Action.FOLLOW, REQUEST, stranger, COMMUNITY)
    assert refusal.value.key == "refused.who.follow"
    at_unit = replace(REQUEST, status=Status.ESCALATED, level=Level.UNIT, unit_id=5)
    other_unit = Person(702, "外社区共建单位", Role.UNIT, 2, None, unit_id=5)
    with pytest.raises(Refused):
        authorize(Action.CLAIM, at_unit, other_unit, COMMUNITY)

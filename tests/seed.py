"""A small community written straight into the database for the core's tests."""

from dataclasses import dataclass

from db.models import (
    BuildingRow,
    ChatBindingRow,
    CommunityRow,
    GridRow,
    IdentityRow,
    PersonRow,
    UnitRow,
)
from tests.env import Env


@dataclass(frozen=True)
class Seeded:
    community: int
    grid_a: int
    grid_b: int
    building_a: int
    building_b: int
    leader_a: int
    leader_b: int
    members_a: tuple[int, ...]
    member_b: int
    admin: int
    unit: int
    residents: tuple[int, ...]
    unit_org: int = 0  # the co-building unit (区供电所) ``unit`` represents


async def seed(env: Env, members: int = 3, residents: int = 2) -> Seeded:
    now = env.clock.now()
    async with env.uow() as uow:
        s = uow.session
        community = CommunityRow(code="XFL", name="幸福里社区")
        s.add(community)
        await s.flush()
        grid_a = GridRow(code="XF-01", name="幸福家园网格", community_id=community.id)
        grid_b = GridRow(code="XF-02", name="和谐苑网格", community_id=community.id)
        s.add_all([grid_a, grid_b])
        await s.flush()
        power = UnitRow(community_id=community.id, code="GDS", name="区供电所", created_at=now)
        s.add(power)
        building_a = BuildingRow(grid_id=grid_a.id, name="幸福家园5号楼", aliases=["5号楼"])
        building_b = BuildingRow(grid_id=grid_b.id, name="和谐苑A座", aliases=["A座"])
        s.add_all([building_a, building_b])
        await s.flush()

        def person(name: str, role: str, **fields: object) -> PersonRow:
            row = PersonRow(
                name=name, role=role, community_id=community.id, created_at=now, **fields
            )
            s.add(row)
            return row

        leader_a = person("张建国", "leader", grid_id=grid_a.id)
        leader_b = person("李红梅", "leader", grid_id=grid_b.id)
        members_a = [
            person(f"党员{i}", "member", grid_id=grid_a.id, posts=["信息收集员"])
            for i in range(members)
        ]
        member_b = person("赵志强", "member", grid_id=grid_b.id)
        admin = person("周书记", "admin")
        unit = person("供电所小刘", "unit", unit_id=power.id)
        people = [
            person(
                f"王{'小明大华'[i % 4]}{i}",
                "resident",
                grid_id=grid_a.id,
                building_id=building_a.id,
                phone=f"1380000{i:04d}",
                share_phone=i == 0,
            )
            for i in range(residents)
        ]
        await s.flush()
        everyone = [leader_a, leader_b, *members_a, member_b, admin, unit, *people]
        s.add_all(
            IdentityRow(channel="test", external_id=str(p.id), chat_id=str(p.id), person_id=p.id)
            for p in everyone
        )
        s.add(
            ChatBindingRow(
                channel="test", chat_id="group-a", grid_id=grid_a.id, community_id=community.id
            )
        )
        s.add(
            ChatBindingRow(
                channel="test", chat_id="community", grid_id=None, community_id=community.id
            )
        )
        await uow.commit()
    return Seeded(
        community.id,
        grid_a.id,
        grid_b.id,
        building_a.id,
        building_b.id,
        leader_a.id,
        leader_b.id,
        tuple(m.id for m in members_a),
        member_b.id,
        admin.id,
        unit.id,
        tuple(p.id for p in people),
        power.id,
    )

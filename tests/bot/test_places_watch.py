"""A roster imported by another process (`linli roster import`) reaches the running bot's
address matcher within `LINLI_PLACES_POLL_SECONDS`, without a restart; the places' stamp that
tells it moves with communities, grids and buildings only."""

import asyncio
import sys
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.runner import start
from core.roster import BuildingEntry, CommunityEntry, GridEntry, PersonEntry, Roster
from core.vocabulary import Role
from db import stamps
from db.roster import apply_roster
from db.session import session_factory

NEW_BUILDING = """\
buildings:
  - name: 幸福家园9号楼
    grid: XF-01
    aliases: [九号楼]
"""


async def test_a_building_imported_from_the_command_line_is_understood(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'linli.db'}"
    settings = Settings(
        database_url=url,
        web_port=0,
        data_dir=tmp_path / "var",
        places_poll_seconds=0.2,
        _env_file=None,
    )
    running = await start(settings)
    try:
        understanding = running.linli.services.understanding
        assert understanding.match_address("九号楼的楼道灯坏了").building_id is None
        roster = tmp_path / "more.yaml"
        roster.write_text(NEW_BUILDING, encoding="utf-8")
        linli = Path(sys.executable).with_name("linli")
        command = await asyncio.create_subprocess_exec(
            str(linli), "roster", "import", str(roster), "--database-url", url
        )
        assert await command.wait() == 0
        for _ in range(100):
            guess = understanding.match_address("九号楼的楼道灯坏了")
            if guess.building_id is not None:
                break
            await asyncio.sleep(0.05)
        assert guess.building_id is not None
        assert understanding.building_name(guess.building_id) == "幸福家园9号楼"
    finally:
        await running.stop()


async def test_the_places_stamp_moves_with_the_places_only(engine: AsyncEngine) -> None:
    async def stamp() -> int:
        async with session_factory(engine)() as session:
            return await stamps.read(session, stamps.PLACES)

    first = await stamp()
    places = Roster(
        communities=(CommunityEntry("HP", "和平社区"),),
        grids=(GridEntry("HP-01", "和平一网格", "HP"),),
        buildings=(BuildingEntry("和平里1号楼", "HP-01"),),
    )
    await apply_roster(engine, places, dry_run=True)
    assert await stamp() == first
    await apply_roster(engine, places)
    assert await stamp() == first + 1
    people = Roster(people=(PersonEntry("P1", "张敏", Role.MEMBER, grid="HP-01"),))
    await apply_roster(engine, people)
    assert await stamp() == first + 1
    await apply_roster(engine, places)  # nothing new
    assert await stamp() == first + 1

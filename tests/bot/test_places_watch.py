"""A roster imported by another process (`linli roster import`) reaches the running bot's
address matcher within `LINLI_PLACES_POLL_SECONDS`, without a restart."""

import asyncio
import sys
from pathlib import Path

from bot.config import Settings
from bot.runner import start

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

"""The run command's process: migrates, loads the demo roster, serves, stops cleanly."""

from pathlib import Path

import aiohttp

from bot.config import Settings
from bot.runner import start


async def test_run_serves_health_and_the_web_chat(tmp_path: Path) -> None:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'linli.db'}",
        web_port=0,
        data_dir=tmp_path / "var",
        _env_file=None,
    )
    running = await start(settings)
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{running.port}") as http:
            async with http.get("/healthz") as response:
                assert response.status == 200
                assert await response.json() == {"status": "ok", "grids": 3}
            async with http.get("/") as response:
                assert response.status == 200
                assert "text/html" in response.headers["Content-Type"]
    finally:
        await running.stop()

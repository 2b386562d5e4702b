"""``linli run`` as a process of its own against the local Bot API server: started, killed
with SIGKILL, started again."""

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from tests.support import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
ENTRY = "import sys; from bot.cli.app import app; sys.argv = ['linli', 'run']; app()"
READY = "linli: open"


def bot_env(api: FakeBotApi, database_url: str, folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LINLI_")}
    return env | {
        "PYTHONPATH": str(ROOT),
        "LINLI_DATABASE_URL": database_url,
        "LINLI_TELEGRAM_TOKEN": api.token,
        "LINLI_TELEGRAM_BASE_URL": api.base_url,
        "LINLI_TELEGRAM_BASE_FILE_URL": api.base_file_url,
        "LINLI_WEB_PORT": "0",
        "LINLI_DATA_DIR": str(folder / "var"),
        "LINLI_DEMO": "true",
    }


class BotProcess:
    """One run of the bot: ``await start()``, then ``kill()`` or ``stop()``."""

    def __init__(self, env: dict[str, str], folder: Path, name: str) -> None:
        self.env = env
        self.folder = folder
        self.out = folder / f"{name}.out"
        self.log = folder / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None
        self.started_at = 0.0  # time.time() when the process was spawned

    async def start(self, timeout: float = 60.0) -> "BotProcess":
        self.folder.mkdir(parents=True, exist_ok=True)
        with self.out.open("wb") as out, self.log.open("wb") as log:
            self.started_at = time.time()
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-c", ENTRY, env=self.env, cwd=self.folder, stdout=out, stderr=log
            )
        deadline = self.started_at + timeout
        while READY not in self.out.read_text(errors="replace"):
            if self.process.returncode is not None or time.time() > deadline:
                tail = self.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the bot did not start:\n{tail}")
            await asyncio.sleep(0.05)
        return self

    async def kill(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def stop(self) -> None:
        """SIGTERM (a clean stop), SIGKILL after 30 s."""
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            await self.kill()


Start = Callable[[str], Awaitable[BotProcess]]


@asynccontextmanager
async def bot_processes(api: FakeBotApi, database_url: str, folder: Path) -> AsyncIterator[Start]:
    """``start(name)`` runs the bot; whatever still runs at the end is killed."""
    started: list[BotProcess] = []

    async def start(name: str) -> BotProcess:
        started.append(BotProcess(bot_env(api, database_url, folder), folder, name))
        return await started[-1].start()

    try:
        yield start
    finally:
        for process in started:
            await process.kill()

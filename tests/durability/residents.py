"""Residents filing through the local Bot API server as people do: each waits for the bot's
answer before the next step, so a lost update shows as a resident left waiting."""

import asyncio
import time
from dataclasses import dataclass, field

from tests.support import FakeBotApi
from tests.support.bot_api_objects import JSONDict

BUILDINGS = (
    "幸福家园3号楼",
    "幸福家园5号楼",
    "幸福家园7号楼",
    "和谐苑A座",
    "和谐苑B座",
    "和谐苑C座",
    "阳光小区1号楼",
    "阳光小区2号楼",
    "阳光小区6号楼",
)
PROBLEMS = (
    "楼道灯坏了好几天了，晚上黑乎乎的",
    "小区门口垃圾堆了好几天没人清，臭得很",
    "楼上天天半夜拖椅子，吵得睡不着",
    "单元门的门禁坏了，谁都能进",
    "下水道堵了，一楼返水",
    "想问问高龄补贴怎么申请",
    "小区里的健身器材坏了一个，螺丝松了",
    "楼下有人乱停车，把消防通道堵了",
)
FIRST_USER = 70_001
SUBMIT, NOT_SAME, YES = "提交", "不是，继续提交", "是的"


def text_of(message: JSONDict) -> str:
    return str(message.get("text") or message.get("caption") or "")


def buttons(message: JSONDict) -> dict[str, str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


@dataclass
class Resident:
    """One private chat: what it said, and how long each answer took."""

    api: FakeBotApi
    user: int
    seen: set[int] = field(default_factory=set)
    filed: int = 0
    stuck: int = 0
    waits: list[float] = field(default_factory=list)

    async def answer(self, *signs: str, timeout: float) -> JSONDict | None:
        """The bot's next message to me containing one of ``signs``, or None after ``timeout``."""
        asked = time.perf_counter()

        def find() -> JSONDict | None:
            for message in self.api.sent_to(self.user):
                if message["message_id"] not in self.seen and any(
                    s in text_of(message) for s in signs
                ):
                    self.seen.add(message["message_id"])
                    return message
            return None

        try:
            found = await self.api.wait_for(find, timeout)
        except TimeoutError:
            self.stuck += 1
            return None
        self.waits.append(time.perf_counter() - asked)
        return found

    def say(self, text: str) -> None:
        self.api.user_sends(self.user, text=text)

    def press(self, message: JSONDict, label: str) -> None:
        self.api.user_presses(self.user, message, buttons(message)[label])

    async def settle_in(self, building: str, timeout: float) -> bool:
        self.say("/start")
        if await self.answer("住在哪里", timeout=timeout) is None:
            return False
        self.say(f"{building}2单元{300 + self.user % 97}")
        confirm = await self.answer("您是住在", timeout=timeout)
        if confirm is None:
            return False
        self.press(confirm, YES)
        return await self.answer("地址已记下", timeout=timeout) is not None

    async def file(self, problem: str, timeout: float) -> bool:
        """Describe, pass a duplicate offer, press 提交, wait for 已收到."""
        self.say(problem)
        while True:
            draft = await self.answer("对吗", "是同一件事吗", "请帮我选一下", timeout=timeout)
            if draft is None:
                return False
            choices = buttons(draft)
            if SUBMIT in choices:
                break
            self.press(draft, NOT_SAME if NOT_SAME in choices else next(iter(choices)))
        self.press(draft, SUBMIT)
        if await self.answer("已收到", timeout=timeout) is None:
            return False
        self.filed += 1
        return True


async def resident_files(resident: Resident, requests: int, timeout: float) -> None:
    number = resident.user - FIRST_USER
    if not await resident.settle_in(BUILDINGS[number % len(BUILDINGS)], timeout):
        return
    for index in range(requests):
        await resident.file(PROBLEMS[(number + index) % len(PROBLEMS)], timeout)


def residents(api: FakeBotApi, count: int) -> list[Resident]:
    people = [Resident(api, FIRST_USER + number) for number in range(count)]
    for person in people:
        api.add_user(person.user, f"居民{person.user - FIRST_USER}")
    return people


async def burst(people: list[Resident], requests: int, timeout: float) -> None:
    await asyncio.gather(*(resident_files(p, requests, timeout) for p in people))

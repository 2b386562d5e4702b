"""The duplicate window is the setting's (Policy.duplicate_window_hours), not a fixed 72 h."""

from dataclasses import replace

import pytest

from tests.chat import Chat
from tests.env import Env

TEXT = "5号楼2单元的楼道灯坏了，晚上黑乎乎的"


@pytest.fixture
def env(env: Env, window_hours: float) -> Env:
    env.policy = replace(env.policy, duplicate_window_hours=window_hours)
    return env


@pytest.mark.parametrize(("window_hours", "offered"), [(120, True), (48, False)])
async def test_a_request_100_hours_old_is_a_duplicate_only_within_the_window(
    chat: Chat, offered: bool
) -> None:
    first, second = chat.seeded.residents
    await chat.send(first, TEXT)
    await chat.press(first, (await chat.to(first))[-1].options["提交"])
    await chat.new()

    chat.env.clock.advance(hours=100)
    await chat.send(second, TEXT)
    (reply,) = await chat.to(second)
    assert reply.key == ("draft.duplicate" if offered else "draft.summary")

"""The shared send budget out of reach (Redis down) while the sender runs: it waits and tries
again, logging once; a row is never lost, and never sent after its lease has half run out
(another process may take it then), so never sent twice."""

import logging

import pytest

from bot.channels import RateLimits
from bot.outbox_sender import OutboxSender
from bot.rate_limit import RateLimiter
from bot.send_budget import BudgetUnavailable, LocalBudget
from tests.delivery.fakes import RecordingChannel, fake_sleep, queue, rows
from tests.env import Env


class FlakyBudget(LocalBudget):
    """This process's budget, out of reach for the next ``down`` requests for budget."""

    def __init__(self, down: int) -> None:
        super().__init__(RateLimiter(RateLimits(), lambda chat_id: False))
        self.down = down

    async def acquire(self, chat_id: str, now: float) -> float:
        if self.down:
            self.down -= 1
            raise BudgetUnavailable("Connection refused")
        return await super().acquire(chat_id, now)


def sender_with(env: Env, channel: RecordingChannel, budget: FlakyBudget) -> OutboxSender:
    return OutboxSender(
        channel, env.uow, env.clock, owner="one", sleep=fake_sleep(env.clock), budget=budget
    )


async def test_a_short_outage_is_waited_out_and_logged_once(
    env: Env, caplog: pytest.LogCaptureFixture
) -> None:
    await queue(env, "100", "hello")
    channel = RecordingChannel(env.clock)
    with caplog.at_level(logging.WARNING, logger="bot.send_budget"):
        await sender_with(env, channel, FlakyBudget(down=5)).deliver_due()
    assert channel.keys() == ["hello"]
    assert [r.status for r in await rows(env)] == ["sent"]
    assert [r.getMessage() for r in caplog.records] == [
        "outbox test: send budget unavailable (Connection refused); waiting",
        "outbox test: send budget back",
    ]


async def test_a_row_whose_lease_ran_half_out_waits_for_it_and_goes_once(env: Env) -> None:
    await queue(env, "100", "hello")
    channel = RecordingChannel(env.clock)
    sender = sender_with(env, channel, FlakyBudget(down=61))  # a second each: 61 s
    assert await sender.deliver_due() == 1
    assert channel.calls == []
    (row,) = await rows(env)
    assert row.status == "sending"  # still leased: nobody else may send it yet
    await sender.deliver_due()
    assert channel.calls == []
    env.clock.advance(seconds=120 - 61 + 1)
    await sender.deliver_due()
    assert channel.keys() == ["hello"]
    assert [r.status for r in await rows(env)] == ["sent"]

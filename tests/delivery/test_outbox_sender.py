"""The outbox sender: order per chat, rate limits, retries, dead letters, blocked users, edits."""

from datetime import timedelta
from itertools import pairwise

from sqlalchemy import select

from bot.channels import DeliveryPolicy, RetryLater, Undeliverable
from bot.outbox_sender import OutboxSender
from db.models import IdentityRow, MessageRefRow
from tests.delivery.fakes import RecordingChannel, fake_sleep, queue, rows
from tests.env import Env
from tests.seed import seed

EPSILON = 1e-6


def make_sender(env: Env, channel: RecordingChannel, **policy: float) -> OutboxSender:
    return OutboxSender(
        channel,
        env.uow,
        env.clock,
        DeliveryPolicy(**policy),  # type: ignore[arg-type]
        owner="one",
        sleep=fake_sleep(env.clock),
    )


async def drain(sender: OutboxSender, env: Env, passes: int = 300) -> None:
    """Deliver until nothing is queued; when a pass takes nothing, move the clock on to
    the next retry, or until a chat has budget again."""
    for _ in range(passes):
        if await sender.deliver_due():
            continue
        now = env.clock.now()
        waiting = [
            r.next_attempt_at if r.status == "pending" else r.lease_until
            for r in await rows(env)
            if r.status in ("pending", "sending")
        ]
        if not waiting:
            return
        later = [t for t in waiting if t is not None and t > now]
        if len(later) < len(waiting):  # some are due: their chats are out of budget
            env.clock.advance(seconds=await sender.idle_seconds())
        else:
            env.clock.current = min(later)
    raise AssertionError("the outbox did not drain")


def gaps(channel: RecordingChannel, chat_id: str) -> list[float]:
    times = [c.at for c in channel.calls if c.chat_id == chat_id]
    return [(b - a).total_seconds() for a, b in pairwise(times)]


async def test_a_chat_waits_for_its_earlier_message(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    for key in ("a1", "a2", "a3"):
        await queue(env, "100", key)
    await queue(env, "200", "b1")
    channel.failures["100"].append(RetryLater(5))
    start = env.clock.now()
    sender = make_sender(env, channel)
    await sender.deliver_due()
    assert channel.keys() == ["b1"]
    await sender.deliver_due()
    assert channel.keys() == ["b1"]  # a2 never overtakes a1
    await drain(sender, env)
    assert channel.keys("100") == ["a1", "a2", "a3"]
    assert channel.calls[1].at - start >= timedelta(seconds=5)
    assert {r.status for r in await rows(env)} == {"sent"}


async def test_rate_limits_per_private_chat_group_and_overall(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    for n in range(4):
        await queue(env, "100", f"private{n}")
        await queue(env, "group-a", f"group{n}")
    for n in range(40):
        await queue(env, f"9{n:03d}", "burst")
    await drain(make_sender(env, channel), env)
    assert len(channel.calls) == 48
    assert min(gaps(channel, "100")) >= 1.0 - EPSILON
    assert min(gaps(channel, "group-a")) >= 3.0 - EPSILON
    burst = [c.at for c in channel.calls if c.key == "burst"]
    assert (burst[-1] - burst[0]).total_seconds() >= 39 / 30 - EPSILON
    assert channel.keys("group-a") == [f"group{n}" for n in range(4)]


async def test_retry_later_is_honoured_and_errors_back_off(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    await queue(env, "100", "hello")
    start = env.clock.now()
    channel.failures["100"] += [RetryLater(7), OSError("reset"), OSError("reset")]
    sender = make_sender(env, channel)
    await sender.deliver_due()
    (row,) = await rows(env)
    assert (row.status, row.attempts, row.next_attempt_at) == (
        "pending",
        1,
        start + timedelta(seconds=7),
    )
    env.clock.advance(seconds=6)
    await sender.deliver_due()
    assert (await rows(env))[0].attempts == 1
    env.clock.advance(seconds=1)
    await sender.deliver_due()  # OSError: second try, backoff 2 * 2**1 = 4 s
    (row,) = await rows(env)
    assert row.attempts == 2 and row.next_attempt_at == env.clock.now() + timedelta(seconds=4)
    assert row.last_error == "OSError('reset')"
    await drain(sender, env)
    (row,) = await rows(env)
    assert row.status == "sent" and row.attempts == 4 and channel.keys() == ["hello"]


async def test_dead_letter_after_max_attempts_frees_the_chat(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    await queue(env, "100", "doomed")
    await queue(env, "100", "next")
    channel.failures["100"] += [OSError("down")] * 3
    await drain(make_sender(env, channel, max_attempts=3), env)
    doomed, after = await rows(env)
    assert (doomed.status, doomed.attempts) == ("dead", 3)
    assert after.status == "sent" and channel.keys() == ["next"]


async def test_undeliverable_message_is_dead_at_once(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    await queue(env, "100", "bad")
    await queue(env, "100", "good")
    channel.failures["100"].append(Undeliverable("message too long"))
    await drain(make_sender(env, channel), env)
    bad, good = await rows(env)
    assert (bad.status, bad.attempts, bad.last_error) == ("dead", 1, "message too long")
    assert good.status == "sent"


async def test_blocked_user_is_marked_and_not_retried(env: Env) -> None:
    s = await seed(env)
    chat = str(s.residents[0])
    channel = RecordingChannel(env.clock)
    for key in ("one", "two", "three"):
        await queue(env, chat, key)
    await queue(env, "200", "other")
    channel.failures[chat].append(Undeliverable("bot was blocked by the user", blocked=True))
    sender = make_sender(env, channel)
    await drain(sender, env)
    env.clock.advance(hours=1)
    await sender.deliver_due()
    assert channel.keys() == ["other"]
    assert [r.status for r in await rows(env) if r.chat_id == chat] == ["dead"] * 3
    async with env.uow() as uow:
        identity = await uow.session.scalar(select(IdentityRow).where(IdentityRow.chat_id == chat))
    assert identity is not None and identity.blocked


async def test_edit_goes_to_the_message_its_ref_names(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    await queue(env, "group-a", "card", ref="req:1:card")
    await queue(env, "group-a", "card.claimed", ref="req:1:card", edit=True)
    await queue(env, "group-a", "card", ref="req:2:card", edit=True)  # never posted: sent
    await queue(env, "group-a", "card.closed", ref="req:2:card", edit=True)
    await drain(make_sender(env, channel), env)
    assert [(c.op, c.key, c.message_id) for c in channel.calls] == [
        ("send", "card", "m1"),
        ("edit", "card.claimed", "m1"),
        ("send", "card", "m2"),
        ("edit", "card.closed", "m2"),
    ]
    async with env.uow() as uow:
        refs = await uow.session.scalars(select(MessageRefRow).order_by(MessageRefRow.ref))
        assert [(r.ref, r.message_id) for r in refs] == [("req:1:card", "m1"), ("req:2:card", "m2")]


async def test_a_new_post_with_the_same_ref_takes_over_edits(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    await queue(env, "group-a", "card", ref="req:1:card")
    await queue(env, "group-a", "card", ref="req:1:card")
    await queue(env, "group-a", "card.claimed", ref="req:1:card", edit=True)
    await drain(make_sender(env, channel), env)
    assert [(c.op, c.message_id) for c in channel.calls] == [
        ("send", "m1"),
        ("send", "m2"),
        ("edit", "m2"),
    ]

"""Restarts and second processes: every row delivered exactly once, a crashed lease retried."""

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update
from typer.testing import CliRunner

from bot.channels import DeliveryPolicy
from bot.cli.outbox import app
from bot.outbox_sender import OutboxSender
from core.messages import Reply
from db.migrate import upgrade
from db.models import OutboxRow
from db.session import create_engine, session_factory
from db.uow import SqlAlchemyUnitOfWork
from tests.delivery.fakes import RecordingChannel, fake_sleep, queue, rows, twin_engine, uow_on
from tests.env import Env, FixedClock

KEEP = "LINLI_POLICY__OUTBOX_KEEP_DAYS"


async def test_two_senders_deliver_each_row_once_in_order(env: Env) -> None:
    for n in range(8):
        for chat in ("100", "200", "group-a", "300"):
            await queue(env, chat, f"{chat}:{n}")
    channel = RecordingChannel(env.clock)
    other = await twin_engine(env.engine)
    senders = [
        OutboxSender(channel, uow, env.clock, owner=name, sleep=fake_sleep(env.clock))
        for name, uow in (("one", env.uow), ("two", uow_on(other, env.clock)))
    ]

    async def work(sender: OutboxSender) -> int:
        taken = 0
        for _ in range(120):
            took = await sender.deliver_due()
            if not took:  # every chat is waiting for its budget: time passes
                env.clock.advance(seconds=await sender.idle_seconds())
            taken += took
            await asyncio.sleep(0)
        return taken

    try:
        taken = await asyncio.gather(*(work(s) for s in senders))
    finally:
        await other.dispose()
    assert sum(taken) == 32 and min(taken) > 0
    assert len(channel.calls) == 32
    for chat in ("100", "200", "group-a", "300"):
        assert channel.keys(chat) == [f"{chat}:{n}" for n in range(8)]
    assert {r.status for r in await rows(env)} == {"sent"}


async def test_a_row_left_sending_is_sent_once_after_its_lease(env: Env) -> None:
    await queue(env, "100", "interrupted")
    await queue(env, "100", "after")
    async with env.uow() as uow:
        await uow.session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == 1)
            .values(
                status="sending",
                lease_owner="crashed",
                lease_until=env.clock.now() + timedelta(seconds=120),
            )
        )
        await uow.commit()
    channel = RecordingChannel(env.clock)
    sender = OutboxSender(channel, env.uow, env.clock, sleep=fake_sleep(env.clock))
    assert await sender.deliver_due() == 0  # the lease still holds, and "after" waits behind it
    env.clock.advance(seconds=121)
    await sender.deliver_due()
    env.clock.advance(seconds=2)
    await sender.deliver_due()
    await sender.deliver_due()
    assert channel.keys() == ["interrupted", "after"]


async def test_wake_delivers_without_waiting_for_the_poll(env: Env) -> None:
    channel = RecordingChannel(env.clock)
    sender = OutboxSender(
        channel, env.uow, env.clock, DeliveryPolicy(poll_seconds=3600), sleep=fake_sleep(env.clock)
    )
    task = asyncio.create_task(sender.run())
    await asyncio.sleep(0.05)
    await queue(env, "100", "now")
    sender.wake()
    for _ in range(200):
        if channel.calls:
            break
        await asyncio.sleep(0.01)
    sender.stop()
    await asyncio.wait_for(task, 5)
    assert channel.keys() == ["now"]
    assert [r.status for r in await rows(env)] == ["sent"]


async def _dead_rows(url: str) -> None:
    engine = create_engine(url)
    await upgrade(engine)
    now = datetime(2026, 11, 23, tzinfo=UTC)
    async with SqlAlchemyUnitOfWork(session_factory(engine), FixedClock(now)) as uow:
        for key in ("a", "b"):
            await uow.outbox.add("test", "100", Reply(key), None, False, now)
        await uow.session.execute(update(OutboxRow).values(status="dead", last_error="blocked"))
        await uow.commit()
    await engine.dispose()


def test_cli_lists_and_requeues_dead_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    asyncio.run(_dead_rows(url))
    runner = CliRunner()
    listed = runner.invoke(app, ["list", "--dead", "--database-url", url])
    assert listed.exit_code == 0 and listed.stdout.count("\tdead\t") == 2
    assert listed.stdout.splitlines()[0] == (
        "1\tdead\ttest:100\ta\t已尝试 0 次\t下次 2026-11-23 00:00:00  最近错误：blocked"
    )
    assert listed.stderr == "共 2 条已放弃投递\n"
    assert runner.invoke(app, ["retry", "1", "--database-url", url]).stdout == "已重新排队 1 条\n"
    assert runner.invoke(app, ["retry", "1", "--database-url", url]).exit_code == 1
    again = runner.invoke(app, ["retry", "--all-dead", "--database-url", url])
    assert again.stdout == "已重新排队 1 条\n"
    queued = runner.invoke(app, ["list", "--database-url", url])
    assert queued.stdout.count("\tpending\t") == 2 and queued.stderr == "共 2 条待发送\n"
    neither = runner.invoke(app, ["retry", "--database-url", url])
    assert neither.exit_code == 2 and "请给出消息编号或 --all-dead" in neither.stderr


def test_cli_speaks_english_on_request(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    asyncio.run(_dead_rows(url))
    runner = CliRunner()
    listed = runner.invoke(app, ["list", "--dead", "--database-url", url, "--lang", "en"])
    assert listed.exit_code == 0 and listed.stderr == "2 dead\n"
    assert listed.stdout.splitlines()[1] == (
        "2\tdead\ttest:100\tb\ttries=0\tnext=2026-11-23 00:00:00  last error: blocked"
    )
    retried = runner.invoke(app, ["retry", "2", "--database-url", url, "--lang", "en"])
    assert retried.exit_code == 0 and retried.stdout == "requeued 1\n"
    neither = runner.invoke(app, ["retry", "--database-url", url, "--lang", "en"])
    assert neither.exit_code == 2 and "give a message id or --all-dead" in neither.stderr


async def _aged_rows(url: str) -> None:
    """Four rows to chat 100: delivered, dead and unsent 40 days ago; delivered yesterday."""
    engine = create_engine(url)
    await upgrade(engine)
    now = datetime.now(UTC)
    aged = (("old-sent", "sent", 40), ("old-dead", "dead", 40), ("old-pending", "pending", 40))
    async with SqlAlchemyUnitOfWork(session_factory(engine), FixedClock(now)) as uow:
        for key, status, days in (*aged, ("new-sent", "sent", 1)):
            await uow.outbox.add("test", "100", Reply(key), None, False, now - timedelta(days=days))
            this = OutboxRow.reply["key"].as_string() == key
            await uow.session.execute(update(OutboxRow).where(this).values(status=status))
        await uow.commit()
    await engine.dispose()


async def _keys(url: str) -> list[str]:
    engine = create_engine(url)
    async with SqlAlchemyUnitOfWork(session_factory(engine), FixedClock(datetime.now(UTC))) as uow:
        found = [row.reply["key"] for row in await uow.session.scalars(select(OutboxRow))]
    await engine.dispose()
    return sorted(found)


def test_cli_prunes_what_was_delivered_or_given_up_on_long_ago(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    asyncio.run(_aged_rows(url))
    runner = CliRunner()
    kept = runner.invoke(app, ["prune", "--database-url", url], env={KEEP: "0"})
    assert kept.exit_code == 0 and "保留期为 0" in kept.stdout
    assert len(asyncio.run(_keys(url))) == 4
    negative = runner.invoke(app, ["prune", "--days", "-1", "--database-url", url])
    assert negative.exit_code == 2
    pruned = runner.invoke(app, ["prune", "--database-url", url], env={KEEP: "30"})
    assert pruned.exit_code == 0
    assert pruned.stdout == "已删除 2 条 30 天前已送达或已放弃的消息（群发的送达统计保留）\n"
    assert asyncio.run(_keys(url)) == ["new-sent", "old-pending"]  # unsent rows are never lost
    english = runner.invoke(app, ["prune", "--days", "0.5", "--database-url", url, "--lang", "en"])
    assert english.stdout.startswith("deleted 1 messages delivered or given up on over 0.5 days")
    assert asyncio.run(_keys(url)) == ["old-pending"]

"""The process's queue of transactions: in order, a first lane ahead of waiting turns, and a
waiter cancelled while queued gives nothing away."""

import asyncio

from handlers.turn_queue import TurnQueue


async def test_turns_in_order_and_the_first_lane_ahead_of_them() -> None:
    queue = TurnQueue(1)
    order: list[str] = []
    gate = asyncio.Event()

    async def hold() -> None:
        async with queue.slot():
            await gate.wait()

    async def take(name: str, first: bool = False) -> None:
        async with queue.slot(first):
            order.append(name)

    holder = asyncio.create_task(hold())
    await asyncio.sleep(0)
    turns = [asyncio.create_task(take(f"turn{n}")) for n in range(3)]
    await asyncio.sleep(0)
    beat = asyncio.create_task(take("heartbeat", first=True))
    await asyncio.sleep(0)
    gate.set()
    await asyncio.gather(holder, *turns, beat)

    assert order == ["heartbeat", "turn0", "turn1", "turn2"]


async def test_a_cancelled_waiter_leaves_the_slot_to_the_next() -> None:
    queue = TurnQueue(1)
    gate = asyncio.Event()
    done: list[str] = []

    async def hold() -> None:
        async with queue.slot():
            await gate.wait()

    async def take(name: str) -> None:
        async with queue.slot():
            done.append(name)

    holder = asyncio.create_task(hold())
    await asyncio.sleep(0)
    gone, stays = asyncio.create_task(take("gone")), asyncio.create_task(take("stays"))
    await asyncio.sleep(0)
    gone.cancel()
    gate.set()
    await asyncio.gather(holder, stays)

    assert done == ["stays"]
    async with asyncio.timeout(1):
        async with queue.slot():  # nothing leaked: the one slot is free again
            pass

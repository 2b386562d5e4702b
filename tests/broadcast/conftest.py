"""Residents added straight to the roster, and a broadcast sent through the chat harness."""

from db.models import IdentityRow, PersonRow
from tests.chat import Chat, Said
from tests.env import Env


async def add_residents(env: Env, grid_id: int, count: int, start: int = 0) -> list[int]:
    """``count`` residents of a grid, each with a private chat ``r<grid>-<n>``."""
    async with env.uow() as uow:
        people = [
            PersonRow(
                name=f"居民{start + n}",
                role="resident",
                grid_id=grid_id,
                phone=f"1390000{start + n:04d}",
                created_at=env.clock.now(),
            )
            for n in range(count)
        ]
        uow.session.add_all(people)
        await uow.session.flush()
        uow.session.add_all(
            IdentityRow(
                channel="test",
                external_id=f"r{grid_id}-{p.id}",
                chat_id=f"r{grid_id}-{p.id}",
                person_id=p.id,
            )
            for p in people
        )
        await uow.commit()
    return [p.id for p in people]


async def broadcast(chat: Chat, sender: int, scope: str, text: str) -> list[Said]:
    """/broadcast, the scope's button, the text, 发送: what the sender is told on the way."""
    told = []
    await chat.send(sender, "/broadcast")
    (ask,) = await chat.to(sender)
    told.append(ask)
    await chat.press(sender, ask.options[scope])
    told += await chat.to(sender)
    await chat.send(sender, text)
    (preview,) = await chat.to(sender)
    told.append(preview)
    await chat.press(sender, preview.options["发送"])
    told += await chat.to(sender)
    return told

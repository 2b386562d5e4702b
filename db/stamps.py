"""Stamps: numbers bumped in the transaction that changes what they name (`StampRow`)."""

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import StampRow
from db.session import rowcount

PLACES = "places"  # communities, grids, buildings and their aliases: the address matcher's
# (its row is made by migration 0010)


async def bump(session: AsyncSession, name: str) -> None:
    """Add one to ``name``'s stamp (its row is made by the migration that names it, or here
    when a database was copied without its rows)."""
    done = await session.execute(
        update(StampRow).where(StampRow.name == name).values(number=StampRow.number + 1)
    )
    if not rowcount(done):
        session.add(StampRow(name=name, number=1))
        await session.flush()


async def read(session: AsyncSession, name: str) -> int:
    """``name``'s stamp: 0 until first bumped."""
    return int(await session.scalar(select(StampRow.number).where(StampRow.name == name)) or 0)

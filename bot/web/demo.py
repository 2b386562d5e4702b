"""Demo mode only: play every part of the loop in one tab by switching persona.

A persona is an identity derived from the session (``<uid>-member``, ``<uid>-leader``)
that this demo-only service links to a person of the demo roster, found by roster code.
There is no fallback: if the demo roster's people are not in the database (a real roster
was loaded), the switch answers 404 as with demo mode off.
"""

import logging
from functools import cache
from pathlib import Path

from aiohttp import web

from bot.roster_files import read_roster_file
from bot.web.chat import session_json
from bot.web.http import (
    STATE,
    guard,
    read_json,
    refuse,
    respond,
    state_of,
    viewer_for,
)
from bot.web.session import PERSONAS, Session, set_cookie
from core.records import Person
from core.vocabulary import Role
from db.uow import SqlAlchemyUnitOfWork

logger = logging.getLogger(__name__)

DEMO_ROSTER = Path(__file__).parents[1] / "data" / "demo_roster.yaml"
# The demo roster's grid XF-01: its first member (P012) and its leader (P011). Nobody else
# may be played: not another roster's people, not even one that reuses these codes.
DEMO_ROSTER_CODES = {"member": "P012", "leader": "P011"}
ROLES = {"member": Role.MEMBER, "leader": Role.LEADER}


@cache
def demo_names() -> dict[str, str]:
    """The demo roster's names of its people, by roster code."""
    return {person.code: person.name for person in read_roster_file(DEMO_ROSTER).people}


async def demo_person(uow: SqlAlchemyUnitOfWork, persona: str) -> Person | None:
    """The demo roster person a persona plays, or None if the demo roster is not loaded."""
    code = DEMO_ROSTER_CODES[persona]
    person = await uow.web.person_by_roster_key(code)
    if person is None or person.role != ROLES[persona] or person.name != demo_names().get(code):
        return None
    return person


async def link_demo_identity(uow: SqlAlchemyUnitOfWork, actor: str, persona: str) -> Person | None:
    """Link the web identity ``actor`` to the demo roster's person for ``persona``."""
    async with uow:
        person = await demo_person(uow, persona)
        if person is None:
            return None
        await uow.persons.link_identity("web", actor, actor, person.id)
        await uow.commit()
    logger.info("web demo: a session plays the %s persona", persona)
    return person


async def switch_persona(request: web.Request) -> web.Response:
    """``POST {"persona": "resident"|"member"|"leader"}``; 404 unless demo mode is on."""
    state = state_of(request)
    if not state.linli.settings.demo_mode:
        raise refuse(404, "web.error.not_found")
    data = await read_json(request)
    viewer = await guard(request, data.get("locale"), bucket=":persona")
    persona = data.get("persona")
    if persona not in PERSONAS:
        raise refuse(400, "web.error.bad_request", viewer.locale)
    session = Session(viewer.session.uid, persona)
    if (
        persona != "resident"
        and await link_demo_identity(request.app[STATE].linli.uow(), session.actor, persona) is None
    ):
        raise refuse(404, "web.error.not_found", viewer.locale)
    after = await viewer_for(state, session, viewer.locale)
    response = respond(request, after, session_json(state, after))
    set_cookie(response, state.signer, session, request.secure)
    return response

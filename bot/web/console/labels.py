"""The console's own words (every ``console.*`` entry and the names it shows), and which of
its pages a person may open."""

from core.records import Person
from core.vocabulary import Role
from handlers.texts import catalogue

PREFIXES = (
    "console.",
    "status.",
    "role.",
    "level.",
    "unittype.",
    "resourcetype.",
    "web.tone.",
    "web.stats.",
    "web.error.",
    "web.signin.",
    "web.send",
    "web.input.",
)
VIEWS = {
    Role.ADMIN: ["queue", "needs", "units", "grids", "people", "invites", "broadcasts", "chat"],
    Role.LEADER: ["queue", "broadcasts", "chat"],
    Role.UNIT: ["unit", "chat"],
}


def labels_of(locale: str) -> dict[str, str]:
    texts = catalogue(locale)
    return {key: value for key, value in texts.items() if key.startswith(PREFIXES)}


def views_of(person: Person) -> list[str]:
    return VIEWS.get(person.role, []) if person.active else []

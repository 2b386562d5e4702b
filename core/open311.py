"""The community's public requests as Open311 GeoReport v2 reads them (services, requests,
one request), for civic apps, maps and dashboards — read only.

Only the categories a community publishes (``LINLI_OPEN311_CATEGORIES``) are shown, and of a
request only what anyone passing by could see: its category, its building (never a door), the
grid branch that holds it, the dates, the status, and the resident's words with phone numbers,
ID numbers, doors and their own name hidden (`core.redact`, as for a grid's group). No photo,
no resident, no member, no rating.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core.context import Context
from core.ports import UnitOfWork
from core.records import Building, Request
from core.redact import for_group
from core.vocabulary import OPEN_STATUSES, Status

MAX_DAYS = 90  # GeoReport v2: the default range, and the widest a query may ask for
MAX_RESULTS = 1000  # GeoReport v2: the most requests one answer holds
STATUSES = ("open", "closed")


class Open311Error(Exception):
    """A query GeoReport v2 answers with an error: ``status`` (400, 404) and a catalogue key."""

    def __init__(self, status: int, key: str, **params: Any) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class Query:
    """``GET requests.json``'s parameters, as given (text)."""

    service_code: str = ""
    status: str = ""
    start_date: str = ""
    end_date: str = ""


def services(ctx: Context, public: Sequence[str]) -> list[dict[str, Any]]:
    """``GET services.json``: one service per published category."""
    names = dict(ctx.taxonomy.categories())
    return [
        {
            "service_code": code,
            "service_name": names[code],
            "description": names[code],
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": "",
        }
        for code in public
        if code in names
    ]


async def requests(
    uow: UnitOfWork, ctx: Context, public: Sequence[str], query: Query, timezone: str
) -> list[dict[str, Any]]:
    """``GET requests.json``: the published requests filed in the range (by default the last
    90 days), newest first, at most MAX_RESULTS."""
    codes = _codes(query.service_code, public)
    if query.status and query.status not in STATUSES:
        raise Open311Error(400, "open311.bad_status", value=query.status)
    zone = ZoneInfo(timezone)
    end = _moment(query.end_date, zone) if query.end_date else ctx.now
    start = _moment(query.start_date, zone) if query.start_date else end - timedelta(MAX_DAYS)
    if start >= end or end - start > timedelta(MAX_DAYS):
        raise Open311Error(400, "open311.bad_range", days=MAX_DAYS)
    statuses = [s for s in Status if not query.status or _status(s) == query.status]
    async with uow:
        found = await uow.requests.filed_between(start, end, codes, statuses, MAX_RESULTS)
        return await _public(uow, ctx, found)


async def one(uow: UnitOfWork, ctx: Context, public: Sequence[str], number: str) -> dict[str, Any]:
    """``GET requests/{service_request_id}.json`` (GeoReport answers with a list of one)."""
    async with uow:
        request = await uow.requests.by_number(number)
        if request is None or request.category not in public:
            raise Open311Error(404, "open311.not_found", number=number)
        (shown,) = await _public(uow, ctx, [request])
        return shown


def _codes(given: str, public: Sequence[str]) -> list[str]:
    codes = [c.strip() for c in given.split(",") if c.strip()] or list(public)
    unknown = [c for c in codes if c not in public]
    if unknown:
        raise Open311Error(400, "open311.bad_service", value=", ".join(unknown))
    return codes


def _moment(text: str, zone: ZoneInfo) -> datetime:
    """A W3C date-time (2026-12-01T08:00:00+08:00, …Z); without an offset, the community's
    own time."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Open311Error(400, "open311.bad_date", value=text) from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)


def _status(status: Status) -> str:
    return "open" if status in OPEN_STATUSES else "closed"


async def _public(uow: UnitOfWork, ctx: Context, found: Sequence[Request]) -> list[dict[str, Any]]:
    buildings: dict[int, Building] = {b.id: b for b in await uow.places.buildings()}
    grids = {g.id: g.name for g in await uow.places.grids()}
    names = await uow.persons.names({request.resident_id for request in found})
    shown = []
    for request in found:
        building = buildings.get(request.building_id or 0)
        changed = max(filter(None, (request.created_at, request.resolved_at, request.closed_at)))
        shown.append(
            {
                "service_request_id": request.number,
                "status": _status(request.status),
                "status_notes": None,
                "service_name": ctx.taxonomy.category_name(request.category),
                "service_code": request.category,
                "description": for_group(request.text, names.get(request.resident_id, "")),
                "agency_responsible": grids.get(request.grid_id or 0),
                "service_notice": None,
                "requested_datetime": _w3c(request.created_at),
                "updated_datetime": _w3c(changed),
                "expected_datetime": _w3c(request.resolve_by) if request.resolve_by else None,
                "address": building.name if building else None,
                "address_id": None,
                "zipcode": None,
                "lat": building.lat if building else None,
                "long": building.lon if building else None,
                "media_url": None,
            }
        )
    return shown


def _w3c(moment: datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat(timespec="seconds")

"""Reading roster rows: which column, kind and role a file's words mean, and cell values cleaned.

Pure. The file readers in ``bot/roster_files.py`` hand in rows of raw cell values keyed by
column; :func:`parse_records` turns them into a Roster, noting each bad value as a problem. The
Chinese words here are what admins may write in a file, not text shown to anyone.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

from core.roster import (
    COLUMNS,
    GRID_ROLES,
    KINDS,
    ROSTER_ROLES,
    BuildingEntry,
    CommunityEntry,
    GridEntry,
    PersonEntry,
    ResourceEntry,
    Roster,
    RosterProblem,
    ServiceEntry,
    UnitEntry,
    column_label,
    problem,
)
from core.unit_records import RESOURCE_TYPES, UNIT_TYPES
from core.vocabulary import MEMBER_POSTS, Role

_HEADERS = (
    "类型", "编码", "名称", "社区", "网格", "别名", "纬度", "经度", "角色", "电话", "岗位", "技能",
    "单位", "种类", "党组织", "服务类别", "关键词", "数量", "服务能力",
)  # fmt: skip
_COLUMN_WORDS = {**{c: c for c in COLUMNS}, **dict(zip(_HEADERS, COLUMNS, strict=True))}
_KIND_WORDS = {
    **{kind: kind for kind in KINDS},
    **dict(zip(("社区", "网格", "楼栋", "人员"), KINDS[:4], strict=True)),
    **{"communities": "community", "grids": "grid", "buildings": "building", "people": "person"},
    **{"楼宇": "building", "成员": "person", "名单": "person"},
    **{"units": "unit", "resources": "resource", "services": "service"},
    **{"单位": "unit", "共建单位": "unit", "驻区单位": "unit", "资源": "resource"},
    **{"资源清单": "resource", "服务": "service", "服务清单": "service"},
}
_UNIT_TYPE_WORDS = {
    **{code: code for code in UNIT_TYPES},
    "学校": "school", "医院": "hospital", "医疗卫生": "hospital", "卫生": "hospital",
    "国企": "enterprise", "国有企业": "enterprise", "企业": "enterprise",
    "机关": "government", "机关单位": "government", "事业单位": "government",
    "社会组织": "organisation", "其他": "other",
}  # fmt: skip
_RESOURCE_TYPE_WORDS = {
    **{code: code for code in RESOURCE_TYPES},
    "场地": "venue", "车辆": "vehicle", "设备": "equipment", "资金": "funds", "技能": "skill",
    "其他": "other",
}  # fmt: skip
_ROLE_WORDS = {
    **{role.value: role for role in ROSTER_ROLES},
    "党员": Role.MEMBER, "网格员": Role.MEMBER, "志愿者": Role.MEMBER, "网格长": Role.LEADER,
    "管理员": Role.ADMIN, "社区管理员": Role.ADMIN, "驻区单位": Role.UNIT, "共建单位": Role.UNIT,
}  # fmt: skip
_SPLIT = re.compile(r"[、|,;]")
_PHONE = re.compile(r"1[3-9]\d{9}")
_PHONE_NOISE = re.compile(r"[\s\-()]")


@dataclass(frozen=True, slots=True)
class RosterRecord:
    """One row as read from a file: column name → raw value, and where it was."""

    row: int
    values: Mapping[str, Any]
    sheet: str = ""
    kind: str = ""  # set when the file says the kind by sheet or section, not by column


def column_of(header: Any) -> str | None:
    """``电话`` or ``Phone`` → ``phone``; None for a header the roster does not know."""
    return _COLUMN_WORDS.get(text_of(header).lower())


def kind_of(word: Any) -> str | None:
    return _KIND_WORDS.get(text_of(word).lower())


def role_of(word: Any) -> Role | None:
    return _ROLE_WORDS.get(text_of(word).lower())


def text_of(value: Any) -> str:
    """A cell as clean text: 13800000001.0 (a spreadsheet number) → ``13800000001``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def normalise_phone(value: Any) -> str | None:
    """``+86 138-0000-0001`` → ``13800000001``; None when it is no mainland mobile number."""
    digits = _PHONE_NOISE.sub("", text_of(value))
    for prefix in ("+86", "0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
            digits = digits[len(prefix) :]
    return digits if _PHONE.fullmatch(digits) else None


def words_of(value: Any) -> tuple[str, ...]:
    """A list cell: ``5号楼、五号楼|5栋`` or a YAML list → distinct words in order."""
    items = value if isinstance(value, list | tuple) else _SPLIT.split(text_of(value))
    return tuple(dict.fromkeys(word for word in map(text_of, items) if word))


class _Where(TypedDict):
    row: int
    sheet: str


class _Fields:
    """One record's values, read column by column; each bad value is noted as a problem."""

    def __init__(self, record: RosterRecord, problems: list[RosterProblem]) -> None:
        self.record = record
        self.problems = problems
        self.where = _Where(row=record.row, sheet=record.sheet)

    def fail(self, column: str, key: str, **params: Any) -> None:
        self.problems.append(problem(self.record.row, column, key, self.record.sheet, **params))

    def raw(self, column: str) -> Any:
        return self.record.values.get(column)

    def text(self, column: str, required: bool = False) -> str:
        value = text_of(self.raw(column))
        if required and not value:
            self.fail(column, "roster.problem.required", label=column_label(column))
        return value

    def code(self, column: str, required: bool = False) -> str:
        return self.text(column, required).upper()

    def number(self, column: str, limit: float) -> float | None:
        value = self.text(column)
        try:
            number = float(value) if value else None
        except ValueError:
            self.fail(column, "roster.problem.number", label=column_label(column), value=value)
            return None
        if number is not None and not -limit <= number <= limit:
            self.fail(column, "roster.problem.range", label=column_label(column), value=value)
            return None
        return number


def _community(f: _Fields) -> CommunityEntry:
    return CommunityEntry(code=f.code("code", True), name=f.text("name", True), **f.where)


def _grid(f: _Fields) -> GridEntry:
    code, name, community = f.code("code", True), f.text("name", True), f.code("community", True)
    return GridEntry(code=code, name=name, community=community, **f.where)


def _building(f: _Fields) -> BuildingEntry:
    name, grid, aliases = f.text("name", True), f.code("grid", True), words_of(f.raw("aliases"))
    lat, lon = f.number("lat", 90), f.number("lon", 180)
    if bool(f.text("lat")) != bool(f.text("lon")):
        f.fail("lat" if f.text("lon") else "lon", "roster.problem.pair")
    if lat is None or lon is None:
        lat = lon = None
    return BuildingEntry(name=name, grid=grid, aliases=aliases, lat=lat, lon=lon, **f.where)


def _person(f: _Fields) -> PersonEntry:
    code, name, role = f.code("code", True), f.text("name", True), role_of(f.raw("role"))
    if role is None and f.text("role"):
        f.fail("role", "roster.problem.role", value=f.text("role"))
    elif role is None:
        f.fail("role", "roster.problem.required", label=column_label("role"))
    grid = f.code("grid", role in GRID_ROLES)
    community = f.code("community", role is not None and role not in GRID_ROLES)
    phone = normalise_phone(f.raw("phone")) if f.text("phone") else ""
    if phone is None:
        f.fail("phone", "roster.problem.phone", value=f.text("phone"))
    posts = words_of(f.raw("posts"))
    for post in posts:
        if post not in MEMBER_POSTS:
            f.fail("posts", "roster.problem.post", value=post, posts="、".join(MEMBER_POSTS))
    return PersonEntry(
        code=code, name=name, role=role or Role.MEMBER, grid=grid, community=community,
        phone=phone or "", posts=posts, skills=words_of(f.raw("skills")), unit=f.code("unit"),
        **f.where,
    )  # fmt: skip


def _typed(f: _Fields, words: dict[str, str]) -> str:
    """The ``type`` column through ``words`` (学校 → school); empty is ``other``."""
    written = f.text("type")
    if not written:
        return "other"
    found = words.get(written.lower())
    if found is None:
        f.fail("type", "roster.problem.type", value=written, known="、".join(words))
    return found or "other"


def _unit(f: _Fields) -> UnitEntry:
    code, name, community = f.code("code", True), f.text("name", True), f.code("community", True)
    org, kind = f.text("org"), _typed(f, _UNIT_TYPE_WORDS)
    return UnitEntry(code=code, name=name, community=community, type=kind, org=org, **f.where)


def _resource(f: _Fields) -> ResourceEntry:
    unit, name, kind = f.code("unit", True), f.text("name", True), _typed(f, _RESOURCE_TYPE_WORDS)
    return ResourceEntry(unit=unit, name=name, type=kind, amount=f.text("amount"), **f.where)


def _service(f: _Fields) -> ServiceEntry:
    unit, name = f.code("unit", True), f.text("name", True)
    capacity = f.number("capacity", 1000)
    if capacity is not None and not capacity.is_integer():
        f.fail("capacity", "roster.problem.number", label=column_label("capacity"),
               value=f.text("capacity"))  # fmt: skip
    return ServiceEntry(
        unit=unit, name=name, categories=words_of(f.raw("categories")),
        keywords=words_of(f.raw("keywords")),
        capacity=1 if capacity is None else max(0, int(capacity)), **f.where,
    )  # fmt: skip


_PARSERS: dict[str, Callable[[_Fields], Any]] = {
    "community": _community, "grid": _grid, "building": _building, "person": _person,
    "unit": _unit, "resource": _resource, "service": _service,
}  # fmt: skip


def parse_records(
    records: Iterable[RosterRecord], problems: Iterable[RosterProblem] = ()
) -> Roster:
    """Records → a Roster; rows with bad values still become entries, their problems are kept."""
    found = list(problems)
    entries: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    for record in records:
        word = text_of(record.values.get("kind") or record.kind)
        kind = kind_of(word)
        if kind is None:
            found.append(
                problem(record.row, "kind", "roster.problem.kind", record.sheet, value=word)
                if word else
                problem(record.row, "kind", "roster.problem.required", record.sheet,
                        label=column_label("kind"))
            )  # fmt: skip
            continue
        entries[kind].append(_PARSERS[kind](_Fields(record, found)))
    communities, grids, buildings, people, units, resources, services = (
        tuple(entries[kind]) for kind in KINDS
    )
    return Roster(communities, grids, buildings, people, units, resources, services, tuple(found))

"""The roster as data: communities, grids, buildings and people a community admin keeps in a file.

Pure. The file readers hand in rows of raw cell values keyed by column name; this module turns
them into entries, checks them and words every problem for the admin. ``db/roster.py`` writes them.
"""

import re
import unicodedata
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from core.vocabulary import MEMBER_POSTS, Role

COLUMNS = (
    "kind", "code", "name", "community", "grid", "aliases",
    "lat", "lon", "role", "phone", "posts", "skills",
)  # fmt: skip
KINDS = ("community", "grid", "building", "person")
ROSTER_ROLES = (Role.MEMBER, Role.LEADER, Role.ADMIN, Role.UNIT)
GRID_ROLES = frozenset({Role.MEMBER, Role.LEADER})

_CHINESE = (
    "类型", "编码", "名称", "社区", "网格", "别名", "纬度", "经度", "角色", "电话", "岗位", "技能",
)  # fmt: skip
LABELS = dict(zip(COLUMNS, _CHINESE, strict=True))
KIND_LABELS = dict(zip(KINDS, ("社区", "网格", "楼栋", "人员"), strict=True))
_KIND_WORDS = {
    **{kind: kind for kind in KINDS},
    **{label: kind for kind, label in KIND_LABELS.items()},
    **{"communities": "community", "grids": "grid", "buildings": "building", "people": "person"},
    **{"楼宇": "building", "成员": "person", "名单": "person"},
}
_ROLE_WORDS = {
    **{role.value: role for role in ROSTER_ROLES},
    "党员": Role.MEMBER, "网格员": Role.MEMBER, "志愿者": Role.MEMBER, "网格长": Role.LEADER,
    "管理员": Role.ADMIN, "社区管理员": Role.ADMIN, "驻区单位": Role.UNIT, "共建单位": Role.UNIT,
}  # fmt: skip
_COLUMN_WORDS = {**{c: c for c in COLUMNS}, **{label: c for c, label in LABELS.items()}}
_SPLIT = re.compile(r"[、|,;]")
_PHONE = re.compile(r"1[3-9]\d{9}")
_PHONE_NOISE = re.compile(r"[\s\-()]")

TEXTS = {
    "required": "缺少{label}",
    "kind": "类型“{value}”无法识别，应为 community、grid、building、person 之一",
    "role": "角色“{value}”无法识别，应为 member、leader、admin、unit 之一",
    "post": "岗位“{value}”不在八个岗位之中（{posts}）",
    "phone": "电话“{value}”不是有效的手机号：应为 1 开头的 11 位数字，可带空格、短横线或 +86",
    "number": "{label}“{value}”不是数字",
    "range": "{label} {value} 超出范围（纬度 -90～90，经度 -180～180）",
    "pair": "纬度和经度要么都填，要么都不填",
    "duplicate": "{what}“{value}”重复：第 {first} 行已经有了",
    "community": "找不到编码为“{value}”的社区（名单和数据库里都没有）",
    "grid": "找不到编码为“{value}”的网格（名单和数据库里都没有）",
    "mismatch": "网格 {grid} 属于社区 {actual}，不属于 {value}",
    "column": "无法识别的列名“{value}”",
    "no_kind": "缺少 kind（类型）列；分表填写时，工作表名应为 community、grid、building、person",
    "unreadable": "文件无法读取：{value}",
    "not_list": "“{value}”下面应是一个列表（每项以“- ”开头）",
    "yaml_top": "文件应由 communities、grids、buildings、people 几个列表组成",
    "not_item": "这一项应是“字段: 值”的形式",
    "problem": "第 {row} 行 · 字段 {field}: {message}",
    "problem_file": "{field}: {message}",
    "sheet": "工作表 {sheet} · {text}",
    "summary": "{verb}：{counts}",
    "summary_kind": "{kind} 新增 {created}、更新 {updated}、未变 {unchanged}",
    "imported": "名单已导入",
    "dry_run": "试运行（未写入）",
    "count": "{kind} {count}",
}


@dataclass(frozen=True, slots=True)
class RosterProblem:
    """One bad row: its number in the file (header = row 1; 0 for the file as a whole)."""

    row: int
    field: str
    message: str
    sheet: str = ""

    def __str__(self) -> str:
        key = "problem" if self.row else "problem_file"
        text = TEXTS[key].format(row=self.row, field=self.field or "-", message=self.message)
        return TEXTS["sheet"].format(sheet=self.sheet, text=text) if self.sheet else text


def problem(row: int, field: str, key: str, sheet: str = "", **params: Any) -> RosterProblem:
    return RosterProblem(row, field, TEXTS[key].format(**params), sheet)


class RosterError(Exception):
    """The roster was not applied; ``problems`` says which rows are wrong and why."""

    def __init__(self, problems: Sequence[RosterProblem]) -> None:
        super().__init__(f"{len(problems)} roster problem(s)")
        self.problems = list(problems)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Located:
    row: int = field(default=0, compare=False)
    sheet: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True)
class CommunityEntry(_Located):
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class GridEntry(_Located):
    code: str
    name: str
    community: str


@dataclass(frozen=True, slots=True)
class BuildingEntry(_Located):
    name: str
    grid: str
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class PersonEntry(_Located):
    code: str
    name: str
    role: Role
    grid: str = ""
    community: str = ""
    phone: str = ""
    posts: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Roster:
    communities: tuple[CommunityEntry, ...] = ()
    grids: tuple[GridEntry, ...] = ()
    buildings: tuple[BuildingEntry, ...] = ()
    people: tuple[PersonEntry, ...] = ()
    problems: tuple[RosterProblem, ...] = field(default=(), compare=False)

    def describe(self) -> str:
        counts = (self.communities, self.grids, self.buildings, self.people)
        return " · ".join(
            TEXTS["count"].format(kind=KIND_LABELS[kind], count=len(entries))
            for kind, entries in zip(KINDS, counts, strict=True)
        )


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


def role_of(word: Any) -> Role | None:
    return _ROLE_WORDS.get(text_of(word).lower())


def _duplicates(
    entries: Iterable[Any], key: Callable[[Any], Hashable], field: str, what: str, shown: str
) -> list[RosterProblem]:
    """Every entry whose ``key`` an earlier entry already had; ``shown`` names the value."""
    first: dict[Hashable, Any] = {}
    found = []
    for entry in entries:
        value = key(entry)
        if value in first:
            found.append(
                problem(entry.row, field, "duplicate", entry.sheet, what=what,
                        value=getattr(entry, shown), first=first[value].row)
            )  # fmt: skip
        elif all(value if isinstance(value, tuple) else (value,)):
            first[value] = entry
    return found


class _Fields:
    """One record's values, read column by column; each bad value is noted as a problem."""

    def __init__(self, record: RosterRecord, problems: list[RosterProblem]) -> None:
        self.record = record
        self.problems = problems
        self.where = {"row": record.row, "sheet": record.sheet}

    def fail(self, column: str, key: str, **params: Any) -> None:
        self.problems.append(problem(self.record.row, column, key, self.record.sheet, **params))

    def raw(self, column: str) -> Any:
        return self.record.values.get(column)

    def text(self, column: str, required: bool = False) -> str:
        value = text_of(self.raw(column))
        if required and not value:
            self.fail(column, "required", label=LABELS[column])
        return value

    def code(self, column: str, required: bool = False) -> str:
        return self.text(column, required).upper()

    def number(self, column: str, limit: float) -> float | None:
        value = self.text(column)
        try:
            number = float(value) if value else None
        except ValueError:
            self.fail(column, "number", label=LABELS[column], value=value)
            return None
        if number is not None and not -limit <= number <= limit:
            self.fail(column, "range", label=LABELS[column], value=value)
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
        f.fail("lat" if f.text("lon") else "lon", "pair")
    if lat is None or lon is None:
        lat = lon = None
    return BuildingEntry(name=name, grid=grid, aliases=aliases, lat=lat, lon=lon, **f.where)


def _person(f: _Fields) -> PersonEntry:
    code, name, role = f.code("code", True), f.text("name", True), role_of(f.raw("role"))
    if role is None:
        f.fail("role", "role" if f.text("role") else "required", label=LABELS["role"],
               value=f.text("role"))  # fmt: skip
    grid = f.code("grid", role in GRID_ROLES)
    community = f.code("community", role is not None and role not in GRID_ROLES)
    phone = normalise_phone(f.raw("phone")) if f.text("phone") else ""
    if phone is None:
        f.fail("phone", "phone", value=f.text("phone"))
    posts = words_of(f.raw("posts"))
    for post in posts:
        if post not in MEMBER_POSTS:
            f.fail("posts", "post", value=post, posts="、".join(MEMBER_POSTS))
    return PersonEntry(
        code=code, name=name, role=role or Role.MEMBER, grid=grid, community=community,
        phone=phone or "", posts=posts, skills=words_of(f.raw("skills")), **f.where,
    )  # fmt: skip


_PARSERS: dict[str, Callable[[_Fields], Any]] = {
    "community": _community, "grid": _grid, "building": _building, "person": _person,
}  # fmt: skip


def parse_records(
    records: Iterable[RosterRecord], problems: Iterable[RosterProblem] = ()
) -> Roster:
    """Records → a Roster; rows with bad values still become entries, their problems are kept."""
    found = list(problems)
    entries: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    for record in records:
        word = record.values.get("kind") or record.kind
        kind = kind_of(word)
        if kind is None:
            found.append(
                problem(record.row, "kind", "kind", record.sheet, value=text_of(word))
                if text_of(word) else
                problem(record.row, "kind", "required", record.sheet, label=LABELS["kind"])
            )  # fmt: skip
            continue
        entries[kind].append(_PARSERS[kind](_Fields(record, found)))
    return Roster(*(tuple(entries[kind]) for kind in KINDS), problems=tuple(found))


@dataclass(frozen=True, slots=True)
class KnownCodes:
    """What the database already holds: community codes, and each grid's community."""

    communities: frozenset[str] = frozenset()
    grids: Mapping[str, str] = field(default_factory=dict)


def check_roster(roster: Roster, known: KnownCodes = KnownCodes()) -> list[RosterProblem]:
    """Every problem of the roster, in file order: its bad values, duplicates, unknown codes."""
    found = list(roster.problems)
    found += _duplicates(roster.communities, lambda c: c.code, "code", "社区编码", "code")
    found += _duplicates(roster.grids, lambda g: g.code, "code", "网格编码", "code")
    found += _duplicates(roster.buildings, lambda b: (b.grid, b.name), "name", "楼栋名称", "name")
    found += _duplicates(roster.people, lambda p: p.code, "code", "人员编码", "code")
    communities = known.communities | {c.code for c in roster.communities}
    grids = {**known.grids, **{g.code: g.community for g in roster.grids}}

    def refer(entry: Any, column: str, value: str, codes: Collection[str]) -> None:
        if value and value not in codes:
            found.append(problem(entry.row, column, column, entry.sheet, value=value))

    for grid in roster.grids:
        refer(grid, "community", grid.community, communities)
    for building in roster.buildings:
        refer(building, "grid", building.grid, grids)
    for person in roster.people:
        refer(person, "grid", person.grid, grids)
        refer(person, "community", person.community, communities)
        actual = grids.get(person.grid)
        if person.community in communities and actual not in (None, person.community):
            found.append(
                problem(person.row, "community", "mismatch", person.sheet,
                        grid=person.grid, actual=actual, value=person.community)
            )  # fmt: skip
    return sorted(found, key=lambda p: (p.sheet, p.row))

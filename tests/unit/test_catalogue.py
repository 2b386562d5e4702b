"""Every key the code uses is in both catalogues, with the same placeholders."""

import re
import string
from pathlib import Path

import pytest

from core.broadcasting import SCOPES
from core.lifecycle import RULES
from core.roster import COLUMNS, KINDS
from core.vocabulary import Action, Level, Role, Status
from handlers.texts import en, render, zh_cn

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"""["']((?:[a-z_]+\.)+[a-z_0-9]+)["']""")
PREFIXES = (
    "refused",
    "status",
    "type",
    "level",
    "role",
    "button",
    "card",
    "resident",
    "member",
    "leader",
    "task",
    "group",
    "admin",
    "address",
    "draft",
    "my",
    "forget",
    "note",
    "claim",
    "tasks",
    "help",
    "start",
    "dialog",
    "error",
    "action",
    "roster",
    "cli",
    "points",
    "stars",
    "wish",
    "promise",
    "report",
    "chart",
    "period",
    "wall",
    "broadcast",
)
TYPES = ("wish", "complaint", "help", "consult", "suggestion")


def literal_keys() -> set[str]:
    keys: set[str] = set()
    for folder in ("core", "handlers", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            if "texts" in path.parts:
                continue
            for key in KEY.findall(path.read_text(encoding="utf-8")):
                if key.split(".")[0] in PREFIXES and not key.endswith((".py", ".yaml", ".png")):
                    keys.add(key)
    return keys


def composed_keys() -> set[str]:
    keys = {f"refused.who.{action}" for action in RULES}
    keys |= {f"status.{s}" for s in Status} | {f"action.{a}" for a in Action}
    keys |= {f"level.{lv}" for lv in Level} | {f"role.{r}" for r in Role}
    keys |= {f"type.{t}" for t in TYPES} | {f"button.stars.{n}" for n in range(1, 6)}
    keys |= {
        f"button.{verb}" for verb in ("assign", "escalate", "reject", "merge", "recat", "close")
    }
    keys |= {f"button.broadcast_{scope}" for scope in SCOPES}
    keys |= {f"roster.column.{c}" for c in COLUMNS} | {f"roster.kind.{k}" for k in KINDS}
    return keys


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_used_key_is_in_the_catalogue() -> None:
    missing = sorted((literal_keys() | composed_keys()) - set(zh_cn.TEXTS))
    assert missing == []


def test_english_has_the_same_keys_and_placeholders() -> None:
    assert set(en.TEXTS) == set(zh_cn.TEXTS)
    differing = [
        k for k in zh_cn.TEXTS if placeholders(zh_cn.TEXTS[k]) != placeholders(en.TEXTS[k])
    ]
    assert differing == []


@pytest.mark.parametrize("key", sorted(zh_cn.TEXTS))
def test_chinese_uses_full_width_punctuation(key: str) -> None:
    text = zh_cn.TEXTS[key]
    assert not re.search(r"[\u4e00-\u9fff][,;:?!]", text), text


def test_nested_parameters_render_in_the_readers_language() -> None:
    params = {"number": "20261123-0001", "status": {"$t": "status.claimed"}, "note": ""}
    assert render("resident.status", params) == "您的诉求 20261123-0001 现在是：办理中。"
    assert render("resident.status", params, "en").endswith("is now: in progress.")


def test_state_refusal_reads_as_words_not_keys() -> None:
    from core.errors import Refused
    from core.lifecycle import authorize
    from tests.unit.test_state_machine_table import PEOPLE, REQUEST, Party

    with pytest.raises(Refused) as refusal:
        authorize(Action.CONFIRM, REQUEST, PEOPLE[Party.FILER], 1)
    text = render(refusal.value.key, refusal.value.params)
    assert text == "20261123-0001 现在是“待认领”，不能确认解决。"

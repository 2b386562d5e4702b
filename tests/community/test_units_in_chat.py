"""The community level on everyone's phone, through the real dispatcher: an admin's /needs,
the units proposed for a need and a one-tap dispatch; a representative's /unit; a
deactivated member refused; invites with a unit from the command line."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.app import app
from core import staff, triage, units
from core.matching import propose
from core.records import Request
from core.unit_records import Unit, UnitLists, UnitResource, UnitService
from tests.chat import Chat
from tests.sla.support import submit

runner = CliRunner()


async def escalated_need(chat: Chat, text: str) -> Request:
    s, env = chat.seeded, chat.env
    request = await submit(env, s, text=text)
    return await triage.escalate_request(env.uow(), env.ctx, request.id, s.leader_a)


async def test_an_admin_dispatches_from_chat_and_the_unit_reports(chat: Chat) -> None:
    s, env = chat.seeded, chat.env
    await units.put_service(
        env.uow(), env.ctx, s.admin, s.unit_org, "线路检修", ["repair"], ["跳闸", "电线"], 2
    )
    need = await escalated_need(chat, "楼里的电线老化，配电箱天天跳闸")
    await chat.new()
    await chat.send(s.admin, "/needs")
    (listed,) = await chat.to(s.admin)
    assert listed.key == "admin.need" and need.number in listed.text
    await chat.press(s.admin, listed.options["推荐单位"])
    (proposals,) = await chat.to(s.admin)
    assert "1. 区供电所" in proposals.text and "关键词：电线、跳闸" in proposals.text
    await chat.press(s.admin, proposals.options["派给区供电所"])
    rep_card = [m for m in await chat.to(s.unit) if m.key == "unit.need"]
    assert rep_card and rep_card[0].options == {"认领": f"claim:{need.id}"}
    await chat.press(s.unit, f"claim:{need.id}")
    await chat.new()
    await chat.send(s.unit, "/unit")
    (report,) = await chat.to(s.unit)
    assert report.key == "unit.report" and need.number in report.text
    await chat.send(s.members_a[0], "/needs")
    assert [m.key for m in await chat.to(s.members_a[0])] == ["refused.console.not_admin"]


async def test_a_deactivated_member_is_refused_in_chat(chat: Chat) -> None:
    s, env = chat.seeded, chat.env
    async with env.uow() as uow:
        await staff.set_active(uow, env.ctx, s.admin, s.members_a[1], False)
    await chat.new()
    await chat.send(s.members_a[1], "/tasks")
    assert [m.key for m in await chat.to(s.members_a[1])] == ["refused.inactive"]


def test_units_are_ranked_by_fit_with_reasons() -> None:
    need = Request(
        1, "20261123-0001", "孩子暑假没人管，想找个托管班辅导作业", 1, "escalated",  # type: ignore[arg-type]
        "care", "care.children", "help", False, 1, None, "", "community",  # type: ignore[arg-type]
        None, None, None, None, (), (), 0.9, 0, None, None, None, None, None,  # type: ignore[arg-type]
    )  # fmt: skip

    def lists(code: str, services: tuple[UnitService, ...], open_needs: int = 0, **kw: object):
        unit = Unit(hash(code) % 1000, 1, code, code, **kw)  # type: ignore[arg-type]
        resources = (UnitResource(1, unit.id, "多功能教室"),) if code == "SCHOOL" else ()
        return UnitLists(unit, resources, services, open_needs)

    school = lists("SCHOOL", (UnitService(1, 0, "暑期托管", ("care",), ("托管", "作业"), 2),))
    full = lists("FULL", (UnitService(2, 0, "课后托管", ("care",), ("托管",), 1),), open_needs=1)
    clinic = lists("CLINIC", (UnitService(3, 0, "上门义诊", ("care",), ("义诊",), 3),))
    power = lists("POWER", (UnitService(4, 0, "线路检修", ("repair",), ("停电",), 3),))
    closed = lists("CLOSED", school.services, active=False)

    def words(text: str) -> list[str]:
        return [w for w in ("孩子", "暑假", "托管", "辅导", "作业", "教室", "托管班") if w in text]

    found = propose(need, words(need.text), [power, clinic, full, closed, school], words)
    assert [p.lists.unit.code for p in found] == ["SCHOOL", "CLINIC", "FULL"]
    assert [r.key for r in found[0].reasons] == [
        "match.service", "match.category", "match.keywords", "match.capacity",
    ]  # fmt: skip
    assert found[0].reasons[2].params == {"words": "作业、托管"}
    assert found[-1].reasons[-1].key == "match.full" and found[-1].capacity_left == 0


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)
    return {"LINLI_DATABASE_URL": f"sqlite:///{tmp_path / 'linli.db'}"}


def test_invites_name_a_unit(cli_env: dict[str, str]) -> None:
    rep = runner.invoke(app, ["invite", "--role", "unit", "--unit", "gds"], env=cli_env)
    assert rep.exit_code == 0, rep.output
    member = ["invite", "--role", "member", "--grid", "XF-01", "--unit", "XFXX"]
    assert runner.invoke(app, member, env=cli_env).exit_code == 0
    missing = runner.invoke(app, ["invite", "--role", "unit"], env=cli_env)
    assert missing.exit_code == 2 and missing.stderr == "共建单位代表的邀请码需要指定单位。\n"
    unknown = runner.invoke(app, ["invite", "--role", "unit", "--unit", "NOPE"], env=cli_env)
    assert unknown.exit_code == 2 and unknown.stderr == "找不到这个共建单位。\n"

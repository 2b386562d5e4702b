"""The web chat over HTTP: sessions, privacy, CSRF, uploads, escaping, pace, demo switch."""

import asyncio
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp

from bot.web.leader import tone
from bot.web.session import COOKIE, Session, Signer, load_secret
from core import onboarding
from core.vocabulary import Role, Status
from handlers.texts import en, zh_cn
from tests.adapters.conftest_web import RunningWeb, WebClient, serve_web, tiny_png, web_settings

STATIC = Path(__file__).resolve().parents[2] / "bot" / "web"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200


def cookie_of(client: WebClient) -> str:
    return next(c.value for c in client.http.cookie_jar if c.key == COOKIE)


async def test_session_cookie_is_signed_http_only_and_lax(web_server: RunningWeb) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{web_server.base}/web/api/session") as response,
    ):
        header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header


async def test_a_tampered_cookie_means_a_new_identity(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me:
        await me.say("/help")
        await me.wait_for("help.resident")
        uid, persona, mac = cookie_of(me).split(".")
        forged = f"{uid[:-1]}{'A' if uid[-1] != 'A' else 'B'}.{persona}.{mac}"
        upgraded = f"{uid}.leader.{mac}"
    for value in (forged, upgraded, "garbage"):
        async with WebClient(web_server.base) as other:
            other.http.cookie_jar.update_cookies({COOKIE: value})
            data = await other.session()
            assert cookie_of(other) != value
            assert data["persona"] == "resident" and data["role"] == "resident"
            assert await other.messages() == []


async def test_nobody_reads_my_messages_or_photos(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me, WebClient(web_server.base) as other:
        assert await me.upload(tiny_png(), "x.png", "楼道灯坏了好几天了") == 200
        await me.wait_for("draft.need_address")
        mine = await me.messages()
        photo = next(m["photo"] for m in mine if m["photo"])
        assert re.fullmatch(r"/web/photo/[0-9a-f]{32}\.png", photo)
        async with me.http.get(f"{web_server.base}{photo}") as response:
            assert response.status == 200 and response.content_type == "image/png"
        assert await other.messages() == []
        async with other.http.get(f"{web_server.base}{photo}") as response:
            assert response.status == 404
        async with other.http.get(f"{web_server.base}/web/api/messages?chat=room") as response:
            assert response.status == 403
        for path in ("/web/photo/..%2F..%2Flinli.db", "/web/photo/web_secret"):
            async with other.http.get(f"{web_server.base}{path}") as response:
                assert response.status == 404


async def test_uploads_stay_outside_the_web_root(web_server: RunningWeb) -> None:
    uploads = Path(web_server.linli.settings.data_dir) / "uploads"
    assert not uploads.resolve().is_relative_to((STATIC / "static").resolve())
    async with WebClient(web_server.base) as me:
        assert await me.upload(JPEG, "../../evil.jpg") == 200
    names = [p.name for p in uploads.iterdir()]
    assert names and all(re.fullmatch(r"[0-9a-f]{32}\.(jpg|png|webp)", n) for n in names)


async def test_state_changes_need_the_csrf_token_and_our_origin(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me:
        url = f"{web_server.base}/web/api/send"
        body = {"text": "/help"}
        attempts = [
            {},
            {"X-CSRF-Token": "0" * 32},
            {"X-CSRF-Token": me.csrf, "Origin": "http://evil.example"},
        ]
        for headers in attempts:
            async with me.http.post(url, json=body, headers=headers) as response:
                assert response.status == 403
                assert (await response.json())["error"] == "web.error.csrf"
        async with me.http.post(url, json=body, headers=me.headers()) as response:
            assert response.status == 200
    async with (
        aiohttp.ClientSession() as stranger,  # no session at all
        stranger.post(url, json=body, headers={"X-CSRF-Token": "x"}) as response,
    ):
        assert response.status == 403


async def test_uploads_are_checked_by_type_and_size(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me:
        assert await me.upload(b"GIF89a" + b"\x00" * 100, "cat.jpg") == 400
        assert await me.upload(b"<script>alert(1)</script>", "x.png") == 400
        assert await me.upload(JPEG + b"\x00" * (5 * 1024 * 1024)) == 413
        async with me.http.post(
            f"{web_server.base}/web/api/send",
            data=b'{"text": "' + b"x" * 20000 + b'"}',
            headers=me.headers(**{"Content-Type": "application/json"}),
        ) as response:
            assert response.status == 413
        assert await me.messages() == []


async def test_what_people_type_comes_back_as_text(web_server: RunningWeb) -> None:
    evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    async with WebClient(web_server.base) as me:
        await me.say(evil)
        await me.wait_for("draft.need_address")
        assert any(m["text"] == evil for m in await me.messages())
    script = (STATIC / "static" / "app.js").read_text()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "document.write" not in script


async def test_twenty_messages_a_minute_then_a_refusal(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me:
        statuses = [await me.say("/help") for _ in range(20)]
        assert statuses == [200] * 20
        status, body = await me.post("/web/api/send", {"text": "/help"})
        assert status == 429 and body["message"] == zh_cn.TEXTS["web.error.rate_limited"]


async def test_persona_switch_only_in_demo_mode(
    web_server: RunningWeb, web_server_no_demo: RunningWeb
) -> None:
    async with WebClient(web_server_no_demo.base) as me:
        status, _ = await me.post("/web/api/demo/persona", {"persona": "leader"})
        assert status == 404
        assert (await me.session())["demo"] is False
    async with WebClient(web_server.base) as me:
        status, session = await me.post("/web/api/demo/persona", {"persona": "leader"})
        assert status == 200 and session["role"] == "leader" and "leader" in session["views"]
        status, _ = await me.post("/web/api/demo/persona", {"persona": "admin"})
        assert status == 400


async def test_english_labels_and_messages(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as me:
        async with me.http.get(f"{web_server.base}/web/api/session?locale=en") as response:
            data = await response.json()
        assert data["labels"]["web.send"] == "Send"
        await me.say("/help")
        await me.wait_for("help.resident")
        async with me.http.get(f"{web_server.base}/web/api/messages?locale=en") as response:
            typed, message = (await response.json())["messages"]
        assert typed == {**typed, "kind": "user", "text": "/help"}  # a command shows as sent
        assert message["text"] == en.TEXTS["help.resident"]


def test_page_words_come_from_the_catalogue() -> None:
    used: set[str] = set()
    for path in [*STATIC.rglob("*.py"), *(STATIC / "static").iterdir()]:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""["'](web\.[a-z_.]+[a-z_])["']""", text))
        if path.suffix in (".js", ".html", ".css", ".py"):
            assert not re.search(r"[\u4e00-\u9fff]", text), path
    prefixes = {k for k in used if k.endswith(".")}
    assert used - prefixes <= set(zh_cn.TEXTS)
    for view in ("chat", "room", "leader", "signin"):
        assert f"web.tab.{view}" in zh_cn.TEXTS
    for key in ("green", "amber", "red", "none"):
        assert f"web.tone.{key}" in zh_cn.TEXTS


async def invite(server: RunningWeb, role: Role, grid: str) -> str:
    linli = server.linli
    return server.call(onboarding.create_invite(linli.uow(), linli.context(), role, grid)).code


async def file_request(client: WebClient, photo: bytes | None = None) -> str:
    """A resident of XF-01 files a street-light request; its number."""
    await client.say("/start")
    await client.say("幸福家园5号楼2单元301")
    confirm = await client.wait_for("address.confirm")
    await client.say(payload=confirm["options"][0]["value"])
    await client.wait_for("address.bound_next")
    await client.say("楼道灯坏了一个礼拜了，晚上老人上下楼很危险")
    if photo is not None:
        assert await client.upload(photo, "p.png") == 200
    answered = False
    while True:  # another test may have filed the same already: not the same, go on
        keys = [m.get("key") for m in await client.messages()]
        if "draft.summary" in keys:
            break
        if "draft.duplicate" in keys and not answered:
            answered = await client.say(payload="dup:new") == 200
        await asyncio.sleep(0.1)
    await client.say(payload="draft:submit")
    submitted = await client.wait_for("resident.submitted")
    return re.findall(r"\d{8}-\d{4}", submitted["text"])[0]


async def test_invite_sign_in_gives_the_grid_room_and_its_photos(
    web_server: RunningWeb,
) -> None:
    async with (
        WebClient(web_server.base) as resident,
        WebClient(web_server.base) as member,
        WebClient(web_server.base) as outsider,
    ):
        status, _ = await member.post("/web/api/signin", {"code": "NOPE1234"})
        assert status == 200 and (await member.wait_for("refused.invite.unknown"))
        status, body = await member.post(
            "/web/api/signin", {"code": await invite(web_server, Role.MEMBER, "XF-01")}
        )
        assert status == 200 and body["session"]["role"] == "member"
        assert "room" in body["session"]["views"] and "leader" not in body["session"]["views"]
        status, _ = await outsider.post(
            "/web/api/signin", {"code": await invite(web_server, Role.MEMBER, "XF-02")}
        )
        number = await file_request(resident, tiny_png())
        card = await member.wait_for("card.request", chat="room")
        assert number in card["text"] and card["photo"]
        async with member.http.get(f"{web_server.base}{card['photo']}") as response:
            assert response.status == 200
        async with outsider.http.get(f"{web_server.base}{card['photo']}") as response:
            assert response.status == 404
        assert all(number not in m["text"] for m in await outsider.messages("room"))
        claim = card["options"][0]["value"]
        assert await resident.say(payload=claim, chat="room") == 403
        assert await outsider.say(payload=claim, chat="room") == 200  # the core refuses it
        assert await member.say(payload=claim, chat="room") == 200
        details = await member.wait_for("task.details")
        assert "2单元301" in details["text"]


async def test_leader_page_lists_filters_and_acts(web_server: RunningWeb) -> None:
    async with WebClient(web_server.base) as resident, WebClient(web_server.base) as leader:
        number = await file_request(resident)
        await leader.post(
            "/web/api/signin", {"code": await invite(web_server, Role.LEADER, "XF-01")}
        )
        async with leader.http.get(f"{web_server.base}/web/api/leader") as response:
            page = await response.json()
        item = next(i for i in page["requests"] if i["number"] == number)
        assert item["tone"] == "green" and item["status"] == "routed"
        verbs = {a["payload"].split(":")[0] for a in item["actions"]}
        assert {"assign", "escalate", "reject", "merge", "recat"} <= verbs
        assert set(page["stats"]) >= {"response_rate", "resolution_rate", "satisfaction_rate"}
        for query, present in (
            ("status=claimed", False),
            ("category=repair", True),
            ("category=env", False),
        ):
            async with leader.http.get(f"{web_server.base}/web/api/leader?{query}") as response:
                listed = [i["number"] for i in (await response.json())["requests"]]
            assert (number in listed) is present, query
        escalate = next(a["payload"] for a in item["actions"] if a["payload"].startswith("esc"))
        status, ack = await leader.post("/web/api/send", {"payload": escalate})
        assert status == 200 and number in ack["toast"]
        async with leader.http.get(f"{web_server.base}/web/api/leader") as response:
            item = next(i for i in (await response.json())["requests"] if i["number"] == number)
        assert item["status"] == "escalated"
    async with (
        WebClient(web_server.base) as stranger,
        stranger.http.get(f"{web_server.base}/web/api/leader") as response,
    ):
        assert response.status == 403


def test_deadline_tones() -> None:
    start = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)

    def request(status: Status = Status.CLAIMED, paused: datetime | None = None) -> Any:
        return SimpleNamespace(
            status=status,
            claim_by=start + timedelta(hours=4),
            resolve_by=start + timedelta(hours=100),
            created_at=start,
            paused_at=paused,
        )

    assert tone(request(), start + timedelta(hours=74)) == "green"
    assert tone(request(), start + timedelta(hours=76)) == "amber"
    assert tone(request(), start + timedelta(hours=101)) == "red"
    assert tone(request(Status.ROUTED), start + timedelta(hours=5)) == "red"
    assert tone(request(paused=start + timedelta(hours=10)), start + timedelta(hours=200)) == (
        "green"
    )


def test_the_generated_secret_is_kept_and_private(tmp_path: Path) -> None:
    settings = web_settings(tmp_path)
    first = load_secret(settings)
    secret_file = Path(settings.data_dir) / "web_secret"
    assert secret_file.stat().st_mode & 0o077 == 0
    assert load_secret(settings) == first and len(first) >= 32
    session = Session("A" * 24)
    cookie = Signer(first).dump(session)
    assert Signer(load_secret(settings)).load(cookie) == session
    assert Signer(b"another secret").load(cookie) is None


async def test_forget_erases_the_transcript_and_the_photos(web_server: RunningWeb) -> None:
    uploads = Path(web_server.linli.settings.data_dir) / "uploads"
    async with WebClient(web_server.base) as me:
        assert await me.upload(tiny_png(), "p.png", "我家门口的路灯坏了") == 200
        await me.wait_for("draft.need_address")
        photo = next(m["photo"] for m in await me.messages() if m["photo"])
        name = photo.rsplit("/", 1)[1]
        assert (uploads / name).exists()
        await me.say("/cancel")
        await me.say("/forget")
        confirm = await me.wait_for("forget.confirm")
        await me.say(payload=confirm["options"][0]["value"])
        await me.wait_for("forget.done")
        assert [m.get("key") for m in await me.messages()] == ["forget.done"]
        assert not (uploads / name).exists()
        async with me.http.get(f"{web_server.base}{photo}") as response:
            assert response.status == 404


REAL_ROSTER = """\
communities:
  - {code: RC, name: 真实社区}
grids:
  - {code: RC-01, name: 真实网格, community: RC}
buildings:
  - {name: 真实小区1号楼, grid: RC-01}
people:
  - {code: R011, name: 孙真实, role: leader, grid: RC-01, phone: 139 1111 0011}
  - {code: R012, name: 钱真实, role: member, grid: RC-01, phone: 139 1111 0012}
"""


def test_a_roster_file_turns_demo_mode_off(tmp_path: Path) -> None:
    roster = tmp_path / "roster.yaml"
    roster.write_text(REAL_ROSTER, encoding="utf-8")
    embedded = web_settings(tmp_path).model_copy(update={"demo": None})
    assert embedded.demo_mode is True
    assert embedded.model_copy(update={"roster": roster}).demo_mode is False
    assert embedded.model_copy(update={"roster": roster, "demo": True}).demo_mode is True


async def test_persona_switch_never_plays_a_real_rosters_people(tmp_path: Path) -> None:
    """Demo explicitly on over a real roster: no persona finds the demo people, so 404."""
    roster = tmp_path / "roster.yaml"
    roster.write_text(REAL_ROSTER, encoding="utf-8")
    settings = web_settings(tmp_path).model_copy(update={"roster": roster})
    assert settings.demo_mode is True
    async with serve_web(settings) as (base, _), WebClient(base) as me:
        for persona in ("leader", "member"):
            status, _ = await me.post("/web/api/demo/persona", {"persona": persona})
            assert status == 404
            session = await me.session()
            assert session["persona"] == "resident" and session["role"] == "resident"
            assert "leader" not in session["views"]
        async with me.http.get(f"{base}/web/api/leader") as response:
            assert response.status != 200

"""The button payload codec (core/payloads.py) and every payload class (core/buttons.py):
today's wire format both ways, Telegram's 64 bytes, and forged input refused."""

from dataclasses import FrozenInstanceError, dataclass

import pytest

from core import buttons
from core.buttons import AddressChoice, BroadcastVerb, DraftAction, ForgetAnswer, Other, PhoneChoice
from core.errors import Refused
from core.payloads import KINDS, MAX_ID, Payload, number, parse, prefix_of

# every payload class, as the bot writes it today
WIRE: list[tuple[Payload, str]] = [
    (buttons.Claim(12), "claim:12"),
    (buttons.Release(12), "release:12"),
    (buttons.Progress(12), "progress:12"),
    (buttons.Resolve(12), "resolve:12"),
    (buttons.Ask(12), "ask:12"),
    (buttons.Answer(12), "answer:12"),
    (buttons.Confirm(12), "confirm:12"),
    (buttons.Reopen(12), "reopen:12"),
    (buttons.Cancel(12), "cancel:12"),
    (buttons.Assign(12), "assign:12"),
    (buttons.Escalate(12), "escalate:12"),
    (buttons.Reject(12), "reject:12"),
    (buttons.Close(12), "close:12"),
    (buttons.Merge(12), "merge:12"),
    (buttons.Recategorise(12), "recat:12"),
    (buttons.Units(12), "units:12"),
    (buttons.WishClaim(12), "wishclaim:12"),
    (buttons.WishThanks(12), "wishthanks:12"),
    (buttons.Rate(12, 5), "rate:12:5"),
    (buttons.AssignTo(12, 7), "assignto:12:7"),
    (buttons.MergeTo(12, 9), "mergeto:12:9"),
    (buttons.Dispatch(12, 3), "dispatch:12:3"),
    (buttons.RecategoriseTo(12, "environment"), "recatto:12:environment"),
    (buttons.Route(12, "XF-01"), "route:12:XF-01"),
    (buttons.Hours(12, 1.5), "hours:12:1.5"),
    (buttons.Hours(12, 4.0), "hours:12:4"),
    (buttons.WishShow(12, True), "wishshow:12:1"),
    (buttons.WishShow(12, False), "wishshow:12:0"),
    (buttons.PromiseSpan("month"), "promisespan:month"),
    (buttons.PromiseMark(3, True), "promisemark:3:1"),
    (buttons.PromiseMark(3, False), "promisemark:3:0"),
    (buttons.StarsPublish("2026-11"), "starspub:2026-11"),
    (buttons.Draft(DraftAction.SUBMIT), "draft:submit"),
    (buttons.Draft(DraftAction.CANCEL), "draft:cancel"),
    (buttons.Draft(DraftAction.ADDRESS), "draft:addr"),
    (buttons.Draft(DraftAction.NOWHERE), "draft:nowhere"),
    (buttons.Draft(DraftAction.SAME), "draft:same"),
    (buttons.Draft(DraftAction.NEW), "draft:new"),
    (buttons.Draft(DraftAction.CATEGORIES), "draft:cat"),
    (buttons.Draft(DraftAction.SET, "environment"), "draft:set:environment"),
    (buttons.Duplicate(12), "dup:12"),
    (buttons.Duplicate(Other.NEW), "dup:new"),
    (buttons.Address(12), "addr:12"),
    (buttons.Address(AddressChoice.RETRY), "addr:retry"),
    (buttons.Address(AddressChoice.SKIP), "addr:skip"),
    (buttons.Forget(ForgetAnswer.YES), "forget:yes"),
    (buttons.Forget(ForgetAnswer.NO), "forget:no"),
    (buttons.Phone(PhoneChoice.SHARE), "phone:share"),
    (buttons.Phone(PhoneChoice.KEEP), "phone:keep"),
    (buttons.Broadcast(BroadcastVerb.SCOPE, "grids"), "bcast:scope:grids"),
    (buttons.Broadcast(BroadcastVerb.GRID, "4"), "bcast:grid:4"),
    (buttons.Broadcast(BroadcastVerb.DONE, "0"), "bcast:done:0"),
    (buttons.Broadcast(BroadcastVerb.SEND, "0123456789abcdef"), "bcast:send:0123456789abcdef"),
]


@pytest.mark.parametrize(("payload", "wire"), WIRE, ids=[w for _, w in WIRE])
def test_every_payload_packs_to_todays_wire_and_back(payload: Payload, wire: str) -> None:
    assert payload.pack() == wire
    assert type(payload).unpack(wire) == payload
    assert parse(wire) == payload
    assert prefix_of(wire) == type(payload).prefix


def test_every_registered_class_is_covered() -> None:
    assert set(KINDS) == {type(p).prefix for p, _ in WIRE}


def test_payloads_are_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        buttons.Claim(1).request_id = 2  # type: ignore[misc]


def test_the_largest_id_fits() -> None:
    assert buttons.Rate.unpack(f"rate:{MAX_ID}:5") == buttons.Rate(MAX_ID, 5)
    assert number(str(MAX_ID)) == MAX_ID


def test_pack_refuses_over_64_bytes() -> None:
    long = "类" * 20  # 60 bytes of UTF-8
    assert len(buttons.StarsPublish("x" * 54).pack().encode()) == 63
    with pytest.raises(ValueError, match="64 bytes"):
        buttons.RecategoriseTo(12, long).pack()
    with pytest.raises(ValueError, match="64 bytes"):
        buttons.StarsPublish("x" * 56).pack()


@pytest.mark.parametrize(
    "payload",
    [
        buttons.Claim(0),
        buttons.Claim(MAX_ID + 1),
        buttons.StarsPublish(""),
        buttons.Route(1, "XF:01"),
    ],
)
def test_pack_refuses_what_unpack_would(payload: Payload) -> None:
    with pytest.raises(ValueError):
        payload.pack()


FORGED = [
    "claim:２",  # full-width digit
    "claim:²",  # superscript
    "claim:১",  # Bengali digit
    "claim:١٢",  # Arabic-Indic digits
    f"claim:{2**31}",
    "claim:99999999999999999999",
    "claim:0",
    "claim:012",
    "claim:-1",
    "claim:+1",
    "claim: 1",
    "claim:1.0",
    "claim:abc",
    "claim:",
    "claim",
    "claim:1:2",
    "rate:1:9:9",
    "rate:1",
    "rate::5",
    "rate:1:",
    "assignto:1:x",
    "dup:old",
    "dup:",
    "addr:later",
    "draft:submitted",
    "draft:set:a:b",
    "draft:",
    "forget:maybe",
    "phone:",
    "wishshow:1:2",
    "wishshow:1:yes",
    "promisemark:1:",
    "hours:1:-1",
    "hours:1:nan",
    "hours:1:inf",
    "hours:1:1e3",
    "hours:1:１",
    "bcast:shout:0",
    "bcast:send",
    "nonsense:1",
    "",
    ":",
    ":1",
    "Claim:1",
    "claim:" + "1" * 70,
]


@pytest.mark.parametrize("value", FORGED)
def test_forged_payloads_are_refused_as_stale(value: str) -> None:
    with pytest.raises(Refused) as refused:
        parse(value)
    assert refused.value.key == "refused.stale_button"


def test_unpack_refuses_another_prefix() -> None:
    with pytest.raises(Refused):
        buttons.Claim.unpack("release:12")
    with pytest.raises(Refused):
        buttons.OnRequest.unpack("claim:12")


@pytest.mark.parametrize("value", ["２", "²", "১", "0", "012", str(2**31), "", "1 "])
def test_number_keeps_the_id_rule(value: str) -> None:
    with pytest.raises(Refused):
        number(value)


def test_a_prefix_is_declared_once() -> None:
    with pytest.raises(TypeError):

        @dataclass(frozen=True)
        class Again(Payload, prefix="claim"):
            request_id: int


def test_only_trailing_fields_may_default() -> None:
    @dataclass(frozen=True)
    class Gap(Payload, prefix="test-gap"):
        first: str | None = None
        second: int = 1

    try:
        with pytest.raises(TypeError):
            Gap().pack()
    finally:
        del KINDS["test-gap"]

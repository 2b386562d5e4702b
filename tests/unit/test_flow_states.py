"""handlers/flows.py and handlers/stored_dialogs.py: each flow's state is read from and
written to the JSON the conversation_state row has always held, under the same keys."""

from dataclasses import fields

import pytest

from core.records import DialogState
from handlers.flows import ABSENT, STATES, DraftState, Flow, NoteState, Step
from handlers.stored_dialogs import StaleDialog, record, restore

# the keys each flow's data had before its state was typed (handlers/*.py, turn.data)
LEGACY_KEYS = {
    Flow.ADDRESS: {"detail", "offered"},
    Flow.DRAFT: {
        "text",
        "photos",
        "queued",
        "category",
        "subcategory",
        "type",
        "urgent",
        "confidence",
        "keywords",
        "hotlines",
        "candidates",
        "low",
        "asked",
        "building_id",
        "checked",
        "duplicate",
        "pending",
        "place_text",
        "nowhere",
        "detail",
        "offered",
    },
    Flow.NOTE: {"request_id", "number"},
    Flow.REASON: {"request_id", "number"},
    Flow.ANSWER: {"request_id", "number"},
    Flow.PHONE: {"phone"},
    Flow.FORGET: set(),
    Flow.NAME: set(),
    Flow.THANKS: {"request_id"},
    Flow.PROMISE: {"text"},
    Flow.BROADCAST: {"scope", "grids", "text", "token"},
}

STORED = [
    DialogState("", "", {}),
    DialogState("note", "resolve", {"request_id": 3, "number": "20261201-0003"}),
    DialogState("reason", "merge", {"request_id": 3, "number": "20261201-0003"}),
    DialogState("answer", "text", {"request_id": 3, "number": "20261201-0003"}),
    DialogState("thanks", "text", {"request_id": 3}),
    DialogState("promise", "span", {"text": "每周走访独居老人"}),
    DialogState("phone", "number", {}),
    DialogState("phone", "share", {"phone": "13800138000"}),
    DialogState("forget", "confirm", {}),
    DialogState("name", "ask", {}),
    DialogState("address", "confirm", {"detail": "3单元", "offered": [4, 5]}),
    DialogState(
        "broadcast",
        "preview",
        {"scope": "grids", "grids": [1, 2], "text": "停水通知", "token": "0123456789abcdef"},
    ),
]


def test_every_flow_has_a_state_with_only_its_legacy_keys() -> None:
    assert set(STATES) == set(Flow) - {Flow.IDLE}
    for flow, kind in STATES.items():
        assert {f.name for f in fields(kind)} == LEGACY_KEYS[flow], flow


@pytest.mark.parametrize("state", STORED, ids=lambda s: f"{s.flow}-{s.step}")
def test_a_stored_dialog_is_written_back_as_it_was(state: DialogState) -> None:
    dialog, step = restore(state)
    again = record(dialog, step)
    assert (again.flow, again.step) == (state.flow, state.step)
    assert {k: v for k, v in again.data.items() if k in state.data} == state.data


def test_a_legacy_draft_reads_with_defaults_and_keeps_absent_keys_absent() -> None:
    legacy = {"text": "门口垃圾", "photos": ["p1"], "category": "environment", "type": "complaint"}
    dialog, step = restore(DialogState("draft", "confirm", legacy))
    assert isinstance(dialog, DraftState) and step == Step.CONFIRM
    assert dialog.building_id is ABSENT and dialog.place is None
    assert dialog.subcategory is None and dialog.keywords == [] and not dialog.checked
    data = record(dialog, step).data
    assert "building_id" not in data
    assert {k: data[k] for k in legacy} == legacy
    dialog.building_id = None  # looked for, none found: kept as null
    assert record(dialog, step).data["building_id"] is None


def test_a_whole_number_confidence_reads_as_a_float() -> None:
    dialog, _ = restore(DialogState("draft", "confirm", {"text": "x", "confidence": 1}))
    assert isinstance(dialog, DraftState) and dialog.confidence == 1.0


def test_the_record_is_a_copy() -> None:
    dialog = NoteState(3, "20261201-0003")
    assert record(dialog, Step.PROGRESS) == DialogState(
        "note", "progress", {"request_id": 3, "number": "20261201-0003"}
    )
    draft = DraftState(text="x", photos=["p1"])
    saved = record(draft, Step.CONFIRM)
    draft.photos.append("p2")
    assert saved.data["photos"] == ["p1"]


@pytest.mark.parametrize(
    "state",
    [
        DialogState("complaint", "text", {}),
        DialogState("draft", "", {}),
        DialogState("note", "text", {"request_id": 3, "number": "x"}),
        DialogState("note", "progress", {"request_id": 3}),
        DialogState("note", "progress", {"request_id": 3.0, "number": "x"}),
        DialogState("thanks", "text", {"request_id": None}),
        DialogState("draft", "confirm", {"urgent": "yes"}),
        DialogState("draft", "confirm", {"keywords": ["a", 1]}),
        DialogState("address", "ask", {"offered": "4"}),
        DialogState("draft", "confirm", [("text", "x")]),  # type: ignore[arg-type]
    ],
    ids=lambda s: f"{s.flow}-{s.step}",
)
def test_a_dialog_that_does_not_fit_is_stale(state: DialogState) -> None:
    with pytest.raises(StaleDialog):
        restore(state)

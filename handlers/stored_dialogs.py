"""Dialogs as the conversation_state row keeps them (core/records.py ``DialogState``): the
flow's and step's names, the state's fields as a JSON object under their names. The JSON is
the one earlier versions wrote, so a dialog saved by one loads, and one saved now loads in
one. Keys no field names are ignored (an earlier version carried a flow's data into the
next one).

A row that does not fit (an unknown flow, a step the flow does not have, a field of the
wrong type or a required one missing) raises :class:`StaleDialog`; the turn logs it and
starts idle.
"""

import types
from dataclasses import MISSING, asdict, fields
from typing import Any, Union, get_args, get_origin, get_type_hints

from core.records import DialogState
from handlers.flows import ABSENT, STATES, Flow, FlowState, Step


class StaleDialog(ValueError):
    """A stored dialog this version cannot read."""


def restore(record: DialogState) -> tuple[FlowState | None, Step]:
    """The stored dialog as typed state (None when idle), or :class:`StaleDialog`."""
    if not record.flow:
        return None, Step.IDLE
    try:
        kind, step = STATES[Flow(record.flow)], Step(record.step)
    except (KeyError, ValueError):
        raise StaleDialog(f"unknown flow {record.flow!r} or step {record.step!r}") from None
    if step not in kind.steps:
        raise StaleDialog(f"flow {record.flow!r} has no step {record.step!r}")
    if not isinstance(record.data, dict):
        raise StaleDialog(f"state of flow {record.flow!r} is not an object")
    return _state(kind, record.data), step


def record(state: FlowState | None, step: Step) -> DialogState:
    """What the conversation_state row keeps of ``state`` at ``step``."""
    if state is None:
        return DialogState()
    data = {name: value for name, value in asdict(state).items() if value is not ABSENT}
    return DialogState(str(state.flow), str(step), data)


def _state(kind: type[FlowState], data: dict[str, Any]) -> FlowState:
    hints = get_type_hints(kind)
    values: dict[str, object] = {}
    for f in fields(kind):
        if f.name not in data:
            if f.default is MISSING and f.default_factory is MISSING:
                raise StaleDialog(f"{kind.__name__} has no {f.name!r}")
            continue
        if not _fits(data[f.name], hints[f.name]):
            raise StaleDialog(f"{kind.__name__}.{f.name} is not {hints[f.name]}")
        values[f.name] = _copy(data[f.name], hints[f.name])
    return kind(**values)


def _fits(value: object, kind: Any) -> bool:
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        return any(_fits(value, member) for member in get_args(kind))
    if origin is list:
        (item,) = get_args(kind)
        return isinstance(value, list) and all(_fits(v, item) for v in value)
    if kind is type(None):
        return value is None
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return kind in (str, bool) and isinstance(value, kind)


def _copy(value: object, kind: Any) -> object:
    if kind is float and isinstance(value, int | float):
        return float(value)
    return list(value) if isinstance(value, list) else value

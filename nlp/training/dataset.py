"""Labelled messages in the contract JSONL format (shared/spec/taxonomy.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["DatasetError", "read_jsonl", "validate_row"]


class DatasetError(ValueError):
    """A labelled-data file is unusable; the message names the file and line."""


def validate_row(row: Any, where: str, *, need_category: bool = True) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise DatasetError(f"{where}: expected a JSON object")
    if not isinstance(row.get("text"), str) or not row["text"].strip():
        raise DatasetError(f"{where}: missing or empty field 'text'")
    if need_category and (not isinstance(row.get("category"), str) or not row["category"]):
        raise DatasetError(f"{where}: missing or empty field 'category'")
    also = row.get("also", [])
    if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
        raise DatasetError(f"{where}: field 'also' must be a list of category codes")
    if "urgent" in row and not isinstance(row["urgent"], bool):
        raise DatasetError(f"{where}: field 'urgent' must be true or false")
    if "type" in row and not isinstance(row["type"], str):
        raise DatasetError(f"{where}: field 'type' must be a text")
    return row


def read_jsonl(path: str | Path, *, need_category: bool = True) -> list[dict[str, Any]]:
    """Read and check labelled rows; blank lines are skipped."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(f"{path}: cannot read ({exc})") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path} line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{where}: invalid JSON ({exc.msg})") from None
        rows.append(validate_row(row, where, need_category=need_category))
    if not rows:
        raise DatasetError(f"{path}: no labelled rows")
    return rows

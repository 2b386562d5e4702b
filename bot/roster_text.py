"""The roster's problems and counts worded for people, through the message catalogue."""

from typing import Any

from core.roster import KINDS, Roster, RosterProblem
from db.roster import RosterSummary
from handlers.texts import DEFAULT_LOCALE, render


def _kind(kind: str) -> dict[str, Any]:
    return {"$t": f"roster.kind.{kind}"}


def problem_text(problem: RosterProblem, locale: str = DEFAULT_LOCALE) -> str:
    """One problem as a line (``roster.problem_line``), with its sheet in front if it has one."""
    params = {
        "row": problem.row,
        "field": problem.field or "-",
        "message": {"$t": problem.key, "params": dict(problem.params)},
    }
    key = "roster.problem_line" if problem.row else "roster.problem_file"
    if problem.sheet:
        line = {"$t": key, "params": params}
        return render("roster.problem_sheet", {"sheet": problem.sheet, "line": line}, locale)
    return render(key, params, locale)


def summary_text(summary: RosterSummary, locale: str = DEFAULT_LOCALE) -> str:
    """What an import did (or a dry run would do), kind by kind."""
    counts = {
        kind: {
            "$t": "roster.summary_kind",
            "params": {
                "kind": _kind(kind),
                "created": summary.created[kind],
                "updated": summary.updated[kind],
                "unchanged": summary.unchanged[kind],
            },
        }
        for kind in KINDS
    }
    verb = {"$t": "roster.dry_run" if summary.dry_run else "roster.imported"}
    return render("roster.summary", {"verb": verb, **counts}, locale)


def exported_text(file: str, roster: Roster, locale: str = DEFAULT_LOCALE) -> str:
    """Where the roster went and how many entries of each kind it holds."""
    counts = {
        kind: {"$t": "roster.count", "params": {"kind": _kind(kind), "count": count}}
        for kind, count in roster.counts().items()
    }
    return render("roster.exported", {"file": file, **counts}, locale)

"""The accountability policy file (``LINLI_ACCOUNTABILITY``, YAML): the shipped defaults are
``bot/data/accountability.yaml``; a bad file stops the bot with one line naming it."""

from pathlib import Path

import yaml

from core.account_policy import Accountability, AccountPolicyError, parse_accountability

SHIPPED = Path(__file__).with_name("data") / "accountability.yaml"


class AccountFileError(ValueError):
    """The file cannot be read or is wrong; the message names the file and the entry."""


def read_accountability(path: Path | None) -> Accountability:
    chosen = path or SHIPPED
    try:
        data = yaml.safe_load(chosen.read_text(encoding="utf-8"))
    except OSError as error:
        raise AccountFileError(f"{chosen}: cannot read ({error.strerror})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise AccountFileError(f"{chosen}{where}: not YAML") from None
    try:
        return parse_accountability(data)
    except AccountPolicyError as error:
        raise AccountFileError(f"{chosen}: {error}") from None

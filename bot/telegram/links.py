"""Deep links: ``https://t.me/<bot>?start=<code>`` opens the bot and sends ``/start <code>``."""

from urllib.parse import quote


def invite_link(username: str, code: str) -> str:
    """The link to hand a member or leader instead of an invite code to type.

    Telegram allows ``A-Z a-z 0-9 _ -`` (up to 64) in the start parameter; invite codes are
    upper-case letters and digits.
    """
    return f"https://t.me/{username.lstrip('@')}?start={quote(code, safe='')}"

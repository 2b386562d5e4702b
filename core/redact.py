"""What a group may read of a resident's own words: no phone numbers, no name, no door."""

import re

PHONE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)")
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
DOOR = re.compile(
    r"\d+\s*单元\s*\d*\s*(?:室|号|户)?|(?<![\d号])\d{3,4}\s*(?:室|号房|房间?)|\d+-\d+-\d+"
)
HIDDEN = "***"


def for_group(text: str, name: str = "") -> str:
    """``我是3单元502的刘桂英，电话13912345678`` → ``我是***的刘**，电话***``.

    The building stays (the card names it anyway); the unit, room, phone, ID number and the
    resident's own name do not — those reach only the claimant and the grid's leaders.
    """
    for pattern in (ID_NUMBER, PHONE, LANDLINE, DOOR):
        text = pattern.sub(HIDDEN, text)
    name = name.strip()
    if len(name) >= 2:
        text = text.replace(name, name[0] + "**")
    return text

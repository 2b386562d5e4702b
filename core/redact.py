"""What a group may read of a resident's own words: no phone numbers, no name, no door.

People write numbers every way a keyboard allows: full-width (１３９…), in Chinese numerals
(一三九…), with spaces, dots or dashes between the groups. The patterns therefore run on a
*shadow* of the text, normalised one character for one (NFKC, and Chinese numeral digits in
a run of three or more: 一三九 → 139), and the spans they find are hidden in the text as
written, which keeps its own punctuation.
"""

import re
import unicodedata

HIDDEN = "***"
NAME_HIDDEN = "**"
NUMERALS = "零〇幺一二三四五六七八九"
DIGIT_OF = {c: str(i) for i, c in enumerate("零一二三四五六七八九")} | {"〇": "0", "幺": "1"}
SEP = r"[\s.\-]"
NUMERAL_RUN = re.compile(f"[0-9{NUMERALS}](?:{SEP}?[0-9{NUMERALS}]){{2,}}")
ID_NUMBER = re.compile(rf"(?<![0-9A-Za-z])\d(?:{SEP}?\d){{16}}{SEP}?[\dXx](?![0-9A-Za-z])")
PHONE = re.compile(rf"(?<!\d)(?:\+?86{SEP}?)?1[3-9]\d(?:{SEP}?\d){{8}}(?!\d)")
LANDLINE = re.compile(rf"(?<!\d)\(?0\d{{2,3}}\)?{SEP}?\d{{3,4}}{SEP}?\d{{4}}(?!\d)")
BUILDING_END = "(?:(?<=号楼)|(?<=栋)|(?<=幢)|(?<=座)|(?<=号))"
DOOR = re.compile(
    r"\d+\s*单元\s*\d*\s*(?:室|号|户)?"
    r"|(?<![\d号])\d{3,4}\s*(?:室|号房|房间?)"
    r"|\d+-\d+-\d+"
    rf"|{BUILDING_END}\s*-?\s*\d{{3,4}}(?!\d)\s*(?:室|号|户)?"
    r"|(?i:(?<![a-z])(?:room|rm|apt|flat|unit)(?![a-z])\.?\s*#?\s*\d+[a-z]?)"
)
PATTERNS = (ID_NUMBER, PHONE, LANDLINE, DOOR)
# The commonest surnames: after 我是/本人 only these start a name (我是老人 stays as it is)
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申"
)
# A name the resident gives in the text (group "name"): 我叫王秀英, 姓名：李娜, 我是刘桂英
SELF_NAMED = re.compile(
    r"(?:我叫|姓名[:：]?|名字叫|名字是)\s*(?P<name>[\u4e00-\u9fff]{2,3})"
    f"|(?:我是|本人)\\s*(?P<surnamed>[{SURNAMES}][\\u4e00-\\u9fff]{{1,2}})"
)
BLANK = "\0"


def shadow(text: str) -> str:
    """``text`` normalised character for character (same length, same positions)."""
    chars = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        chars.append(folded if len(folded) == 1 else ch)
    folded = "".join(chars)
    return NUMERAL_RUN.sub(lambda m: "".join(DIGIT_OF.get(c, c) for c in m.group(0)), folded)


def name_forms(name: str) -> list[str]:
    """How a resident's own name may appear in what they write, longest first: as stored,
    without its spaces, its parts the other way round (a chat profile's 秀英 何 is 何秀英),
    and each part of two characters or more."""
    parts = shadow(name).split()
    if not parts:
        return []
    forms = {" ".join(parts), "".join(parts), "".join(reversed(parts)), " ".join(reversed(parts))}
    forms |= {part for part in parts if len(part) >= 2}
    return sorted((f for f in forms if len(f) >= 2), key=len, reverse=True)


def for_group(text: str, name: str = "") -> str:
    """``我是3单元502的刘桂英，电话13912345678`` → ``我是***的刘**，电话***``.

    The building stays (the card names it anyway); the unit, room, phone, ID number and the
    resident's own name do not — those reach only the claimant and the grid's leaders.
    """
    seen = shadow(text)
    spans: list[tuple[int, int, str]] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(seen):
            spans.append((match.start(), match.end(), HIDDEN))
        seen = pattern.sub(lambda m: BLANK * len(m.group(0)), seen)
    for match in SELF_NAMED.finditer(seen):
        group = "name" if match.group("name") else "surnamed"
        start, end = match.span(group)
        spans.append((start, end, text[start] + NAME_HIDDEN))
        seen = seen[:start] + BLANK * (end - start) + seen[end:]
    forms = name_forms(name)
    if forms:
        names = re.compile("|".join(map(re.escape, forms)), re.IGNORECASE)
        for match in names.finditer(seen):
            spans.append((match.start(), match.end(), text[match.start()] + NAME_HIDDEN))
    out, at = [], 0
    for start, end, hidden in sorted(spans):
        out += [text[at:start], hidden]
        at = end
    out.append(text[at:])
    return "".join(out)


def anonymised(text: str, name: str, *known: str | None) -> str:
    """What stays of a resident's words once they asked to be forgotten: :func:`for_group`,
    and any of the ``known`` details they gave (their phone, their door) hidden as written."""
    text = for_group(text, name)
    for detail in known:
        if detail and len(detail.strip()) >= 2:
            text = text.replace(detail.strip(), HIDDEN)
    return text

"""What a group may read of a resident's own words: no phone numbers, no name, no door."""

import re

PHONE = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)")
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
DOOR = re.compile(
    r"\d+\s*单元\s*\d*\s*(?:室|号|户)?|(?<![\d号])\d{3,4}\s*(?:室|号房|房间?)|\d+-\d+-\d+"
)
# The commonest surnames: after 我是/本人 only these start a name (我是老人 stays as it is)
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申"
)
# A name the resident gives in the text: 我叫王秀英, 姓名：李娜, 我是刘桂英, 本人张伟
SELF_NAMED = re.compile(
    r"(我叫|姓名[:：]?|名字叫|名字是)\s*([\u4e00-\u9fff])[\u4e00-\u9fff]{1,2}"
    f"|(我是|本人)\\s*([{SURNAMES}])[\\u4e00-\\u9fff]{{1,2}}"
)
HIDDEN = "***"


def _masked_self_name(match: re.Match[str]) -> str:
    lead, first = match.group(1, 2) if match.group(1) else match.group(3, 4)
    return f"{lead}{first}**"


def for_group(text: str, name: str = "") -> str:
    """``我是3单元502的刘桂英，电话13912345678`` → ``我是***的刘**，电话***``.

    The building stays (the card names it anyway); the unit, room, phone, ID number and the
    resident's own name do not — those reach only the claimant and the grid's leaders.
    """
    for pattern in (ID_NUMBER, PHONE, LANDLINE, DOOR):
        text = pattern.sub(HIDDEN, text)
    text = SELF_NAMED.sub(_masked_self_name, text)
    name = name.strip()
    if len(name) >= 2:
        text = text.replace(name, name[0] + "**")
    return text

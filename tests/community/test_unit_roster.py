"""Units and their lists in a roster file: Chinese words, a person's unit, and bad rows
named by row and column like every other."""

from pathlib import Path

from bot.roster_files import read_roster_file
from bot.roster_text import problem_text
from core.roster import KnownCodes, ServiceEntry, UnitEntry, check_roster

CSV = """类型,编码,名称,社区,网格,角色,单位,种类,党组织,服务类别,关键词,数量,服务能力
社区,XFL,幸福里社区,,,,,,,,,,
单位,wszx,社区卫生服务中心,XFL,,,,医疗卫生,卫生服务中心党支部,,,,
服务清单,,上门义诊,,,,WSZX,,,care、other,义诊、量血压,,3
资源,,健康小屋,,,,WSZX,场地,,,,工作日,
人员,P003,许医生,XFL,,驻区单位,WSZX,,,,,,
服务,,送药上门,,,,NOPE,,,,,,
单位,XX,某单位,XFL,,,,游乐场,,,,,
服务,,夜间陪诊,,,,WSZX,,,,,,一点五
"""


def test_a_csv_roster_with_units(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(CSV, encoding="utf-8")
    roster = read_roster_file(path)
    assert roster.units[0] == UnitEntry(
        code="WSZX", name="社区卫生服务中心", community="XFL", type="hospital",
        org="卫生服务中心党支部",
    )  # fmt: skip
    assert roster.services[0] == ServiceEntry(
        unit="WSZX", name="上门义诊", categories=("care", "other"),
        keywords=("义诊", "量血压"), capacity=3,
    )  # fmt: skip
    assert roster.resources[0].type == "venue" and roster.people[0].unit == "WSZX"
    lines = [problem_text(p) for p in check_roster(roster, KnownCodes())]
    assert lines == [
        "第 7 行 · 字段 unit：找不到编码为“NOPE”的共建单位（名单和数据库里都没有）",
        "第 8 行 · 字段 type：种类“游乐场”无法识别，应为其中之一："
        "school、hospital、enterprise、government、organisation、other、学校、医院、医疗卫生、"
        "卫生、国企、国有企业、企业、机关、机关单位、事业单位、社会组织、其他",
        "第 9 行 · 字段 capacity：服务能力“一点五”不是数字",
    ]

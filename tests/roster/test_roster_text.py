"""Roster problems and counts worded through the catalogue, in Chinese and in English."""

from bot.roster_text import exported_text, problem_text, summary_text
from core.roster import Roster, RosterProblem, column_label, problem
from db.roster import RosterSummary

PHONE = problem(7, "phone", "roster.problem.phone", value="138")


def test_a_problem_reads_as_a_chinese_sentence() -> None:
    assert problem_text(PHONE) == (
        "第 7 行 · 字段 phone：电话“138”不是有效的手机号：应为 1 开头的 11 位数字，"
        "可带空格、短横线或 +86"
    )


def test_nested_labels_follow_the_readers_language() -> None:
    missing = problem(3, "name", "roster.problem.required", "grid", label=column_label("name"))
    assert problem_text(missing) == "工作表 grid · 第 3 行 · 字段 name：缺少名称"
    assert problem_text(missing, "en") == "Sheet grid · Row 3 · field name: The name is missing"


def test_a_duplicate_names_what_is_repeated() -> None:
    duplicate = problem(12, "code", "roster.problem.duplicate", what={"$t": "roster.identity.grid"},
                        value="XF-01", first=3)  # fmt: skip
    assert problem_text(duplicate) == "第 12 行 · 字段 code：网格编码“XF-01”重复：第 3 行已经有了"


def test_a_file_level_problem_has_no_row() -> None:
    unreadable = RosterProblem(0, "", "roster.problem.unreadable", {"value": "bad zip"})
    assert problem_text(unreadable) == "-：文件无法读取：bad zip"


def test_the_summary_counts_every_kind() -> None:
    summary = RosterSummary(dry_run=True)
    summary.created["person"] = 14
    assert summary_text(summary) == (
        "试运行（未写入）：社区 新增 0、更新 0、未变 0；网格 新增 0、更新 0、未变 0；"
        "楼栋 新增 0、更新 0、未变 0；人员 新增 14、更新 0、未变 0；"
        "共建单位 新增 0、更新 0、未变 0；资源 新增 0、更新 0、未变 0；服务 新增 0、更新 0、未变 0"
    )
    assert summary_text(summary, "en").startswith("Dry run (nothing written): communities: 0 new")


def test_the_export_line_counts_entries() -> None:
    assert exported_text("out.xlsx", Roster()) == (
        "out.xlsx：社区 0 · 网格 0 · 楼栋 0 · 人员 0 · 共建单位 0 · 资源 0 · 服务 0"
    )

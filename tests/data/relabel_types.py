"""Set the training sources' types to the contract's convention (shared/spec/taxonomy.md).

    .venv/bin/python tests/data/relabel_types.py [--check]

The training files had grown their own convention: emergencies outside `care` typed
`complaint` (a script set them so), and errands, company and loans typed `help` or
`consult`. The contract, as settled for issue 18:

- help: the resident needs hands-on help (not an emergency service);
- wish: a small personal wish a member or unit can fulfil, however it is phrased —
  a hope, an errand (help me buy a sack of rice), someone to read the paper to me or
  go with me to the hospital, a wheelchair for a month;
- complaint: something wrong to be fixed or stopped.

Rules, in order, for a message not in `other` (its type is not scored):

1. not urgent, typed help, or typed complaint in `care`, and asking for an errand,
   company or reading (ERRAND, COMPANY, READ) → wish;
2. not urgent, typed help or consult, and asking to borrow an aid or for a thing
   (LOAN, WANT) → wish;
3. urgent, typed complaint, and not violence or crime to be stopped (STOP) → help:
   someone is in danger and needs hands-on help now. Violence and crime in progress
   stay complaints (to be stopped). When the blind writers of train_real3 typed their
   emergencies by the contract, 35 of the 49 outside `care` were `help`.

Only the type letter is rewritten. Held-out sources (src_holdout*, src_val, and the
holdout lines of src/, by src/split.txt) are not touched: they are spent and frozen.
Writes the changed lines to relabel_types.diff.txt; `--check` only counts them.
After a run, rebuild: src/build.py and training_sources.py (the training files).
"""

import re
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent

FOLDERS = (
    "src",
    "src_extra",
    "src_more",
    "src_plus",
    "src_wide",
    "src_real",
    "src_real2",
    "src_real3",
    "src_urgent2",
    "src_urgent3",
)
CARE, OTHER = "care", "other"
ERRAND = re.compile(
    r"(帮|替|代|捎|找人|找个人|有人|谁|志愿者|送)[^。，,]{0,6}"
    r"(买|取药|拿药|代取|捎|带一|带个|带点|送饭|扛|搬上|提上|换一罐|换罐)"
    r"|送.{0,3}(饭|菜)|辅导.{0,3}作业|剪.?头发|理发"
)
COMPANY = re.compile(r"陪(我|俺|他|她|着|同|老|咱|妈|爸|爷|奶|孩|练|说)|说说话|聊聊天")
READ = re.compile(r"(念|读)(念|报|信|给|这|一下|读)")
LOAN = re.compile(
    r"(借.{0,3}(轮椅|助行器|拐杖|坐便|血压计|氧气|护理床|康复器材))"
    r"|(轮椅|助行器|拐杖|护理床).{0,12}借"
)
WANT = re.compile(r"想要(个|一个|一套|一副|几|一台|台|辆|本|件|双)")
STOP = re.compile(
    r"打架|打起来|打人|动手|拿刀|持刀|菜刀|砍|追人|抢|偷|撬|进人|砸|闹事|扔|泼|放火|纵火|砸车"
    # round 2's writers (src_urgent3): fights, abuse, abduction, break-ins, scams, reckless
    # driving, polluting — each a violence or crime in progress to be stopped
    r"|干起来|扭打|推搡|围着打|在打|拿皮带|拿着刀|拿了把刀|往.{0,4}车上(拉|拖)|拖|抱着个孩子往|拉着孩子往"
    r"|翻墙|往.{0,4}窗户里爬|钻进去|剪.{0,6}锁|冒充|转钱|要交钱|银行卡密码|屏幕共享"
    r"|喝醉的司机|飙车|气枪|烧垃圾|往河里倒"
)


def relabel(category: str, type_letter: str, urgent: bool, text: str) -> str:
    """The type letter the rules give (module docstring)."""
    if category == OTHER:
        return type_letter
    if not urgent:
        errand = ERRAND.search(text) or COMPANY.search(text) or READ.search(text)
        if errand and (type_letter == "h" or (type_letter == "c" and category == CARE)):
            return "w"
        if type_letter in "hq" and (LOAN.search(text) or WANT.search(text)):
            return "w"
        return type_letter
    if type_letter == "c" and not STOP.search(text):
        return "h"
    return type_letter


Parsed = tuple[str, str, bool, str, str]


def _source_line(line: str, default: str | None) -> Parsed | None:
    """(category, type letter, urgent, text, the line with NUL for the type letter) of a
    training_sources.py line."""
    if not line.strip() or line.lstrip().startswith("#") or "|" not in line:
        return None
    labels, text = line.split("|", 1)
    category, prefix, rest = default, "", labels
    if ":" in labels:
        category, rest = labels.split(":", 1)
        prefix = f"{category}:"
    letter = rest[:1]
    if letter not in ("w", "c", "h", "q", "s"):
        raise SystemExit(f"cannot read the type of: {line}")
    template = prefix + "\0" + rest[1:] + "|" + text
    return category or "", letter, "!" in rest.split("+")[0], text.strip(), template


def _build_line(line: str, category: str | None, dev: bool) -> Parsed | None:
    """The same for a src/ line (TYPE URGENT ALSO TEXT), dev lines only."""
    if not line.strip() or line.startswith("#") or line.startswith("@") or not dev:
        return None
    letter, urgent, _, text = line.split(" ", 3)
    return category or "", letter, urgent == "1", text.strip(), "\0" + line[1:]


def run(check: bool) -> int:
    sys.path.insert(0, str(DATA.parents[1]))
    from tests.data.src.build import read_split, split_key

    places = read_split()
    changes: list[str] = []
    counts: Counter[str] = Counter()
    for folder in FOLDERS:
        for path in sorted((DATA / folder).glob("*.txt")):
            if path.name in ("dup_pairs.txt", "split.txt"):
                continue
            category = path.stem
            lines = path.read_text(encoding="utf-8").splitlines()
            original = list(lines)
            for n, line in enumerate(lines):
                if folder == "src":
                    if line.startswith("@"):
                        category = line[1:].strip()
                    text = line.split(" ", 3)[-1].strip() if " " in line else ""
                    dev = places.get(split_key(text), ("",))[0] == "dev"
                    parsed = _build_line(line, category, dev)
                else:
                    parsed = _source_line(line, path.stem)
                if parsed is None:
                    continue
                cat, letter, urgent, text, template = parsed
                new = relabel(cat, letter, urgent, text)
                if new != letter:
                    lines[n] = template.replace("\0", new, 1)
                    counts[f"{letter}→{new}"] += 1
                    changes.append(f"{folder}/{path.name}:{n + 1} {letter}→{new} {cat} {text}")
            if not check and lines != original:
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"{len(changes)} lines retyped: {summary}")
    if not check:
        header = f"# tests/data/relabel_types.py: {len(changes)} lines retyped ({summary})\n"
        (DATA / "relabel_types.diff.txt").write_text(
            header + "\n".join(changes) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(run("--check" in sys.argv[1:]))

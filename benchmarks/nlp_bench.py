"""Benchmark of the nlp package: speed, memory and accuracy, in one run.

    .venv/bin/python benchmarks/nlp_bench.py                 # speed and cross-validation
    .venv/bin/python benchmarks/nlp_bench.py --speed         # speed and memory only
    .venv/bin/python benchmarks/nlp_bench.py --heldout FILE  # the shipped set-up on FILE only

Speed: classify vs plain jieba.lcut on the same messages, address matching on
5,000 generated buildings, duplicate search among 2,000 open requests, start-up,
training on 5,000 messages.
Accuracy: the classifier with keywords only and the default one (keywords + the
shipped model) on each training file (in-sample for the model); then the table of
trained mode (`linli nlp eval --cv 5`: the model alone) against two peers —
jieba words + TF-IDF + LinearSVC, and character 1–3-grams + TF-IDF + LinearSVC — on
the same 5 folds of the short messages (the training files) and of the long-form
letters (tests/data/letters.jsonl), macro-F1 and accuracy.
The held-out files of tests/data are spent and frozen (docs/nlp.md): this script no
longer reads them. `--heldout FILE` scores the shipped set-up (keywords + the
shipped model, as `linli nlp eval FILE`) on a fresh labelled file, once.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from benchmarks.labelled_files import CALIBRATION, LETTERS, TRAINING, load  # noqa: E402
from nlp import (  # noqa: E402
    AddressIndex,
    BuildingRef,
    DuplicateFinder,
    OpenRequestRef,
    Segmenter,
    load_classifier,
)
from nlp.normalize import normalize  # noqa: E402
from nlp.training.crossval import cross_validate  # noqa: E402
from nlp.training.dataset import read_jsonl  # noqa: E402
from nlp.training.evaluate import Prediction, Report, evaluate, score_predictions  # noqa: E402
from nlp.training.folds import stratified_folds  # noqa: E402
from nlp.training.train import train  # noqa: E402

ROUNDS = 3
CLASSIFY_ROUNDS = 5


def timings(
    func: Callable[[str], object], inputs: Sequence[str], rounds: int = ROUNDS
) -> list[float]:
    """Per-call latencies in milliseconds over `rounds` passes."""
    result = []
    for _ in range(rounds):
        for text in inputs:
            start = time.perf_counter()
            func(text)
            result.append((time.perf_counter() - start) * 1000)
    return result


def summary(latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p50 = ordered[len(ordered) // 2]
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    per_second = len(ordered) / (sum(ordered) / 1000)
    return f"{per_second:9.0f} msg/s   p50 {p50:.3f} ms   p99 {p99:.3f} ms"


def bench_classify(texts: list[str]) -> None:
    classifier = load_classifier()
    jieba.initialize()
    for text in texts[:50]:  # warm both paths
        classifier.classify(text)
        jieba.lcut(text)
    # Rounds alternate between the two and the ratio compares each one's fastest
    # round, so load from other processes on a shared machine skews it less.
    ours: list[list[float]] = []
    plain: list[list[float]] = []
    for _ in range(CLASSIFY_ROUNDS):
        ours.append(timings(classifier.classify, texts, rounds=1))
        plain.append(timings(jieba.lcut, texts, rounds=1))
    ratio = min(map(sum, plain)) / min(map(sum, ours))
    print(f"classify        {summary([t for r in ours for t in r])}")
    print(f"jieba.lcut      {summary([t for r in plain for t in r])}")
    print(
        f"throughput ratio classify / jieba.lcut = {ratio:.2f} (target ≥ 0.8; "
        f"fastest of {CLASSIFY_ROUNDS} alternating rounds each)"
    )
    # The same by this process's CPU time, which other processes on a shared machine
    # do not inflate (the wall-clock figure above is what a user waits).
    ours_cpu = min(cpu_seconds(classifier.classify, texts) for _ in range(CLASSIFY_ROUNDS))
    plain_cpu = min(cpu_seconds(jieba.lcut, texts) for _ in range(CLASSIFY_ROUNDS))
    print(
        f"the same by CPU time: {plain_cpu / ours_cpu:.2f} "
        f"({ours_cpu / len(texts) * 1e6:.0f} µs against {plain_cpu / len(texts) * 1e6:.0f} µs "
        "a message)"
    )


def cpu_seconds(func: Callable[[str], object], inputs: Sequence[str]) -> float:
    """This process's CPU time for one pass of `func` over `inputs`."""
    start = time.process_time()
    for text in inputs:
        func(text)
    return time.process_time() - start


def roster(n_communities: int = 200, per_community: int = 25) -> list[BuildingRef]:
    rng = random.Random(0)
    stems = [
        "幸福",
        "阳光",
        "和平",
        "东风",
        "向阳",
        "友谊",
        "建设",
        "光明",
        "明珠",
        "锦绣",
        "金桥",
        "春晖",
        "翠竹",
        "丽景",
        "长青",
        "书香",
        "华苑",
        "福安",
        "康乐",
        "文化",
    ]
    suffixes = ["家园", "花园", "小区", "新村", "苑", "里"]
    buildings: list[BuildingRef] = []
    seen: set[str] = set()
    while len(seen) < n_communities:
        seen.add(rng.choice(stems) + rng.choice(stems) + rng.choice(suffixes))
    for c_index, community in enumerate(sorted(seen)):
        for number in range(1, per_community + 1):
            aliases = ("老干部楼",) if number == per_community else ()
            buildings.append(
                BuildingRef(
                    len(buildings) + 1,
                    f"{number}号楼",
                    aliases,
                    f"G{c_index:03d}-{number % 3}",
                    community,
                )
            )
    return buildings


def bench_address() -> None:
    buildings = roster()
    index = AddressIndex(buildings)
    rng = random.Random(1)
    queries = []
    for building in rng.sample(buildings, 300):
        number = building.name.removesuffix("号楼")
        community = building.community
        queries += [
            f"{community}{number}号楼2单元301楼道灯坏了",
            f"{number}#楼门口有垃圾",
            f"{community[:-1]}圆{number}栋漏水",
            f"{community}老干部楼电梯坏了",
        ]
    index.match(queries[0])
    print(
        f"address match   {summary(timings(index.match, queries))}   ({len(buildings)} buildings)"
    )


def bench_duplicates(texts: list[str], queries: list[str], segmenter: Segmenter) -> None:
    """2,000 open requests made from `texts`; `queries` are new messages (not in the
    pool, so their keys are computed as in real use)."""
    finder = DuplicateFinder(segmenter)
    now = datetime(2025, 1, 1, 12, 0)
    pool = [
        OpenRequestRef(
            i,
            texts[i % len(texts)] + ("" if i < len(texts) else f" {i}"),
            "G001",
            "repair",
            now - timedelta(hours=i % 70),
        )
        for i in range(2000)
    ]
    finder.find(texts[0], "G001", "repair", pool, now)  # builds the token cache once
    latencies = timings(lambda t: finder.find(t, "G001", "repair", pool, now), queries, rounds=1)
    print(f"duplicates      {summary(latencies)}   (2000 open requests, same grid+category)")


def bench_startup() -> None:
    code = (
        "import time; t = time.perf_counter(); "
        "from nlp import load_classifier; load_classifier().segmenter; "
        "print(time.perf_counter() - t)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, check=True, text=True
    ).stdout
    print(
        f"start-up (import, classifier with fallback model and segmenter, jieba cache "
        f"warm): {float(out):.2f} s"
    )


def line(name: str, report: Report) -> str:
    def pct(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.1%}"

    return (
        f"{name:<27} n={report.n:<4} category {pct(report.accuracy)}  "
        f"macro-F1 {pct(report.macro_f1)}  type {pct(report.type_accuracy)}  "
        f"urgent R {pct(report.urgent_recall)} P {pct(report.urgent_precision)}"
    )


def peer(rows: list[dict], analyzer: str, k: int = 5) -> Report:
    """TF-IDF (sublinear tf) + LinearSVC (C=1) on the same folds as `cross_validate`:
    `analyzer` "jieba" (jieba words) or "char" (character 1–3-grams)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    texts = [normalize(row["text"]) for row in rows]
    predictions: dict[int, Prediction] = {}
    for fold in stratified_folds(rows, k, 0):
        held_out = set(fold)
        train_idx = [i for i in range(len(rows)) if i not in held_out]
        if analyzer == "jieba":
            vectorizer = TfidfVectorizer(
                tokenizer=jieba.lcut, token_pattern=None, lowercase=False, sublinear_tf=True
            )
        else:
            vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
        matrix = vectorizer.fit_transform([texts[i] for i in train_idx])
        svm = LinearSVC(C=1.0).fit(matrix, [rows[i]["category"] for i in train_idx])
        for index, label in zip(
            fold, svm.predict(vectorizer.transform([texts[i] for i in fold])), strict=True
        ):
            predictions[index] = Prediction(str(label))
    return score_predictions(rows, [predictions[i] for i in range(len(rows))])


def bench_in_sample(training: dict[str, list[dict]]) -> None:
    keywords_only = load_classifier(fallback=None)
    default = load_classifier()
    for name, rows in training.items():
        print(line(f"keywords only, {name}", evaluate(keywords_only, rows)))
        print(line(f"default, {name}", evaluate(default, rows)))


def bench_peers(sets: dict[str, tuple[list[dict], list[bool] | None]]) -> None:
    """Trained mode and the two peers on the same 5 folds of each set, as a table."""
    table: list[tuple[str, str, Report]] = []
    for name, (rows, calibrating) in sets.items():
        start = time.perf_counter()
        trained = cross_validate(rows, k=5, seed=0, calibrating=calibrating)
        print(line(f"trained mode, {name}", trained) + f"  ({time.perf_counter() - start:.0f} s)")
        table.append((name, "linli trained mode (`linli nlp eval --cv 5`)", trained))
        if calibrating is not None:
            blended = cross_validate(rows, k=5, seed=0, keywords=True, calibrating=calibrating)
            print(line(f"default set-up, {name}", blended))
            table.append((name, "linli default set-up (keywords + model)", blended))
        table.append((name, "jieba + TF-IDF + LinearSVC", peer(rows, "jieba")))
        table.append((name, "char 1–3-gram TF-IDF + LinearSVC", peer(rows, "char")))
    print("\n| set | classifier | n | macro-F1 | accuracy |\n|---|---|---|---|---|")
    for name, who, report in table:
        print(f"| {name} | {who} | {report.n} | {report.macro_f1:.1%} | {report.accuracy:.1%} |")


def bench_training(rows: list[dict]) -> None:
    """`linli nlp train` on the first 5,000 training messages (all three tables and the
    urgency blend)."""
    start = time.perf_counter()
    train(rows[:5000])
    print(f"training on {min(5000, len(rows))} messages: {time.perf_counter() - start:.1f} s")


def bench_heldout(path: str) -> None:
    rows = read_jsonl(path)
    print(line(f"default, {Path(path).name}", evaluate(load_classifier(), rows)))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Speed, memory and accuracy of nlp/.")
    parser.add_argument("--speed", action="store_true", help="speed and memory only")
    parser.add_argument(
        "--heldout", metavar="FILE", help="only score the shipped set-up on this labelled file"
    )
    return parser.parse_args()


def main() -> None:
    options = arguments()
    if options.heldout:
        bench_heldout(options.heldout)
        return
    training = load(TRAINING)
    texts = [row["text"] for row in training["dev"]]
    rows = [row for part in training.values() for row in part]
    print("== speed ==")
    bench_startup()
    bench_classify(texts)
    bench_address()
    queries = [row["text"] for row in training["train_extra"][:900]]
    bench_duplicates(texts, queries, Segmenter())
    bench_training(rows)
    if not options.speed:
        print("== accuracy ==")
        bench_in_sample(training)
        calibrating = [name in CALIBRATION for name, part in training.items() for _ in part]
        sets: dict[str, tuple[list[dict], list[bool] | None]] = {
            "short messages (training files)": (rows, calibrating)
        }
        letters = load(LETTERS)
        if letters:
            sets["long-form letters"] = (letters["letters"], None)
        bench_peers(sets)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")


if __name__ == "__main__":
    main()

"""The trained mode's learner (issue 18): fragments weighed by sublinear term frequency ×
idf and normalised per message, a balanced linear SVM, and scoring in pure Python."""

from __future__ import annotations

import math
import subprocess
import sys
from collections import Counter
from pathlib import Path

from nlp import Classifier, Taxonomy
from nlp.model import Model, Table, features
from nlp.training.crossval import cross_validate
from nlp.training.dataset import read_jsonl
from nlp.training.train import train

ROOT = Path(__file__).resolve().parents[2]
LETTERS = ROOT / "tests" / "data" / "letters.jsonl"


def test_scores_weigh_repeats_sublinearly_and_normalise_by_length() -> None:
    """The packed sums equal (1 + ln n) × idf × weight over the message's length, also
    for a fragment found several times (long letters) and with unknown fragments."""
    idf = {"水": 2.0, "漏": 1.0, "漏水": 1.5}
    model = Model(Table(["a", "b"], [0.1, -0.1], {"水": [1.0, -1.0], "漏": [0.5, 0.0]}), idf=idf)
    counts = Counter({"水": 3, "漏": 1, "漏水": 1, "未知": 4})
    values = {"水": (1 + math.log(3)) * 2.0, "漏": 1.0, "漏水": 1.5}
    norm = math.sqrt(sum(v * v for v in values.values()))
    scores = model.scores(counts).category
    assert math.isclose(scores["a"], 0.1 + (values["水"] + 0.5) / norm, abs_tol=2e-3)
    assert math.isclose(scores["b"], -0.1 - values["水"] / norm, abs_tol=2e-3)


def test_a_long_letter_is_scored_as_its_short_summary() -> None:
    """Length normalisation: the same complaint said once or repeated ten times gets
    the same label, and its score does not grow with the length."""
    rows = [
        {"text": "楼道灯坏了没人修", "category": "repair"},
        {"text": "电梯又坏了", "category": "repair"},
        {"text": "楼下垃圾没人收 臭死了", "category": "env"},
        {"text": "垃圾桶满了好几天", "category": "env"},
    ]
    model = train(rows)
    short = model.scores(features("垃圾没人收")).category
    long = model.scores(features("垃圾没人收 " * 10)).category
    assert max(short, key=short.__getitem__) == max(long, key=long.__getitem__) == "env"
    assert math.isclose(short["env"], long["env"], abs_tol=0.05)


def test_small_labels_are_not_swallowed_by_the_largest() -> None:
    """Balanced class weights: a label with a tenth of the messages is still learnt."""
    big = [{"text": f"小区道路坏了 第{i}段 路面坑洼 积水", "category": "urban"} for i in range(60)]
    small = [{"text": f"工资拖欠 第{i}个月 老板不给钱", "category": "labour"} for i in range(6)]
    model = train(big + small)
    scores = model.scores(features("拖欠工资 小区 老板跑了")).category
    assert max(scores, key=scores.__getitem__) == "labour"


def test_classifying_needs_no_scikit_learn() -> None:
    """scikit-learn trains; classifying with the shipped model is pure Python."""
    code = (
        "import sys; from nlp import load_classifier; "
        "load_classifier().classify('3号楼楼道灯坏了'); "
        "print('sklearn' in sys.modules, 'numpy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]


def _peer(rows: list[dict], analyzer: str) -> float:
    """Macro-F1 of TF-IDF (sublinear tf) + LinearSVC on the folds of `cross_validate`:
    `analyzer` "jieba" (jieba words) or "char" (character 1–3-grams)."""
    import jieba
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    from nlp.normalize import normalize
    from nlp.training.evaluate import Prediction, score_predictions
    from nlp.training.folds import stratified_folds

    texts = [normalize(row["text"]) for row in rows]
    predicted: dict[int, Prediction] = {}
    for fold in stratified_folds(rows, 5, 0):
        kept = [i for i in range(len(rows)) if i not in set(fold)]
        if analyzer == "jieba":
            vectorizer = TfidfVectorizer(
                tokenizer=jieba.lcut, token_pattern=None, lowercase=False, sublinear_tf=True
            )
        else:
            vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
        svm = LinearSVC(C=1.0).fit(
            vectorizer.fit_transform([texts[i] for i in kept]), [rows[i]["category"] for i in kept]
        )
        labels = svm.predict(vectorizer.transform([texts[i] for i in fold]))
        predicted.update((i, Prediction(str(label))) for i, label in zip(fold, labels, strict=True))
    return score_predictions(rows, [predicted[i] for i in range(len(rows))]).macro_f1


def test_trained_mode_on_long_letters_at_least_matches_the_linear_peers(
    taxonomy: Taxonomy,
) -> None:
    """Issue 18's acceptance: `linli nlp eval tests/data/letters.jsonl --cv 5` macro-F1 at
    least that of the better of jieba + TF-IDF + LinearSVC and character 1–3-gram TF-IDF +
    LinearSVC on the same folds (measured: 94.8% against 93.9% and 93.5%)."""
    rows = read_jsonl(LETTERS)
    ours = cross_validate(rows, k=5, seed=0, taxonomy=taxonomy).macro_f1
    assert ours >= max(_peer(rows, "jieba"), _peer(rows, "char"))
    assert ours >= 0.94


def test_keywords_of_a_trained_model_still_explain_the_decision(taxonomy: Taxonomy) -> None:
    rows = [
        {"text": "楼道灯坏了没人修", "category": "repair"},
        {"text": "楼道灯不亮 黑漆漆的", "category": "repair"},
        {"text": "楼下垃圾没人收 臭死了", "category": "env"},
        {"text": "垃圾桶满了好几天", "category": "env"},
    ]
    result = Classifier(taxonomy, train(rows)).classify("垃圾桶又满了")
    assert result.category == "env" and result.keywords

"""Fit the lexical stance companion (:mod:`nlpkit.lexical`) and store it beside a stance model.

    pip install scikit-learn
    python -m training.train_lexical --model nlpkit/models/stance          # the quote corpus
    python -m training.train_lexical --model my-stance --train my.jsonl --val my_val.jsonl

Labels are the stance model's own (``config.id2label``). The features are selected by a first
fit (the ``--max-features`` n-grams with the largest weights) and the model refitted on them.
With validation data it prints macro-F1 of the classifier, the lexical model and their average,
and records them in the model's ``training_run.json``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from nlpkit.lexical import LexicalModel, char_features, lexical_text, word_features


def fit(train_ex, labels, max_features: int = 20000, c: float = 4.0,
        weight: float = 0.5) -> LexicalModel:
    """A lexical model on ``(pair, label)`` examples whose labels are among ``labels``."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [lexical_text(p) for p, _ in train_ex]
    y = [lab for _, lab in train_ex]

    def vectorise(vocabs=None):
        vecs = [TfidfVectorizer(analyzer=a, min_df=1 if vocabs else 2, sublinear_tf=True,
                                lowercase=False, vocabulary=vocabs[k] if vocabs else None)
                for k, a in enumerate((char_features, word_features))]
        x = hstack([v.fit_transform(texts) for v in vecs]).tocsr()  # each block L2-normed
        return vecs, x

    vecs, x = vectorise()
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y)
    names = np.concatenate([v.get_feature_names_out() for v in vecs])
    keep = np.sort(np.argsort(-np.abs(clf.coef_).max(0), kind="stable")[:max_features])
    kept = [str(f) for f in names[keep]]
    vecs, x = vectorise([[f for f in kept if not f.startswith("w:")],
                         [f for f in kept if f.startswith("w:")]])
    vocab = [str(f) for v in vecs for f in v.get_feature_names_out()]
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y)
    coef = np.zeros((len(labels), len(vocab)), dtype=np.float32)
    intercept = np.full(len(labels), -30.0, dtype=np.float32)  # a label with no examples
    if len(clf.classes_) == 2:  # binary: one row of weights for the second class
        rows = {clf.classes_[1]: (clf.coef_[0], clf.intercept_[0]),
                clf.classes_[0]: (np.zeros_like(clf.coef_[0]), 0.0)}
    else:
        rows = {k: (clf.coef_[i], clf.intercept_[i]) for i, k in enumerate(clf.classes_)}
    for i, lab in enumerate(labels):
        if lab in rows:
            coef[i], intercept[i] = rows[lab]
    idf = np.concatenate([v.idf_ for v in vecs]).astype(np.float32)
    return LexicalModel(labels, vocab, idf, coef, intercept, weight)


def attach(model_dir: str | Path, train_ex, val_ex, max_features: int = 20000) -> dict:
    """Fit, store in ``model_dir`` and return validation figures (empty without val data)."""
    from nlpkit.stance import Stance
    from training.train_stance import per_class

    stance = Stance(model_dir, "cpu")
    lexical = fit(train_ex, stance.labels, max_features)
    lexical.save(model_dir)
    if not val_ex:
        return {}
    pairs = [p for p, _ in val_ex]
    gold = [lab for _, lab in val_ex]
    stance.lexical = None
    model_p = stance.scores(pairs)
    lex_p = lexical.proba([lexical_text(p) for p in pairs])
    out = {}
    for name, probs in (("classifier", model_p), ("lexical", lex_p),
                        ("average", (1 - lexical.weight) * model_p + lexical.weight * lex_p)):
        out[name] = per_class(gold, [stance.labels[int(i)] for i in probs.argmax(1)])
        print(f"{name:10} macro-F1 {out[name]['macro']['f1']:.4f}")
    out["features"] = len(lexical.vocabulary)
    out["weight"] = lexical.weight
    run = Path(model_dir, "training_run.json")
    if run.is_file():
        history = json.loads(run.read_text(encoding="utf-8"))
        history["lexical"] = out
        run.write_text(json.dumps(history, indent=2, ensure_ascii=False), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> None:
    from training.train_stance import corpus_docs, read_examples, read_jsonl

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", required=True, help="stance model folder to attach it to")
    ap.add_argument("--corpus", type=Path, default=Path("data/quotes"))
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    ap.add_argument("--train", type=Path, help="gold JSONL instead of the quote corpus")
    ap.add_argument("--val", type=Path)
    ap.add_argument("--max-features", type=int, default=20000)
    args = ap.parse_args(argv)
    if args.train:
        train_ex = read_examples(read_jsonl(args.train))
        val_ex = read_examples(read_jsonl(args.val)) if args.val else []
    else:
        train_ex = read_examples(corpus_docs(args.corpus, args.shared, False))
        val_ex = read_examples(corpus_docs(args.corpus, args.shared, True))
    attach(args.model, train_ex, val_ex, args.max_features)


if __name__ == "__main__":
    main()

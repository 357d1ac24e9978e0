"""Quote, speaker and stance figures on the fixed validation split of the quote corpus.

    python scripts/eval_quotes.py                       # shipped models, end to end
    python scripts/eval_quotes.py --gold-entities       # speakers from gold NER (upper bound)
    python scripts/eval_quotes.py --rules-only          # no quote model: the rules alone

Prints quote F1 (IoU ≥ 0.5) and speaker accuracy per kind, and stance per class for the cue-verb
baseline and the classifier, both end to end (a missed gold quote counts as a wrong stance) and
on gold quotes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlpkit.types import Entity  # noqa: E402
from training.quote_corpus import is_validation, join, load_annotations  # noqa: E402
from training.quote_eval import score_docs, stance_f1  # noqa: E402

LABELS = ("protest", "reassurance", "denial", "neutral")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="data/quotes")
    ap.add_argument("--shared", default="../shared/data")
    ap.add_argument("--ner")
    ap.add_argument("--quotes")
    ap.add_argument("--stance")
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--gold-entities", action="store_true")
    ap.add_argument("--precision", default="auto", help="auto, fp32, bf16 or int8")
    ap.add_argument("--stance-max-length", type=int, help="stance input length in sub-tokens")
    ap.add_argument("--no-cue-prior", action="store_true",
                    help="the classifier alone, without the cue lexicon's override")
    ap.add_argument("--by-sentence", action="store_true",
                    help="stance: also read each sentence of a longer quotation (guidelines §3)")
    ap.add_argument("--all-windows", action="store_true",
                    help="run the quote tagger on every window (no skipping of cue-less ones)")
    ap.add_argument("--split", choices=["validation", "train"], default="validation")
    ap.add_argument("--json")
    ap.add_argument("--limit", type=int, help="score only the first N documents (a quick check)")
    ap.add_argument("--write-card", action="store_true",
                    help="add these figures to the quote and stance model cards")
    args = ap.parse_args()
    import nlpkit
    from nlpkit.normal import normalize_name
    from nlpkit.stance import Stance, cue_baseline

    recs = load_annotations(Path(args.corpus))
    recs = {k: v for k, v in recs.items() if is_validation(k) == (args.split == "validation")}
    gold = list(join(recs, args.shared))[: args.limit]
    nlp = nlpkit.load(ner=args.ner, quotes=args.quotes, stance=args.stance,
                      use_rules=True, precision=args.precision)
    if args.no_cue_prior and nlp.stance is not None:
        nlp.stance.cue_prior = False
    if args.by_sentence and nlp.stance is not None:
        nlp.stance.by_sentence = True
    if args.stance_max_length and nlp.stance is not None:
        nlp.stance.max_length = args.stance_max_length
    if args.all_windows and nlp.quotes is not None:
        nlp.quotes.skip_windows = False
    if args.rules_only:
        from nlpkit.quotes import Quotes

        nlp.quotes = Quotes(None)
    texts = [g["text"] for g in gold]
    if args.gold_entities:
        ents = [[Entity(e["start"], e["end"], e["label"], g["text"][e["start"]:e["end"]],
                        normalize_name(g["text"][e["start"]:e["end"]], e["label"]))
                 for e in g["entities"]] for g in gold]
    else:
        ents = nlp.ner(texts)
    quotes = nlp.quotes(texts, ents)
    base_pred = [{"quotes": [dict(q.to_dict(), stance=cue_baseline(q)) for q in qs]}
                 for qs in quotes]
    model_pred = [{"quotes": [q.to_dict() for q in qs]}
                  for qs in nlp.stance(texts, quotes)] if nlp.stance else base_pred
    res_base = score_docs(gold, base_pred, LABELS)
    res = score_docs(gold, model_pred, LABELS)
    n = sum(len(g["quotes"]) for g in gold)
    print(f"{len(gold)} {args.split} documents, {n} gold quotes "
          f"({'gold' if args.gold_entities else 'nlpkit'} entities, "
          f"{'rules only' if args.rules_only else 'quote model + rules'})")
    print(f"{'kind':10} {'P':>6} {'R':>6} {'F1':>6} {'speaker acc':>12} {'support':>8}")
    for kind in ("direct", "indirect", "all"):
        r = res[kind]
        print(f"{kind:10} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
              f"{r['speaker_accuracy']:12.3f} {r['support']:8d}")
    # stance on gold quotes: isolates the classifier from quote finding
    from training.train_stance import quote_from_dict

    gq = [quote_from_dict(g["text"], q, g["id"]) for g in gold for q in g["quotes"]]
    y = [q["stance"] for g in gold for q in g["quotes"]]
    gold_base = [cue_baseline(q) for q in gq]
    gold_model = gold_base
    if isinstance(nlp.stance, Stance) and nlp.stance.model is not None:
        texts_by_q = [g["text"] for g in gold for _ in g["quotes"]]
        gold_model = [q.stance for qs in nlp.stance(texts_by_q, [[q] for q in gq]) for q in qs]
    on_gold_base, on_gold_model = stance_f1(y, gold_base, LABELS), stance_f1(y, gold_model, LABELS)
    print(f"\nstance F1 {'':12} {'cue baseline':>14} {'classifier':>11} | on gold quotes: "
          f"{'baseline':>9} {'classifier':>11}")
    for lab in (*LABELS, "macro_f1"):
        def f(r, lab=lab):
            return r[lab]["f1"] if lab != "macro_f1" else r[lab]
        print(f"{lab:22} {f(res_base['stance']):14.3f} {f(res['stance']):11.3f} | "
              f"{'':15} {f(on_gold_base):9.3f} {f(on_gold_model):11.3f}")
    if args.write_card:
        write_cards(args, res, res_base, on_gold_base, on_gold_model, len(gold), n)
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"quotes": res, "baseline_end_to_end": res_base["stance"],
             "stance_on_gold": {"baseline": on_gold_base, "classifier": on_gold_model}},
            indent=2))


def write_cards(args, res, res_base, on_gold_base, on_gold_model, n_docs, n_quotes) -> None:
    from nlpkit.card import write_card
    from nlpkit.pipeline import default_model_path

    cmd = "python scripts/eval_quotes.py --write-card"
    quotes_dir = Path(args.quotes) if args.quotes else default_model_path("quotes")
    if quotes_dir is not None:
        history = json.loads((quotes_dir / "training_run.json").read_text(encoding="utf-8"))
        rows = ["## End to end on the validation split (nlpkit NER → quotes → speakers)", "",
                f"{n_docs} documents, {n_quotes} gold quotes; a predicted quote matches a gold one "
                "at character IoU ≥ 0.5.", "",
                "| kind | precision | recall | F1 | speaker accuracy | support |",
                "|---|---|---|---|---|---|"]
        for kind in ("direct", "indirect", "all"):
            r = res[kind]
            rows.append(f"| {kind} | {r['precision']} | {r['recall']} | {r['f1']} | "
                        f"{r['speaker_accuracy']} | {r['support']} |")
        rows.append(f"\nCommand: `{cmd}`")
        write_card(quotes_dir, "quotes", history, {k: res[k] for k in ("direct", "indirect",
                                                                        "all")},
                   "model_cards", "\n".join(rows))
    stance_dir = Path(args.stance) if args.stance else default_model_path("stance")
    if stance_dir is not None:
        history = json.loads((stance_dir / "training_run.json").read_text(encoding="utf-8"))
        if "train_docs" not in history:  # older training records: count the corpus split
            split = [is_validation(k) for k in load_annotations(Path(args.corpus))]
            history["train_docs"], history["val_docs"] = split.count(False), split.count(True)
        rows = ["## Cue-verb baseline and classifier, per class (validation split)", "",
                "| label | baseline end to end | classifier end to end | baseline on gold quotes "
                "| classifier on gold quotes |", "|---|---|---|---|---|"]
        for lab in (*LABELS, "macro_f1"):
            def f(r, lab=lab):
                return r[lab]["f1"] if lab != "macro_f1" else r[lab]
            rows.append(f"| {lab} | {f(res_base['stance'])} | {f(res['stance'])} | "
                        f"{f(on_gold_base)} | {f(on_gold_model)} |")
        rows.append("\nEnd to end: quotes found by nlpkit; a gold quote it misses counts as a "
                    f"wrong stance. Command: `{cmd}`")
        write_card(stance_dir, "stance", history, on_gold_model, "model_cards", "\n".join(rows))


if __name__ == "__main__":
    main()

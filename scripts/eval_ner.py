"""NER validation figures: nlpkit and natasha side by side on the fixed validation split.

    python scripts/eval_ner.py --model nlpkit/models/ner [--write-card]

Exact-match entity F1 over character spans; "factru" rows are factRuEval-dev validation
documents (the conventions the issue's figures are judged on), "all" is every validation doc.

``--gold guidelines`` (default) scores against the gold spans that are names by the annotation
guidelines §1: NEREL also marks demonyms and adjectives («российского», «европейской») as
places, which the guidelines (and factRuEval, and natasha) do not; ``--gold raw`` keeps them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlpkit.ner import attach_places  # noqa: E402
from training.evaluate import natasha_ner_spans, ner_scores, nlpkit_ner_spans  # noqa: E402
from training.ner_data import Doc, load_all, split  # noqa: E402


def guideline_gold(docs: list[Doc]) -> list[Doc]:
    """Gold without the spans that are not names by the guidelines (nlpkit.ner.is_name), and
    places without the part named before them («востоке Украины» → «Украины», as Collection5
    marks it; NEREL marks the phrase)."""
    from nlpkit.ner import is_name, place_name_start

    def name(text: str, sp):
        return (place_name_start(text, sp[0], sp[1]), *sp[1:]) if sp[2] == "LOC" else sp

    return [Doc(d.id, d.text, [name(d.text, sp) for sp in d.spans
                               if is_name(d.text[sp[0]:sp[1]], sp[2])], d.source) for d in docs]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="nlpkit/models/ner")
    ap.add_argument("--shared", default="../shared/data")
    ap.add_argument("--no-natasha", action="store_true")
    ap.add_argument("--precision", default="auto", help="auto, fp32, bf16 or int8 (its F1 loss)")
    ap.add_argument("--stride", type=int, default=64,
                    help="sub-tokens two windows of a long document share")
    ap.add_argument("--gold", default="guidelines", choices=["guidelines", "raw"],
                    help="guidelines: gold demonyms/adjectives dropped (§1); raw: kept")
    ap.add_argument("--write-card", action="store_true")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--limit", type=int, help="score only the first N documents (a quick check)")
    ap.add_argument("--from-json", help="only rewrite the card from figures saved by --json")
    args = ap.parse_args()
    if args.from_json:
        write_ner_card(args.model, json.loads(Path(args.from_json).read_text()))
        return
    _, val = split(load_all(Path(args.shared)))
    val = val[: args.limit]
    if args.gold == "guidelines":
        val = guideline_gold(val)
    groups = {"all": val, "factru": [d for d in val if d.source == "factru"],
              "collection5": [d for d in val if d.source == "collection5"],
              "nerel": [d for d in val if d.source == "nerel"]}
    ours = nlpkit_ner_spans(args.model, val, precision=args.precision, stride=args.stride)
    theirs = None if args.no_natasha else natasha_ner_spans(val)
    # natasha marks «МВД Казахстана» as two names, as Collection5 and factRuEval do; with
    # nlpkit's own joining of attached places its output meets the guidelines' gold halfway
    attached = None if theirs is None else [set(attach_places(d.text, sorted(map(tuple, p))))
                                            for d, p in zip(val, theirs)]
    index = {d.id: i for i, d in enumerate(val)}
    results = {}
    print(f"{'split':12} {'system':8} {'micro':>6} {'PER':>6} {'ORG':>6} {'LOC':>6}  docs")
    for name, docs in groups.items():
        for system, pred in (("nlpkit", ours), ("natasha", theirs), ("natasha+", attached)):
            if pred is None:
                continue
            sc = ner_scores([pred[index[d.id]] for d in docs], docs)
            results[f"{name}/{system}"] = sc
            print(f"{name:12} {system:8} {sc['micro']['f1']:6.3f} "
                  + " ".join(f"{sc.get(lab, {}).get('f1', 0):6.3f}" for lab in
                             ("PER", "ORG", "LOC")) + f"  {len(docs)}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    if args.write_card:
        write_ner_card(args.model, results, args.gold)


def write_ner_card(model: str, results: dict, gold: str = "guidelines") -> None:
    from nlpkit.card import write_card

    history = json.loads(Path(model, "training_run.json").read_text(encoding="utf-8"))
    history.setdefault("datasets", ["Collection5", "NEREL", "factRuEval-2016"])
    extra = ["## Side by side with natasha (same validation documents, exact spans)", "",
             "| split | system | micro F1 | PER | ORG | LOC |", "|---|---|---|---|---|---|"]
    for key, sc in results.items():
        split_name, system = key.split("/")
        extra.append(f"| {split_name} | {system} | {sc['micro']['f1']} | " + " | ".join(
            str(sc.get(lab, {}).get("f1", "")) for lab in ("PER", "ORG", "LOC")) + " |")
    extra.append("\nGold: " + ("names by the guidelines §1 (demonyms and adjectives that NEREL marks "
                 "as places dropped from the gold)" if gold == "guidelines" else "NEREL's demonyms kept")
                 + "; a place in the genitive after an organisation is part of its name («МВД "
                 "Казахстана», guidelines §1; `nlpkit.ner.attach_places`), in every corpus. "
                 "`natasha+` is natasha's output with that same joining applied.")
    extra.append("\nCommand: `python scripts/eval_ner.py --model nlpkit/models/ner "
                 "--write-card`")
    write_card(model, "ner", history, results["all/nlpkit"], "model_cards",
               "\n".join(extra))


if __name__ == "__main__":
    main()

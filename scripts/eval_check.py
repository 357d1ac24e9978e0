"""nlpkit on the check set: modern news written for the purpose, not in ../shared.

    python scripts/eval_check.py [--split dev|dev2|…|dev12|test|all] [--json out.json]
                                 [--ner DIR] [--quotes DIR] [--stance DIR]

``data/check/*.jsonl`` (``dev``, ``dev2`` … and ``test``) hold 2020s-style Russian-language news
articles with gold entities, quotes, speakers and stances (guidelines' format, texts included; see its README).
The figures are those of ``nlpkit analyze`` + ``nlpkit score`` on the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nlpkit  # noqa: E402
from nlpkit.scoring import format_scores, score  # noqa: E402

# the parts, from the files: dev, dev2, dev3 … in order, then test
PARTS = sorted((p.stem for p in (ROOT / "data" / "check").glob("*.jsonl")),
               key=lambda n: (n == "test", int(n[3:] or 1) if n.startswith("dev") else 0, n))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="all", choices=[*PARTS, "all"])
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--no-natasha", action="store_true", help="skip natasha's NER row")
    for task in ("ner", "quotes", "stance"):
        ap.add_argument(f"--{task}", help=f"a {task} model folder instead of the shipped one")
    args = ap.parse_args()
    names = PARTS if args.split == "all" else [args.split]
    gold = [json.loads(line) for name in names
            for line in (ROOT / "data" / "check" / f"{name}.jsonl").open(encoding="utf-8")
            if line.strip()]
    nlp = nlpkit.load(ner=args.ner, quotes=args.quotes, stance=args.stance)
    pred = [dict(doc.to_dict(), id=g["id"]) for g, doc in
            zip(gold, nlp.pipe([g["text"] for g in gold]))]
    res = score(gold, pred)
    print(f"check set ({', '.join(names)}): {len(gold)} articles")
    print(format_scores(res))
    if not args.no_natasha:
        from nlpkit.ner import attach_places
        from nlpkit.scoring import span_prf
        from training.evaluate import natasha_ner_spans
        from training.ner_data import Doc

        theirs = natasha_ner_spans([Doc(g["id"], g["text"], [], "check") for g in gold])
        joined = [set(attach_places(g["text"], sorted(p))) for g, p in zip(gold, theirs)]
        ents = [{(e["start"], e["end"], e["label"]) for e in g["entities"]} for g in gold]
        for name, pred_spans in (("natasha", theirs), ("natasha+", joined)):
            sc = span_prf(ents, pred_spans)
            res[name] = sc
            print(f"{name:12} micro {sc['micro']['f1']:.3f}  " + "  ".join(
                f"{lab} {sc.get(lab, {}).get('f1', 0):.3f}" for lab in ("PER", "ORG", "LOC")))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

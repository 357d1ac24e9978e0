"""Speaker resolution alone: nlpkit NER + the resolver on the GOLD quotes and source spans of
the validation split, so source-span errors do not count (the upper bound of end-to-end speaker
accuracy with these entities).

    python scripts/eval_speakers.py [--split validation|train] [--errors 20]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.quote_corpus import is_validation, join, load_annotations  # noqa: E402
from training.quote_eval import speaker_ok  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="data/quotes")
    ap.add_argument("--shared", default="../shared/data")
    ap.add_argument("--split", choices=["validation", "train"], default="validation")
    ap.add_argument("--errors", type=int, default=0, help="print this many wrong speakers")
    args = ap.parse_args()
    import nlpkit
    from nlpkit.speakers import SpeakerResolver

    recs = {k: v for k, v in load_annotations(Path(args.corpus)).items()
            if is_validation(k) == (args.split == "validation")}
    gold = list(join(recs, args.shared))
    ents = nlpkit.load(tasks=["ner"]).ner([g["text"] for g in gold])
    ok, wrong = 0, []
    n = sum(len(g["quotes"]) for g in gold)
    for g, es in zip(gold, ents):
        resolver = SpeakerResolver(g["text"], es)
        for q in sorted(g["quotes"], key=lambda q: q["start"]):
            src = q.get("source")
            cue = q.get("cue")
            att = resolver.resolve((src["start"], src["end"]) if src else None, q["start"],
                                   (cue["start"], cue["end"]) if cue else None, q["kind"])
            if speaker_ok(q.get("speaker"), att.speaker):
                ok += 1
            else:
                wrong.append((g["id"], g["text"][src["start"]:src["end"]] if src else None,
                              q.get("speaker"), att.speaker))
    print(f"{len(gold)} {args.split} documents, {n} gold quotes: speaker accuracy with gold "
          f"sources {ok / n:.3f}")
    for w in random.Random(0).sample(wrong, min(args.errors, len(wrong))):
        print(f"  source {w[1]!r}: gold {w[2]!r}, nlpkit {w[3]!r} ({w[0]})")


if __name__ == "__main__":
    main()

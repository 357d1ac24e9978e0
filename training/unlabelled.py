"""Unlabelled news for NER distillation: RuSentNE's sentences, less any found in a validation
document of the NER split, packed several to a line (fewer, fuller windows).

    python -m training.unlabelled --shared ../shared/data --out build/unlabelled.txt

The file stays outside the repository (it holds texts of ../shared); ``train_ner --unlabeled``
reads it, and the teacher labels it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from training.ner_data import load_all, split
from training.quote_corpus import RUSENTNE_FILES, rusentne_sentences


def unlabelled_lines(shared: Path, per_line: int = 8) -> list[str]:
    _, val = split(load_all(shared))
    seen = "\n".join(d.text for d in val)
    sents = [" ".join(s.split()) for part in RUSENTNE_FILES
             for s in rusentne_sentences(str(shared), part) if s.strip() not in seen]
    return [" ".join(sents[i:i + per_line]) for i in range(0, len(sents), per_line)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("build/unlabelled.txt"))
    ap.add_argument("--per-line", type=int, default=8)
    args = ap.parse_args(argv)
    lines = unlabelled_lines(args.shared, args.per_line)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{args.out}: {len(lines)} texts")


if __name__ == "__main__":
    main()

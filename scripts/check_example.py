"""Quotes, speakers and stances that nlpkit finds in an article (default: the shared example).

    python scripts/check_example.py [../shared/examples/kaktus-2022-01.txt]
"""

from __future__ import annotations

import sys
from pathlib import Path

import nlpkit


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/examples/kaktus-2022-01.txt")
    doc = nlpkit.load()(path.read_text(encoding="utf-8"))
    for q in doc.quotes:
        cue = q.cue.text if q.cue else "-"
        src = q.source.text if q.source else "-"
        print(f"{q.kind:8} {q.stance or '-':11} speaker={q.speaker!s:22} cue={cue:12} "
              f"source={src:18} «{q.text[:70]}»")


if __name__ == "__main__":
    main()

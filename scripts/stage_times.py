"""Where one process's time goes: milliseconds per document in each stage of the full pipeline.

    python scripts/stage_times.py [--docs 400] [--batch-size 64] [--threads 2] [--device cpu]

The first half of the documents warms the caches (words, names, cue forms); the second half is
timed. Encoder passes are timed with the device synchronised (on CUDA the kernels run
asynchronously), so "encoder" is the model arithmetic and "everything else" is the work in
Python (words, windows, rules, name forms, speakers, tokenising stance inputs) that bounds a
process on a GPU. Run by ``scripts/gpu_check.sh`` on a lent GPU.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def wrap(owner, name: str, key: str, acc: collections.Counter, sync) -> None:
    """Add the wall time of every ``owner.name`` call to ``acc[key]``."""
    inner = getattr(owner, name)

    def timed(*args, **kwargs):
        sync()
        t0 = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            sync()
            acc[key] += time.perf_counter() - t0

    setattr(owner, name, timed)


def texts_for(n: int, shared: Path) -> list[str]:
    if shared.exists():
        from benchmark import load_docs

        texts = load_docs(n, str(shared))
        return (texts * (n // max(len(texts), 1) + 1))[:n]
    base = [p for p in (ROOT / "nlpkit/examples/article.txt").read_text(encoding="utf-8")
            .split("\n\n") if p]
    return [" ".join(base[i % len(base):] + base[:i % len(base)]) for i in range(n)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--device", default=None)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--json", help="also write the figures to this file")
    for task in ("ner", "quotes", "stance"):
        ap.add_argument(f"--{task}", help=f"{task} model folder (default: shipped)")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)

    import nlpkit
    import nlpkit.ner as ner
    import nlpkit.quotes as quotes
    import nlpkit.stance as stance
    import nlpkit.tagger as tagger

    nlp = nlpkit.load(device=args.device, ner=args.ner, quotes=args.quotes, stance=args.stance)
    cuda = nlp.device.type == "cuda"
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    acc: collections.Counter = collections.Counter()
    # the encoders' passes (sequence_logits is imported by name into nlpkit.stance)
    wrap(tagger.WordTagger, "_forward", "encoder: NER and quote tagger", acc, sync)
    wrap(stance, "sequence_logits", "encoder: stance", acc, sync)
    wrap(ner.NER, "__call__", "NER (encoder, words, rules, name forms)", acc, sync)
    wrap(quotes.Quotes, "__call__", "quotes (encoder, rules, speakers)", acc, sync)
    wrap(stance.Stance, "__call__", "stance (encoder, inputs, tokenising)", acc, sync)
    texts = texts_for(args.docs, Path(args.shared))
    half = len(texts) // 2
    for _ in nlp.pipe(texts[:half], batch_size=args.batch_size):
        pass
    acc.clear()
    sync()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts[half:], batch_size=args.batch_size):
        pass
    sync()
    total = time.perf_counter() - t0
    n = len(texts) - half
    encoder = acc["encoder: NER and quote tagger"] + acc["encoder: stance"]
    rows = {"total": total, **dict(acc), "everything else (total − encoders)": total - encoder}
    print(f"{n} documents timed after {half} warm-up, batch {args.batch_size}, "
          f"device {nlp.device}, {args.threads} threads: {n / total:.1f} docs/s")
    for key, sec in rows.items():
        print(f"{key:42} {sec / n * 1000:8.2f} ms/doc {100 * sec / total:6.1f} %")
    if args.json:
        Path(args.json).write_text(json.dumps({k: v / n * 1000 for k, v in rows.items()},
                                              indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

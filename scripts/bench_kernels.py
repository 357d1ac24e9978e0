"""Two CPU costs inside an encoder pass, measured side by side in one run.

    python scripts/bench_kernels.py [--model nlpkit/models/ner] [--threads 2] [--rounds 9]

1. **Shapes.** A CPU prepares its matrix kernels (oneDNN primitives) for each input shape the
   first time it sees it. The script times a forward pass over a batch of a new shape and the
   same pass again, for several shapes: what each new shape costs. Batches padded to a multiple
   of ``PAD_MULTIPLE`` tokens (``nlpkit.modelio``) repeat a few shapes over a long run.
2. **Fused products.** The whole encoder in bf16 on [16, 256] token ids, in turns: with torch's
   usual operations (``F.linear`` then GELU, then the residual added) and with nlpkit's
   :class:`nlpkit.encoder.Dense` (oneDNN's linear with the bias, GELU or residual in the same
   call). Prints the median time of each, the median per-round ratio, and how far the logits
   move.

The encoder runs in bf16 whatever the CPU; on one without native bf16 (no AVX512-BF16 or AMX)
nlpkit runs fp32 and the fused path is not used.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlpkit import encoder  # noqa: E402

FAST = encoder.Dense._fast


def unfused(on: bool) -> None:
    """Route :class:`encoder.Dense` through torch's usual operations (``on``) or back."""
    encoder.Dense._fast = (lambda self, x: False) if on else FAST  # type: ignore[method-assign]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(ROOT / "nlpkit" / "models" / "ner"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=9)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    config = json.loads((Path(args.model) / "config.json").read_text(encoding="utf-8"))
    model = encoder.load_model(args.model, config).eval().to(torch.bfloat16)
    vocab = model.config.vocab_size
    torch.manual_seed(0)

    def forward(ids: torch.Tensor) -> torch.Tensor:
        return model(input_ids=ids).logits

    with torch.inference_mode():
        forward(torch.randint(5, vocab, (16, 256)))
        print("1. shapes: a forward pass over a new shape, then the same shape again (ms)")
        print(f"{'batch':>6} {'width':>6} {'new':>8} {'again':>8} {'cost':>8}")
        for batch, width in ((20, 197), (7, 197), (20, 150), (7, 97), (16, 224), (16, 224)):
            ids = torch.randint(5, vocab, (batch, width))
            t0 = time.perf_counter()
            forward(ids)
            t1 = time.perf_counter()
            forward(ids)
            t2 = time.perf_counter()
            print(f"{batch:6} {width:6} {1000 * (t1 - t0):8.1f} {1000 * (t2 - t1):8.1f} "
                  f"{1000 * ((t1 - t0) - (t2 - t1)):8.1f}")
        print("(the last row repeats a shape already prepared: its cost is noise)")

        ids = torch.randint(5, vocab, (16, 256))
        times: dict[str, list[float]] = {"torch ops": [], "fused (nlpkit)": []}
        outs = {}
        for k in range(args.rounds + 1):
            for name in times:
                unfused(name == "torch ops")
                t0 = time.perf_counter()
                out = forward(ids)
                if k:  # the first round prepares the kernels
                    times[name].append(time.perf_counter() - t0)
                outs[name] = out.float()
        unfused(False)
    base = times["torch ops"]
    print(f"\n2. the encoder in bf16 on [16, 256] ids, {args.threads} threads, "
          f"{args.rounds} rounds")
    for name, ts in times.items():
        ratio = statistics.median(b / t for b, t in zip(base, ts))
        print(f"{name:16} {1000 * statistics.median(ts):8.1f} ms   speed ×{ratio:.2f}")
    a, b = outs["torch ops"], outs["fused (nlpkit)"]
    print(f"logits: largest difference {(a - b).abs().max().item():.4f}; "
          f"same label at {100 * (a.argmax(-1) == b.argmax(-1)).float().mean().item():.2f} % "
          f"of positions")


if __name__ == "__main__":
    main()

"""Compiled graphs against nlpkit's eager encoder on a CPU, side by side in one run.

    python scripts/bench_compile.py [--model nlpkit/models/ner] [--threads 2] [--rounds 7]
    pip install torchao        # optional: adds the int8 row (not a dependency of nlpkit)

On [16, 256] windows of real news (Collection5 and factRuEval texts, tokenised by the model's
tokenizer; ``--shared``), in turns, one pass of each per round:

- **eager bf16**: nlpkit's encoder as the pipeline runs it (oneDNN products with their bias,
  GELU or residual fused, ``nlpkit.encoder.Dense``);
- **torch.compile bf16**: the same model through inductor with frozen weights;
- **int8 (PT2E)**: torchao's X86InductorQuantizer (static int8 activations and weights,
  calibrated on other windows of the same news), run compiled under bf16 autocast: the route
  to the CPU's int8 matrix units (AMX) with the activations' quantisation fused into the
  preceding operations, which eager torch cannot do.

Prints each one's compile time, median pass time, median per-round speed against eager bf16,
and how often its label agrees with eager bf16 at the windows' real positions. Session 23
(AMX machine, 2 threads): compile ×0.9–1.04, int8 ×1.02–1.15 at 99.5 % agreement: not adopted
(``model_cards/distillation.md``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from nlpkit import encoder  # noqa: E402
from nlpkit.tokens import Tokenizer  # noqa: E402

BATCH, WIDTH = 16, 256


def windows(model_dir: str, shared: str, count: int) -> list[torch.Tensor]:
    """``count`` batches of [BATCH, WIDTH] ids cut from consecutive news texts."""
    from benchmark import load_docs

    tok = Tokenizer(model_dir)
    ids: list[int] = []
    for text in load_docs(1122, shared):
        ids += tok([text], add_special_tokens=False)["input_ids"][0]
        if len(ids) >= count * BATCH * (WIDTH - 2):
            break
    body = torch.tensor(ids[: count * BATCH * (WIDTH - 2)]).view(count, BATCH, WIDTH - 2)
    cls = torch.full((count, BATCH, 1), tok.cls_token_id)
    sep = torch.full((count, BATCH, 1), tok.sep_token_id)
    return list(torch.cat([cls, body, sep], -1))


class Logits(torch.nn.Module):
    """The token classifier as a function of its ids alone (what export and compile take)."""

    def __init__(self, model: torch.nn.Module):
        super().__init__()
        self.model = model

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=ids).logits


def int8_model(model_dir: str, config: dict, calibration: list[torch.Tensor]):
    """The PT2E int8 model compiled, or None without torchao."""
    try:
        import torchao.quantization.pt2e.quantizer.x86_inductor_quantizer as xiq
        from torchao.quantization.pt2e.quantize_pt2e import convert_pt2e, prepare_pt2e
    except ImportError:
        return None
    fp32 = encoder.plain_linears(encoder.load_model(model_dir, config).eval().float())
    graph = torch.export.export(Logits(fp32), (calibration[0],)).module()
    quantizer = xiq.X86InductorQuantizer()
    quantizer.set_global(xiq.get_default_x86_inductor_quantization_config())
    prepared = prepare_pt2e(graph, quantizer)
    with torch.no_grad():
        for ids in calibration:
            prepared(ids)
    return torch.compile(convert_pt2e(prepared))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=str(ROOT / "nlpkit" / "models" / "ner"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    torch.set_num_threads(args.threads)
    import torch._inductor.config as inductor

    inductor.freezing = True
    config = json.loads((Path(args.model) / "config.json").read_text(encoding="utf-8"))
    batches = windows(args.model, args.shared, args.rounds + 5)
    timed, calibration = batches[: args.rounds + 1], batches[args.rounds + 1:]
    eager = Logits(encoder.load_model(args.model, config).eval().to(torch.bfloat16))
    systems: dict = {"eager bf16": eager}
    built: dict[str, float] = {}
    with torch.no_grad():
        t0 = time.perf_counter()
        systems["torch.compile bf16"] = torch.compile(eager)
        systems["torch.compile bf16"](timed[0])
        built["torch.compile bf16"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        q8 = int8_model(args.model, config, calibration)
        if q8 is not None:
            with torch.autocast("cpu", dtype=torch.bfloat16):
                q8(timed[0])
            systems["int8 (PT2E)"] = q8
            built["int8 (PT2E)"] = time.perf_counter() - t0
        else:
            print("torchao is not installed: no int8 row")
        times: dict[str, list[float]] = {name: [] for name in systems}
        agree: dict[str, list[float]] = {name: [] for name in systems}
        for k, ids in enumerate(timed):
            labels = None
            for name, run in systems.items():
                with torch.autocast("cpu", dtype=torch.bfloat16, enabled=name == "int8 (PT2E)"):
                    t0 = time.perf_counter()
                    out = run(ids)
                    spent = time.perf_counter() - t0
                if k:  # the first round prepares the kernels
                    times[name].append(spent)
                got = out.float().argmax(-1)[:, 1:-1]
                labels = got if labels is None else labels
                agree[name].append((got == labels).float().mean().item())
    base = times["eager bf16"]
    print(f"[{BATCH}, {WIDTH}] windows of news, {args.threads} threads, {args.rounds} rounds")
    print(f"{'system':20} {'build s':>8} {'ms':>8} {'speed':>7} {'same label':>11}")
    for name, ts in times.items():
        ratio = statistics.median(b / t for b, t in zip(base, ts))
        print(f"{name:20} {built.get(name, 0.0):8.1f} {1000 * statistics.median(ts):8.1f} "
              f"{ratio:6.2f}× {100 * statistics.mean(agree[name]):10.2f}%")


if __name__ == "__main__":
    main()

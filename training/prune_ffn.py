"""Narrow a BERT-like model's feed-forward layers: keep the units that carry the most.

    python -m training.prune_ffn MODEL OUT --units 768 [--texts FILE] [--sample 800]

Each layer's feed-forward block has ``intermediate_size`` units; a unit's weight is the mean
absolute value of its activation over sample texts times the norm of its output weights (what it
adds to the residual stream). The top ``--units`` of each layer stay, in their order, and the
folder gets ``intermediate_size = units``: a standard checkpoint of a narrower shape, which a
distillation (``training.train_ner --teacher``) then trains back. A config has one
width, so every layer is narrowed alike.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import torch
from safetensors.torch import save_file

from nlpkit.encoder import load_weights

__all__ = ["unit_scores", "prune"]


def unit_scores(model_dir: Path, texts: list[str], max_length: int = 256) -> list[torch.Tensor]:
    """Per layer, the score of each feed-forward unit on ``texts`` (each text's first
    ``max_length`` sub-tokens: a sample statistic, not an analysis)."""
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModel.from_pretrained(model_dir, dtype=torch.float32).eval()
    layers = model.encoder.layer
    sums = [torch.zeros(lay.intermediate.dense.out_features) for lay in layers]
    tokens = 0
    mask = torch.zeros(0)

    def hook(i):
        def grab(_mod, _inp, out):  # padding positions do not count
            sums[i] += (out.abs() * mask.unsqueeze(-1).to(out.dtype)).sum((0, 1))
        return grab

    handles = [lay.intermediate.register_forward_hook(hook(i)) for i, lay in enumerate(layers)]
    with torch.inference_mode():
        for k in range(0, len(texts), 16):
            enc = tok(texts[k : k + 16], truncation=True, max_length=max_length, padding=True,
                      return_tensors="pt")
            mask = enc["attention_mask"]
            tokens += int(mask.sum())
            model(**enc)
    for h in handles:
        h.remove()
    out = []
    for i, lay in enumerate(layers):
        w_out = lay.output.dense.weight.detach().float()  # [hidden, units]
        out.append(sums[i] / max(1, tokens) * w_out.norm(dim=0))
    return out


def prune(model_dir: Path, out_dir: Path, scores: list[torch.Tensor], units: int) -> None:
    """Write ``model_dir`` with each layer's top ``units`` feed-forward units to ``out_dir``."""
    if not any((model_dir / n).is_file() for n in ("model.safetensors",
                                                    "model.safetensors.index.json")):
        raise ValueError(f"{model_dir}: no model*.safetensors weights to prune")
    if not 0 < units <= min(len(s) for s in scores):
        raise ValueError(f"units={units}: a layer has {min(len(s) for s in scores)} units; keep "
                         "between 1 and that many")
    weights = load_weights(model_dir)  # one file or shards
    prefix = next(k for k in weights if ".encoder.layer.0." in k or k.startswith("encoder.layer.0."))
    prefix = prefix[: prefix.index("encoder.layer.0.")]
    for i, s in enumerate(scores):
        keep = torch.sort(torch.topk(s, units).indices).values
        base = f"{prefix}encoder.layer.{i}."
        for name in ("intermediate.dense.weight", "intermediate.dense.bias"):
            weights[base + name] = weights[base + name][keep].contiguous()
        w = weights[base + "output.dense.weight"]
        weights[base + "output.dense.weight"] = w[:, keep].contiguous()
    out_dir.mkdir(parents=True, exist_ok=True)
    for f in model_dir.iterdir():
        if f.is_file() and not f.name.startswith("model") and f.name not in ("README.md",
                                                                              "training_run.json"):
            shutil.copy(f, out_dir / f.name)
    cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    cfg["intermediate_size"] = units
    (out_dir / "config.json").write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n",
                                         encoding="utf-8")
    save_file(weights, str(out_dir / "model.safetensors"), metadata={"format": "pt"})


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--units", type=int, required=True)
    ap.add_argument("--texts", type=Path, help="a text file, a paragraph a line (default: "
                    "build/unlabelled.txt)", default=Path("build/unlabelled.txt"))
    ap.add_argument("--sample", type=int, default=800, help="lines of --texts to score on")
    args = ap.parse_args(argv)
    lines = [ln for ln in args.texts.read_text(encoding="utf-8").splitlines() if ln.strip()]
    step = max(1, len(lines) // args.sample)
    scores = unit_scores(args.model, lines[::step][: args.sample])
    prune(args.model, args.out, scores, args.units)
    print(f"{args.out}: {args.units} feed-forward units a layer (of {len(scores[0])})")


if __name__ == "__main__":
    main()

"""What smaller models would buy: the speed of the pipeline with fewer layers, before training any.

    python scripts/shape_grid.py [--ner 3,2] [--stance 6,4] [--docs 150] [--repeats 3]
                                 [--out build/grid] [--dry]

A model's speed depends on its shape (layers, width, vocabulary), not on its weights. The script
cuts the shipped models into the shapes a distillation could give, and runs
``scripts/benchmark.py`` on them beside natasha and the shipped models, in one run on the same
documents:

- ``nerK``: the shipped NER's first K layers and its head;
- ``quotesK``: a quote tagger that shares those first K − 1 layers with ``nerK`` (so nlpkit
  runs them once for both, ``nlpkit/trunk.py``) and has one layer of its own on top, the shipped
  tagger's own top layer and head;
- ``stanceM``: the shipped stance model's first M layers and its head.

Their labels mean nothing (the cut models are untrained); only the timings count. The table
says which shapes reach a speed target, and so what a student distilled on a GPU must be
(``scripts/gpu_distill.sh``, ``training/configs/stance_distill.json``). ``--dry`` builds the
models and prints the benchmark command without running it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from gpu_bundle import _layer, _weights, keep_layers  # noqa: E402


def shared_quotes(ner: Path, quotes: Path, out: Path, layers: int) -> None:
    """A quote tagger of ``layers`` layers: the NER model's embeddings and first
    ``layers`` − 1 layers, then the quote tagger's own top layer and head."""
    from safetensors.torch import save_file

    ner_w, quote_w = _weights(ner), _weights(quotes)
    cfg = json.loads((quotes / "config.json").read_text(encoding="utf-8"))
    top = cfg["num_hidden_layers"] - 1
    tensors = {}
    for name, t in ner_w.items():
        n = _layer(name)
        if (n is None and not name.startswith("classifier")) or (n is not None and n < layers - 1):
            tensors[name] = t
    for name, t in quote_w.items():
        if _layer(name) == top:
            tensors[name.replace(f"encoder.layer.{top}.", f"encoder.layer.{layers - 1}.")] = t
        elif name.startswith("classifier"):
            tensors[name] = t
    out.mkdir(parents=True, exist_ok=True)
    for f in quotes.iterdir():
        if f.is_file() and not f.name.startswith("model"):
            shutil.copy(f, out / f.name)
    cfg["num_hidden_layers"] = layers
    (out / "config.json").write_text(json.dumps(cfg, indent=2, ensure_ascii=False),
                                     encoding="utf-8")
    save_file({k: v.contiguous() for k, v in tensors.items()}, str(out / "model.safetensors"),
              metadata={"format": "pt"})


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ner", default="3,2", help="NER layer counts to try")
    ap.add_argument("--stance", default="6,4", help="stance layer counts to try")
    ap.add_argument("--models", type=Path, default=ROOT / "nlpkit" / "models")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "grid")
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--dry", action="store_true", help="build, print the command, run nothing")
    args = ap.parse_args(argv)
    ner_k = [int(x) for x in args.ner.split(",") if x]
    stance_m = [int(x) for x in args.stance.split(",") if x]
    for k in ner_k:
        keep_layers(args.models / "ner", args.out / f"ner{k}", k)
        shared_quotes(args.models / "ner", args.models / "quotes", args.out / f"quotes{k}", k)
    for m in stance_m:
        keep_layers(args.models / "stance", args.out / f"stance{m}", m)
    g = args.out
    systems = ["natasha", "nlpkit-ner", "nlpkit-ner:p2"]
    for k in ner_k:
        systems += [f"nlpkit-ner@{g}/ner{k}", f"nlpkit-ner@{g}/ner{k}:p2"]
    systems += ["nlpkit-full", "nlpkit-full:p2"]
    for m in stance_m:
        systems.append(f"nlpkit-full@stance={g}/stance{m}")
    for k in ner_k:
        for m in stance_m:
            full = f"nlpkit-full@ner={g}/ner{k}+quotes={g}/quotes{k}+stance={g}/stance{m}"
            systems += [full, f"{full}:p2"]
    cmd = [sys.executable, str(ROOT / "scripts" / "benchmark.py"), "--docs", str(args.docs),
           "--repeats", str(args.repeats), "--systems", ",".join(systems)]
    print(" ".join(cmd), flush=True)
    if not args.dry:
        sys.exit(subprocess.call(cmd))


if __name__ == "__main__":
    main()

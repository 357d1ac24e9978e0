#!/usr/bin/env bash
# One prepared run for a lent GPU machine (no network there): train NER at 4, 6, 8 and 12 layers
# of the offline base, score each with the full rules on the fixed validation split, train the
# quote tagger from the best NER that fits the size budget (4 or 6 layers) and stance at 12 and 8
# layers, score quotes/speakers/stance end to end, run scripts/gpu_check.sh on the result, and
# bundle what must come back (weights stripped of the frozen tensors, scripts/gpu_bundle.py).
#
# Prepare here (the device tool carries .gpu/, which .git/info/exclude ignores):
#   python scripts/gpu_bundle.py pack-base build/base-e5-l12 .gpu/base.npz
#   tar -cJf .gpu/shared.tar.xz -C .. shared/data ; wheels of pymorphy3, its dictionaries,
#   DAWG2-Python, razdel, seqeval and transformers in .gpu/whl
# There:  bash scripts/gpu_train.sh   (results under $OUT)
source "$(dirname "$0")/gpu_env.sh"

bash scripts/gpu_setup.sh 4 6 8 | tee -a "$OUT/summary.txt" || { say "set-up failed"; exit 1; }
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee -a "$OUT/summary.txt"
say "set up"

# configs: the shipped ones, without intermediate checkpoints
$PY - <<'PY'
import json
from pathlib import Path
ner = json.loads(Path("training/configs/ner.json").read_text())
for name, layers, epochs in (("l4", 4, 5), ("l4e10", 4, 10), ("l6", 6, 5), ("l12", 12, 5)):
    c = dict(ner, base=f"build/base-e5-l{layers}", output=f"build/ner-{name}", run_dir=f"runs/ner-{name}",
             epochs=epochs, save_steps=10**6)
    Path(f"build/cfg/ner-{name}.json").write_text(json.dumps(c))
stance = json.loads(Path("nlpkit/models/stance/training_run.json").read_text())["config"]
stance.pop("labels", None)
for layers in (12, 8):
    c = dict(stance, base=f"build/base-e5-l{layers}", output=f"build/stance-l{layers}",
             run_dir=f"runs/stance-l{layers}", save_steps=10**6)
    Path(f"build/cfg/stance-l{layers}.json").write_text(json.dumps(c))
PY

tmo 240 $PY -m training.train_ner --config build/cfg/ner-l12.json ${DRY:+--max-steps 2} > logs/ner-l12.log 2>&1 &
L12=$!
PIDS=()
for v in l4 l4e10 l6; do
  tmo 300 $PY -m training.train_ner --config build/cfg/ner-$v.json ${DRY:+--max-steps 2} > logs/ner-$v.log 2>&1 &
  PIDS+=($!)
done
wait "${PIDS[@]}"
say "NER trained (4 and 6 layers)"
PIDS=()
for v in l4 l4e10 l6; do
  [ -f build/ner-$v/config.json ] || { say "ner-$v missing"; tail -n 5 logs/ner-$v.log >> "$OUT/summary.txt"; continue; }
  tmo 200 $PY scripts/eval_ner.py --model build/ner-$v --no-natasha ${DRY:+--limit 5} --json "$OUT/ner-$v.json" > logs/eval-ner-$v.log 2>&1 &
  PIDS+=($!)
done
wait "${PIDS[@]}"
for v in l4 l4e10 l6; do echo "== ner-$v" >> "$OUT/summary.txt"; cat logs/eval-ner-$v.log >> "$OUT/summary.txt" 2>/dev/null; done
W=$($PY - <<'PY'
import json
from pathlib import Path
f1 = {}
for v in ("l4", "l4e10", "l6"):
    p = Path(f"{__import__('os').environ['OUT']}/ner-{v}.json")
    if p.exists():
        f1[v] = json.loads(p.read_text())["all/nlpkit"]["micro"]["f1"]
best4 = max((v for v in f1 if v.startswith("l4")), key=f1.get, default="l4")
# six layers cost 14 MB more (NER + quotes): only for a clear gain
print("l6" if f1.get("l6", 0) >= f1.get(best4, 0) + 0.005 else best4)
PY
)
LW=${W:1:1}
say "chosen NER: $W"

$PY - "$W" "$LW" <<'PY'
import json, sys
from pathlib import Path
w, layers = sys.argv[1], int(sys.argv[2])
q = json.loads(Path("training/configs/quotes.json").read_text())
q.update(base=f"build/ner-{w}", output=f"build/quotes-{w}", run_dir=f"runs/quotes-{w}",
         freeze_layers=layers - 1, save_steps=10**6)
Path("build/cfg/quotes.json").write_text(json.dumps(q))
PY
tmo 240 $PY -m training.train_quotes --config build/cfg/quotes.json ${DRY:+--max-steps 2} > logs/quotes.log 2>&1 &
PIDS=($!)
for L in 12 8; do
  tmo 240 $PY -m training.train_stance --config build/cfg/stance-l$L.json ${DRY:+--max-steps 2} > logs/stance-l$L.log 2>&1 &
  PIDS+=($!)
done
wait $L12
say "NER 12 layers trained"
[ -f build/ner-l12/config.json ] && timeout 200 $PY scripts/eval_ner.py --model build/ner-l12 --no-natasha \
    ${DRY:+--limit 5} --json "$OUT/ner-l12.json" > logs/eval-ner-l12.log 2>&1 &
PIDS+=($!)
wait "${PIDS[@]}"
echo "== ner-l12" >> "$OUT/summary.txt"; cat logs/eval-ner-l12.log >> "$OUT/summary.txt" 2>/dev/null
say "quotes and stance trained"
grep -h "macro\|train_seconds" logs/stance-l*.log | tail -6 >> "$OUT/summary.txt"
PIDS=()
for L in 12 8; do
  tmo 240 $PY scripts/eval_quotes.py --ner build/ner-$W --quotes build/quotes-$W \
      --stance build/stance-l$L ${DRY:+--limit 5} --json "$OUT/quotes-stance-l$L.json" > logs/eval-quotes-l$L.log 2>&1 &
  PIDS+=($!)
done
wait "${PIDS[@]}"
for L in 12 8; do echo "== quotes $W, stance l$L" >> "$OUT/summary.txt"; tail -30 logs/eval-quotes-l$L.log >> "$OUT/summary.txt"; done
say "end-to-end scored"

# what comes back: stripped weights + each folder's small files, in chunks under 16 MiB
mkdir -p back
strip() { $PY scripts/gpu_bundle.py strip "build/$1" "$2" "back/$1.safetensors" &&
          mkdir -p "back/$1" && cp build/$1/config.json build/$1/tokenizer_config.json build/$1/training_run.json "back/$1/"; }
strip ner-$W build/base-e5-l$LW
strip quotes-$W build/ner-$W
[ "$LW" = 4 ] || strip stance-l8 build/base-e5-l8
cp logs/*.log back/ 2>/dev/null
tar -cf - back | split -b 15M - "$OUT/back.tar.part-"
ls -la "$OUT" >> "$OUT/summary.txt"
say "bundled"

LEFT=$((570 - $(date +%s) + T0))
[ "$LEFT" -gt 60 ] && timeout $LEFT bash scripts/gpu_check.sh ${DOCS:-2000} --ner build/ner-$W --quotes build/quotes-$W \
    --stance build/stance-l12 2>&1 | tee "$OUT/gpu_check.txt"
say "gpu check done"

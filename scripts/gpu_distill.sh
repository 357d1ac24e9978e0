#!/usr/bin/env bash
# One prepared run for a lent GPU machine (no network there): distil NER into the shipped shape.
#  1. a 12-layer teacher on the NER training split (training/configs/ner.json, base of 12 layers);
#  2. 4-layer students that learn the teacher's softened word-level distributions as well as the
#     gold (training/token_train.py: teacher, distill_weight, distill_temperature), with and without
#     unlabelled news (RuSentNE sentences, less any found in a validation document, packed eight to
#     a text). STUDENTS picks them (default "s3 n768"): s1-s3 have the shipped shape (session 15
#     shipped s3); n768 starts from the base narrowed to 768 feed-forward units a layer
#     (training/prune_ffn.py; 1.19x NER speed, session 22) and trains 10 epochs;
#  3. the quote tagger on each student's first 3 layers (training/configs/quotes.json);
#  4. NER validation figures of the teacher and each student with the full rules
#     (scripts/eval_ner.py --no-natasha), and the students' weights stripped of the frozen
#     embeddings (scripts/gpu_bundle.py) to come back under the device tool's limits.
# Prepare here (.gpu/ is ignored by .git/info/exclude; the shipped weights must not travel):
#   python -m training.build_base --out build/base-e5-l12-f32 --corpus ../shared/data --dtype float32
#   python scripts/gpu_bundle.py pack-base build/base-e5-l12-f32 .gpu/base.npz
#   tar -cJf .gpu/shared.tar.xz -C .. shared/data; wheels of pymorphy3 (+ dictionaries, DAWG2,
#   DAWG2-Python), razdel, seqeval and transformers in .gpu/whl
# There: bash scripts/gpu_distill.sh (results under $OUT); DRY=1 here: two steps each, local base.
# Back here: python scripts/gpu_bundle.py restore back/ner-s1.safetensors build/base-e5-l4 DIR
source "$(dirname "$0")/gpu_env.sh"
STUDENTS=${STUDENTS:-"s3 n768"}
if [ -z "${DRY:-}" ]; then
  bash scripts/gpu_setup.sh 4 | tee -a "$OUT/summary.txt" || { say "set-up failed"; exit 1; }
  nvidia-smi --query-gpu=name,memory.total --format=csv,noheader | tee -a "$OUT/summary.txt"
fi
say "set up"

$PY -m training.unlabelled --out build/unlabelled.txt | tee -a "$OUT/summary.txt" || exit 2
$PY -m training.prune_ffn build/base-e5-l4 build/base-e5-l4-f768 --units 768 \
    --texts build/unlabelled.txt | tee -a "$OUT/summary.txt" || exit 2
$PY - <<'PY' || { say "configs failed"; exit 2; }
import json
from pathlib import Path
ner = json.loads(Path("training/configs/ner.json").read_text())
Path("build/cfg/t12.json").write_text(json.dumps(dict(
    ner, base="build/base-e5-l12", output="build/ner-t12", run_dir="runs/ner-t12", epochs=5,
    save_steps=10**6)))
for name, weight, epochs, base in (("s1", 0.5, 8, "l4"), ("s2", 0.5, 8, "l4"), ("s3", 0.8, 8, "l4"),
                                   ("n768", 0.8, 10, "l4-f768")):
    Path(f"build/cfg/{name}.json").write_text(json.dumps(dict(
        ner, base=f"build/base-e5-{base}", output=f"build/ner-{name}", run_dir=f"runs/ner-{name}",
        epochs=epochs, save_steps=10**6, teacher="build/ner-t12", distill_weight=weight,
        distill_temperature=2.0)))
    q = json.loads(Path("training/configs/quotes.json").read_text())
    Path(f"build/cfg/q-{name}.json").write_text(json.dumps(dict(
        q, base=f"build/ner-{name}", output=f"build/quotes-{name}", run_dir=f"runs/quotes-{name}",
        freeze_layers=3, save_steps=10**6)))
PY
STEPS=${DRY:+--max-steps 2}
LIMIT=${DRY:+--limit 3}
tmo 220 $PY -m training.train_ner --config build/cfg/t12.json $STEPS > logs/t12.log 2>&1
say "teacher trained (rc $?)"
[ -f build/ner-t12/config.json ] || { tail -n 20 logs/t12.log | tee -a "$OUT/summary.txt"; exit 3; }
tmo 300 $PY scripts/eval_ner.py --model build/ner-t12 --no-natasha $LIMIT --json logs/ner-t12.json \
    > logs/eval-t12.log 2>&1 &
EVALS=($!)
PIDS=()
for s in $STUDENTS; do
  U=--unlabeled=build/unlabelled.txt
  [ "$s" = s2 ] && U=
  tmo 250 $PY -m training.train_ner --config build/cfg/$s.json $U $STEPS > logs/$s.log 2>&1 &
  PIDS+=($!)
done
wait "${PIDS[@]}"
say "students trained"
PIDS=()
for s in $STUDENTS; do
  [ -f build/ner-$s/config.json ] || { say "ner-$s missing"; tail -n 8 logs/$s.log >> "$OUT/summary.txt"; continue; }
  tmo 130 $PY -m training.train_quotes --config build/cfg/q-$s.json $STEPS > logs/q-$s.log 2>&1 &
  PIDS+=($!)
  tmo 200 $PY scripts/eval_ner.py --model build/ner-$s --no-natasha $LIMIT --json logs/ner-$s.json \
      > logs/eval-$s.log 2>&1 &
  EVALS+=($!)
done
wait "${PIDS[@]}"
say "quote taggers trained"
mkdir -p back
for s in $STUDENTS; do
  [ -f build/ner-$s/config.json ] || continue
  $PY scripts/gpu_bundle.py strip build/ner-$s build/base-e5-l4 back/ner-$s.safetensors
  mkdir -p back/ner-$s && cp build/ner-$s/config.json build/ner-$s/tokenizer_config.json \
      build/ner-$s/training_run.json back/ner-$s/
  [ -f build/quotes-$s/config.json ] || continue
  $PY scripts/gpu_bundle.py strip build/quotes-$s build/ner-$s back/quotes-$s.safetensors
  mkdir -p back/quotes-$s && cp build/quotes-$s/config.json build/quotes-$s/tokenizer_config.json \
      build/quotes-$s/training_run.json back/quotes-$s/
done
cp logs/*.log back/ 2>/dev/null
tar -cf - back | split -b 15M - "$OUT/back.tar.part-"
say "bundled"
wait "${EVALS[@]}"
for f in logs/eval-*.log; do echo "== $f" >> "$OUT/summary.txt"; tail -n 14 "$f" >> "$OUT/summary.txt"; done
# the figures as JSON, inside the summary (what comes back is at most 8 files)
for f in logs/ner-*.json; do echo "== $f $(cat "$f")" >> "$OUT/summary.txt"; done
grep -h "train_seconds\|unlabelled" build/ner-*/training_run.json >> "$OUT/summary.txt" 2>/dev/null
ls -la "$OUT" >> "$OUT/summary.txt"
say "done"

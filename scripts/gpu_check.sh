#!/usr/bin/env bash
# One prepared run for a lent GPU machine: installs nothing from the network and prints
#  1. documents/s, tokens/s and peak GPU memory of nlpkit NER and of the full pipeline in one
#     process at several batch sizes (bf16 autocast), on real news (../shared/data when present,
#     else the bundled article, rotated);
#  2. the CPU fallback on the same documents: do its entities and quotes agree with the GPU's?
#  3. the full pipeline under torchrun with several processes sharing the GPU (the rules run on
#     the CPU cores): wall-clock documents/s, and whether the output equals a single process's;
#     before it, one process's milliseconds per document by stage (scripts/stage_times.py).
# Usage: bash scripts/gpu_check.sh [DOCS] [--ner DIR --quotes DIR --stance DIR]
# Environment: GPU_CHECK_PROCS (default "8 16"), GPU_CHECK_TABLE_DOCS (documents for the
# one-process table, default DOCS), GPU_CHECK_COMPARE=0 (skip the one-process analyze run and
# the comparison with it: long inputs), GPU_CHECK_BATCH (documents per batch in each process
# of torchrun and of --workers, default 256).
set -uo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-3000}
shift || true
WORK=${GPU_CHECK_DIR:-/tmp/gpu_check}
mkdir -p "$WORK"
python3 - "$DOCS" "$WORK" "$@" <<'PY'
import json, sys, time
from pathlib import Path
import torch
import nlpkit

n, work = int(sys.argv[1]), Path(sys.argv[2])
models = dict(zip([a.lstrip("-") for a in sys.argv[3::2]], sys.argv[4::2]))
sys.path.insert(0, "scripts")
from stage_times import texts_for  # real news of ../shared/data, else the example rotated
texts = texts_for(n, Path("../shared/data"))
with open(work / "in.jsonl", "w", encoding="utf-8") as fh:
    for i, t in enumerate(texts):
        fh.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
cuda = torch.cuda.is_available()
print(f"device: {torch.cuda.get_device_name(0) if cuda else 'cpu'}; {n} documents, "
      f"{sum(map(len, texts)) / n:.0f} characters each on average")
print(f"{'pipeline':10} {'batch':>6} {'docs':>6} {'docs/s':>9} {'tokens/s':>10} {'peak GPU MB':>12}")
results = {}
table = int(__import__("os").environ.get("GPU_CHECK_TABLE_DOCS", n))
for tasks, name, count in ((["ner"], "ner", min(n, table)), (None, "full", min(n, table, 1000))):
    nlp = nlpkit.load(tasks=tasks, **models)
    tok = getattr(getattr(nlp.ner, "tagger", None), "tokenizer", None)
    ntok = sum(len(x) for x in tok(texts[:count], add_special_tokens=False)["input_ids"]) if tok else 0
    for bs in (64, 256, 1024):
        if cuda:
            torch.cuda.reset_peak_memory_stats()
        list(nlp.pipe(texts[:bs], batch_size=bs))
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts[:count], batch_size=bs))
        dt = time.perf_counter() - t0
        peak = torch.cuda.max_memory_allocated() / 2**20 if cuda else 0
        results[(name, bs)] = docs
        print(f"{name:10} {bs:6d} {count:6d} {count / dt:9.1f} {ntok / dt:10.0f} {peak:12.0f}")
if cuda:
    k = 100
    cpu = nlpkit.load(device="cpu", **models)
    ref = cpu.analyze(texts[:k])
    gpu = results[("full", 64)][:k]
    ents = sum([(e.start, e.end, e.label) for e in a.entities]
               == [(e.start, e.end, e.label) for e in b.entities] for a, b in zip(ref, gpu))
    quotes = sum([(q.start, q.end, q.speaker) for q in a.quotes]
                 == [(q.start, q.end, q.speaker) for q in b.quotes] for a, b in zip(ref, gpu))
    stance = sum([q.stance for q in a.quotes] == [q.stance for q in b.quotes]
                 for a, b in zip(ref, gpu))
    print(f"CPU (fp32) vs GPU (bf16) on {k} documents: same entities {ents}/{k}, same quotes and "
          f"speakers {quotes}/{k}, same stances {stance}/{k}")
PY
echo
ARGS=("$@")
# where one process's time goes on this machine (encoders against the work in Python)
python3 scripts/stage_times.py --docs "${GPU_CHECK_STAGE_DOCS:-2000}" \
    --batch-size "${GPU_CHECK_BATCH:-256}" --threads 1 "${ARGS[@]}" 2>/dev/null
echo
# documents per batch in each process: one process ran the full pipeline at 58 docs/s with 64
# and 101 with 256 (model_cards/gpu_check.md, run 2)
BATCH=${GPU_CHECK_BATCH:-256}
printf '%-24s %9s %8s  %s\n' "full pipeline, torchrun" "docs/s" "wall s" "output against 1 process"
rm -f "$WORK/out-1.jsonl"
if [ "${GPU_CHECK_COMPARE:-1}" != 0 ]; then
  python3 -m nlpkit analyze "$WORK/in.jsonl" --out "$WORK/out-1.jsonl" --batch-size "$BATCH" "${ARGS[@]}" 2>"$WORK/err-1" >/dev/null
  grep -h "docs/s" "$WORK/err-1"
fi
compare() {  # compare OUT: the one-process output against OUT
  if [ -f "$WORK/out-1.jsonl" ]; then python3 -c 'import json, sys
def plain(o):  # a record without its scores: batch padding moves the last digits of a score
    if isinstance(o, dict):
        return {k: plain(v) for k, v in o.items() if not k.endswith(("score", "scores"))}
    return [plain(x) for x in o] if isinstance(o, list) else o
a, b = ([json.loads(x) for x in open(p, encoding="utf-8")] for p in sys.argv[1:])
ids = [x["id"] for x in a] == [x["id"] for x in b]
print("same ids and order: %s; %d of %d records equal, %d equal apart from scores"
      % (ids, sum(x == y for x, y in zip(a, b)), len(a), sum(plain(x) == plain(y) for x, y in zip(a, b))))' "$WORK/out-1.jsonl" "$1"
  else echo "not compared"; fi
}
row() {  # row LABEL T0 T1 RC OUT: documents/s, wall seconds and the comparison of OUT
  python3 -c 'import sys; n, t0, t1, k, same, rc = sys.argv[1:]; t = float(t1) - float(t0)
print("%-24s %9.1f %8.1f  (rc %s) %s" % (k, int(n) / t, t, rc, same))' \
      "$(wc -l < "$WORK/in.jsonl")" "$2" "$3" "$1" "$(compare "$5")" "$4"
}
for N in ${GPU_CHECK_PROCS:-8 16}; do
  t0=$(date +%s.%N)
  python3 -m torch.distributed.run --standalone --nproc_per_node "$N" -m nlpkit analyze "$WORK/in.jsonl" \
      --out "$WORK/out-$N.jsonl" --batch-size "$BATCH" --threads 1 "${ARGS[@]}" >/dev/null 2>"$WORK/err-$N"
  rc=$?
  t1=$(date +%s.%N)
  row "$N processes, 1 GPU" "$t0" "$t1" "$rc" "$WORK/out-$N.jsonl"
  grep -h "docs/s" "$WORK/err-$N" | python3 -c 'import re, sys
rates = [float(m.group(1)) for m in map(re.compile(r"; ([0-9.]+) docs/s").search, sys.stdin) if m]
print("  each process once loaded: %s docs/s; together %.0f" % (
    " ".join("%.0f" % r for r in rates), sum(rates)))'
done
# one parent with N spawned workers sharing the GPU (nlpkit analyze --workers): no torchrun
for N in ${GPU_CHECK_WORKERS:-16}; do
  t0=$(date +%s.%N)
  python3 -m nlpkit analyze "$WORK/in.jsonl" --out "$WORK/out-w$N.jsonl" --batch-size "$BATCH" \
      --workers "$N" --threads 1 "${ARGS[@]}" >/dev/null 2>"$WORK/err-w$N"
  rc=$?
  t1=$(date +%s.%N)
  row "$N workers, 1 GPU" "$t0" "$t1" "$rc" "$WORK/out-w$N.jsonl"
done

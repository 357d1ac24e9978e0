# The set-up both GPU training runs share (sourced by gpu_train.sh and gpu_distill.sh): results
# under $OUT, logs and configs under logs/ and build/cfg, the carried wheels on the path, and
# `say` for a timed line in $OUT/summary.txt.
set -uo pipefail
export OUT=${OUT:-/tmp/gpu-out}
mkdir -p "$OUT" logs build/cfg
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false PYTHONPATH=/tmp/site:$PWD
T0=$(date +%s)
say() { echo "[$(($(date +%s) - T0)) s] $*" | tee -a "$OUT/summary.txt"; }
PY=python3
# `tmo N cmd ...`: timeout N on the GPU machine; no limit in a DRY run here, where 2 CPU cores
# evaluate far slower than the limits sized for the GPU
tmo() { if [ -n "${DRY:-}" ]; then shift; "$@"; else timeout "$@"; fi; }

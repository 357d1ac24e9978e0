#!/usr/bin/env bash
# What a GPU run does first on the bare machine, which reaches no network: install the carried
# wheels into /tmp/site, unpack ../shared/data and the packed base (scripts/gpu_bundle.py), and
# cut the base to each layer count given. Used by gpu_train.sh and gpu_shipped.sh.
# Usage: bash scripts/gpu_setup.sh [LAYERS ...]      (run from the repository root)
set -u
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site .gpu/whl/*.whl || { echo "gpu_setup: wheel install failed"; exit 3; }
tar -xJf .gpu/shared.tar.xz -C .. || { echo "gpu_setup: no .gpu/shared.tar.xz"; exit 4; }
python3 scripts/gpu_bundle.py unpack-base .gpu/base.npz build/base-e5-l12 || exit 5
for L in "$@"; do
  python3 scripts/gpu_bundle.py keep-layers build/base-e5-l12 "build/base-e5-l$L" --layers "$L" || exit 5
done

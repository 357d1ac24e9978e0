"""Copy a trained model folder into the package (``nlpkit/models/<task>``), weights in fp16.

    python -m training.ship ner build/ner
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

KEEP = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
        "special_tokens_map.json", "README.md", "training_run.json")


SHARD_BYTES = 45_000_000  # no file of the repository over 50 MB


def compact_json(src: Path, dst: Path) -> None:
    data = json.loads(src.read_text(encoding="utf-8"))
    dst.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def ship(task: str, src: str | Path) -> Path:
    from safetensors.torch import load_file, save_file

    src = Path(src)
    dst = Path(__file__).resolve().parents[1] / "nlpkit" / "models" / task
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    for name in KEEP:
        if (src / name).exists() and name not in ("model.safetensors", "tokenizer.json"):
            shutil.copy2(src / name, dst / name)
    if (src / "tokenizer.json").exists():  # compact JSON: half the size, same tokenizer
        compact_json(src / "tokenizer.json", dst / "tokenizer.json")
    tensors = {k: (v.half() if v.is_floating_point() else v) for k, v in
               load_file(src / "model.safetensors").items()}
    shards: list[dict] = [{}]
    for k, v in tensors.items():  # files under SHARD_BYTES, in transformers' sharded layout
        if shards[-1] and sum(t.nbytes for t in shards[-1].values()) + v.nbytes > SHARD_BYTES:
            shards.append({})
        shards[-1][k] = v
    if len(shards) == 1:
        save_file(tensors, dst / "model.safetensors", metadata={"format": "pt"})
    else:
        weight_map = {}
        for i, shard in enumerate(shards, 1):
            name = f"model-{i:05d}-of-{len(shards):05d}.safetensors"
            save_file(shard, dst / name, metadata={"format": "pt"})
            weight_map.update(dict.fromkeys(shard, name))
        index = {"metadata": {"total_size": sum(v.nbytes for v in tensors.values())},
                 "weight_map": weight_map}
        (dst / "model.safetensors.index.json").write_text(json.dumps(index, indent=2))
    size = sum(p.stat().st_size for p in dst.iterdir()) / 2**20
    print(f"shipped {task}: {dst} ({size:.1f} MB)")
    return dst


if __name__ == "__main__":
    ship(sys.argv[1], sys.argv[2])

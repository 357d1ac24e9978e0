"""training/prune_ffn.py: a narrower feed-forward block that keeps the units that carry weight."""

from __future__ import annotations

import json

import torch
from safetensors.torch import load_file, save_file

from tests.conftest import NER_LABELS, save_tiny
from training.prune_ffn import prune, unit_scores

TEXTS = ["Министр Руслан Казакбаев заявил, что Бишкек ответит.", "По словам мэра Москвы, всё в порядке."]


def _logits(folder, texts):
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForTokenClassification.from_pretrained(folder, dtype=torch.float32).eval()
    with torch.inference_mode():
        return model(**tok(texts, padding=True, return_tensors="pt")).logits


def test_units_without_output_weight_score_zero_and_go_first(tmp_path):
    src = save_tiny(tmp_path / "ner", "token", NER_LABELS)
    path = src / "model.safetensors"
    w = load_file(str(path))
    dead = list(range(0, 37, 2))  # 19 of the 37 units add nothing to the residual stream
    for layer in range(2):
        w[f"bert.encoder.layer.{layer}.output.dense.weight"][:, dead] = 0
    save_file(w, str(path), metadata={"format": "pt"})

    scores = unit_scores(src, TEXTS)
    assert [len(s) for s in scores] == [37, 37]
    assert all(float(s[dead].abs().max()) == 0 and float(s.max()) > 0 for s in scores)

    prune(src, tmp_path / "narrow", scores, 18)
    cfg = json.loads((tmp_path / "narrow" / "config.json").read_text(encoding="utf-8"))
    assert cfg["intermediate_size"] == 18
    narrow = load_file(str(tmp_path / "narrow" / "model.safetensors"))
    assert narrow["bert.encoder.layer.1.intermediate.dense.weight"].shape == (18, 32)
    assert narrow["bert.encoder.layer.1.output.dense.weight"].shape == (32, 18)
    # only dead units went, so the narrower model computes the same function
    assert torch.allclose(_logits(src, TEXTS), _logits(tmp_path / "narrow", TEXTS), atol=1e-5)


def test_a_pruned_folder_serves_the_ner_pipeline(tmp_path):
    import nlpkit

    src = save_tiny(tmp_path / "ner", "token", NER_LABELS)
    prune(src, tmp_path / "narrow", [torch.arange(37.0)] * 2, 8)
    w = load_file(str(tmp_path / "narrow" / "model.safetensors"))
    # the top 8 scores are the last 8 units, kept in their order
    full = load_file(str(src / "model.safetensors"))
    key = "bert.encoder.layer.0.intermediate.dense.bias"
    assert torch.equal(w[key], full[key][29:])
    doc = nlpkit.load(tasks=["ner"], ner=str(tmp_path / "narrow"), device="cpu")(TEXTS[0])
    assert all(TEXTS[0][e.start:e.end] == e.text for e in doc.entities)


def test_sharded_weights_are_read_and_bad_widths_refused(tmp_path):
    import pytest

    src = save_tiny(tmp_path / "ner", "token", NER_LABELS)
    w = load_file(str(src / "model.safetensors"))
    names = sorted(w)
    (src / "model.safetensors").unlink()
    half = len(names) // 2
    for i, part in enumerate((names[:half], names[half:]), 1):  # ship.py's sharded layout
        save_file({k: w[k] for k in part}, str(src / f"model-{i:05d}-of-00002.safetensors"),
                  metadata={"format": "pt"})
    (src / "model.safetensors.index.json").write_text(json.dumps({"weight_map": {
        k: f"model-{1 if k in names[:half] else 2:05d}-of-00002.safetensors" for k in names}}))
    prune(src, tmp_path / "narrow", [torch.arange(37.0)] * 2, 10)
    narrow = load_file(str(tmp_path / "narrow" / "model.safetensors"))
    assert set(narrow) == set(names)
    assert not (tmp_path / "narrow" / "model.safetensors.index.json").exists()
    assert _logits(tmp_path / "narrow", TEXTS).shape[-1] == len(NER_LABELS)
    with pytest.raises(ValueError, match="units=38"):
        prune(src, tmp_path / "wide", [torch.arange(37.0)] * 2, 38)
    with pytest.raises(ValueError, match="no model"):
        prune(tmp_path / "narrow" / "missing", tmp_path / "x", [torch.arange(37.0)], 4)

"""scripts/shape_grid.py: the cut models it benchmarks have the shapes it names, and its quote
tagger shares the NER model's lower layers (so the pipeline runs them once, as it would for a
trained pair of that shape)."""

from __future__ import annotations

import importlib.util
import json

import torch
from safetensors.torch import load_file

from tests.conftest import ROOT
from tests.test_trunk import _quote_model_from

spec = importlib.util.spec_from_file_location("shape_grid", ROOT / "scripts" / "shape_grid.py")
assert spec is not None and spec.loader is not None
grid = importlib.util.module_from_spec(spec)
spec.loader.exec_module(grid)


def test_cut_quote_tagger_shares_the_ner_layers_and_keeps_its_own_top(tiny_ner, tmp_path):
    from nlpkit.tagger import WordTagger

    quotes = _quote_model_from(tiny_ner, tmp_path / "quotes", shared=1)  # 2 layers, 1 shared
    out = tmp_path / "quotes-cut"
    grid.shared_quotes(tiny_ner, quotes, out, layers=1)  # no NER layer below, its own on top
    cfg = json.loads((out / "config.json").read_text(encoding="utf-8"))
    assert cfg["num_hidden_layers"] == 1
    cut, orig = load_file(str(out / "model.safetensors")), load_file(
        str(quotes / "model.safetensors"))
    assert not any(".layer.1." in k for k in cut)
    for k, v in orig.items():  # the tagger's top layer became layer 0; its head is kept
        if ".layer.1." in k:
            assert torch.equal(cut[k.replace(".layer.1.", ".layer.0.")], v)
        if k.startswith("classifier"):
            assert torch.equal(cut[k], v)
    grid.shared_quotes(tiny_ner, quotes, tmp_path / "q2", layers=2)
    ner = WordTagger(tiny_ner, "cpu", precision="fp32")
    tagger = WordTagger(tmp_path / "q2", "cpu", precision="fp32")
    assert tagger.share_trunk(ner) == 1  # the NER model's first layer, run once for both
    tags, _ = tagger.predict([["Министр", "заявил", ":", "«", "Да", "»"]])[0]
    assert len(tags) == 6

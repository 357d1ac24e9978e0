"""BERT classifiers for inference that need none of transformers' model code.

nlpkit's models are standard transformers checkpoints (``config.json`` + safetensors). Importing
transformers' BERT modelling code takes about 3 s on a CPU (it pulls in torch.distributed, sympy
and dynamo) and most of a cold ``nlpkit.load()``; the arithmetic of a BERT encoder is a dozen
torch calls. :class:`TokenClassifier` and :class:`SequenceClassifier` hold the same parameters
under the same names as ``BertForTokenClassification`` and ``BertForSequenceClassification`` and
run the same torch operations in the same order (sdpa attention, the same masks), so their logits
equal transformers' bit for bit on the same device and dtype (``tests/test_encoder.py`` checks
it against transformers), except in bf16 on a CPU: there :class:`Dense` hands the products with
their bias, GELU and residual to oneDNN in one call each (the encoder 1.2–1.3× as fast; logits
move in their last bits, labels and every validation figure stay as they were).

Only what :func:`supports` accepts is loaded here (BERT with absolute positions, GELU, no
decoder parts); any other architecture is loaded by transformers (``nlpkit.modelio``).
"""

from __future__ import annotations

import functools
import json
from contextvars import ContextVar
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import torch
from torch import nn
from torch.nn import functional as F

__all__ = ["supports", "TokenClassifier", "SequenceClassifier", "load_model", "load_weights"]

ARCHITECTURES = ("BertForTokenClassification", "BertForSequenceClassification")


def supports(config: dict[str, Any]) -> bool:
    """Whether a model config describes what :class:`TokenClassifier` or
    :class:`SequenceClassifier` computes exactly."""
    archs = config.get("architectures") or []
    return (config.get("model_type") == "bert"
            and len(archs) == 1 and archs[0] in ARCHITECTURES
            and config.get("problem_type") in (None, "single_label_classification")
            and config.get("hidden_act") == "gelu"
            and config.get("position_embedding_type", "absolute") == "absolute"
            and not config.get("is_decoder") and not config.get("add_cross_attention")
            and not config.get("chunk_size_feed_forward")
            and config.get("hidden_size", 0) % max(config.get("num_attention_heads", 1), 1) == 0)


def model_config(config: dict[str, Any]) -> SimpleNamespace:
    """The config as attributes, labels keyed by integer as transformers keeps them."""
    cfg = dict(config)
    id2label = {int(k): v for k, v in (cfg.get("id2label") or {}).items()}
    cfg["id2label"] = id2label
    cfg["label2id"] = {v: k for k, v in id2label.items()}
    cfg["num_labels"] = len(id2label)
    return SimpleNamespace(**cfg)


# True while a folder is loaded: new linear and embedding layers leave their tensors
# uninitialised, since the checkpoint replaces them (random initialisation was 0.8 s of a cold
# load; the "meta" device costs over a second the first time a process uses it)
_LOADING: ContextVar[bool] = ContextVar("nlpkit_encoder_loading", default=False)


@functools.cache
def _onednn_linear() -> bool:
    return torch.backends.mkldnn.is_available() and hasattr(torch.ops.mkldnn, "_linear_pointwise")


class Dense(nn.Linear):
    """``nn.Linear`` that runs bf16 inference on a CPU through oneDNN's linear; :func:`_gelu_of`
    and :func:`_plus` hand it the GELU after it or the residual added to it, done in the same call.

    Torch's ``addmm`` first copies the bias over the whole output, and GELU and the residual
    each read and write it once more; fused, the whole encoder is 1.2–1.3× as fast on a CPU
    (``scripts/bench_kernels.py``). The plain product is the same bit for bit; GELU and the
    residual are rounded to bf16 once instead of twice, which moves logits in their last bits
    and left every validation figure unchanged (README). Anything else (fp32, a GPU, training)
    runs torch's usual operations.
    """

    def _fast(self, x: torch.Tensor) -> bool:
        return (x.dtype == torch.bfloat16 and x.device.type == "cpu"
                and self.weight.dtype == x.dtype and not torch.is_grad_enabled()
                and _onednn_linear())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self._fast(x):
            return torch.ops.mkldnn._linear_pointwise(x, self.weight, self.bias, "none", [], "")
        return F.linear(x, self.weight, self.bias)


def _gelu_of(dense: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """``gelu(dense(x))`` (exact GELU, as BERT's ``"gelu"``), in one oneDNN call where ``dense``
    is a :class:`Dense` on its fast path; torch's operations otherwise (and once quantised)."""
    if isinstance(dense, Dense) and dense._fast(x):
        return torch.ops.mkldnn._linear_pointwise(x, dense.weight, dense.bias, "gelu", [],
                                                  "none")
    return F.gelu(dense(x))


def _plus(dense: nn.Module, x: torch.Tensor, other: torch.Tensor) -> torch.Tensor:
    """``dense(x) + other``, in one oneDNN call where ``dense`` is a :class:`Dense` on its fast
    path."""
    if (isinstance(dense, Dense) and dense._fast(x) and other.dtype == x.dtype
            and other.is_contiguous()):
        return torch.ops.mkldnn._linear_pointwise.binary(x, other, dense.weight, dense.bias,
                                                         "add")
    return dense(x) + other


def plain_linears(model: nn.Module) -> nn.Module:
    """Turn every :class:`Dense` of ``model`` into a plain ``nn.Linear`` (same parameters), as
    torch's quantisation, which swaps modules by exact type, needs."""
    for module in model.modules():
        if type(module) is Dense:
            module.__class__ = nn.Linear  # type: ignore[assignment]
    return model


def _linear(width_in: int, width_out: int) -> Dense:
    if not _LOADING.get():
        return Dense(width_in, width_out)
    layer = Dense.__new__(Dense)
    nn.Module.__init__(layer)
    layer.in_features, layer.out_features = width_in, width_out
    layer.weight = nn.Parameter(torch.empty(width_out, width_in))
    layer.bias = nn.Parameter(torch.empty(width_out))
    return layer


def _embedding(count: int, width: int, padding_idx: int | None = None) -> nn.Embedding:
    weight = torch.empty(count, width) if _LOADING.get() else None
    return nn.Embedding(count, width, padding_idx=padding_idx, _weight=weight)


class Embeddings(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.word_embeddings = _embedding(c.vocab_size, c.hidden_size,
                                            padding_idx=getattr(c, "pad_token_id", None))
        self.position_embeddings = _embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = _embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor | None = None
                ) -> torch.Tensor:
        length = input_ids.shape[1]
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        positions = torch.arange(length, device=input_ids.device)[None]
        hidden = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
        return self.LayerNorm(hidden + self.position_embeddings(positions))


class SelfAttention(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.heads = c.num_attention_heads
        self.size = c.hidden_size // c.num_attention_heads
        self.scaling = self.size ** -0.5
        self.query = _linear(c.hidden_size, c.hidden_size)
        self.key = _linear(c.hidden_size, c.hidden_size)
        self.value = _linear(c.hidden_size, c.hidden_size)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        shape = (*hidden.shape[:-1], -1, self.size)
        q = self.query(hidden).view(*shape).transpose(1, 2)
        k = self.key(hidden).view(*shape).transpose(1, 2)
        v = self.value(hidden).view(*shape).transpose(1, 2)
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=0.0,
                                             scale=self.scaling, is_causal=False)
        out = out.reshape(out.shape[0], -1, q.shape[2], v.shape[-1]).transpose(1, 2).contiguous()
        return out.reshape(*hidden.shape[:-1], -1).contiguous()


class DenseNorm(nn.Module):
    """``LayerNorm(dense(x) + residual)``: BERT's attention output and layer output."""

    def __init__(self, c: SimpleNamespace, width: int):
        super().__init__()
        self.dense = _linear(width, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, hidden: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(_plus(self.dense, hidden, residual))


class Attention(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.self = SelfAttention(c)
        self.output = DenseNorm(c, c.hidden_size)


class Intermediate(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.dense = _linear(c.hidden_size, c.intermediate_size)


class Layer(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.attention = Attention(c)
        self.intermediate = Intermediate(c)
        self.output = DenseNorm(c, c.intermediate_size)

    def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor | None = None
                ) -> torch.Tensor:
        attended = self.attention.output(self.attention.self(hidden, attention_mask), hidden)
        return self.output(_gelu_of(self.intermediate.dense, attended), attended)


class Encoder(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.layer = nn.ModuleList(Layer(c) for _ in range(c.num_hidden_layers))


class Pooler(nn.Module):
    """The [CLS] state through a dense layer and tanh (a sequence classifier's readout)."""

    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.dense = _linear(c.hidden_size, c.hidden_size)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.dense(hidden[:, 0]))


class Bert(nn.Module):
    def __init__(self, c: SimpleNamespace, pooler: bool = False):
        super().__init__()
        self.embeddings = Embeddings(c)
        self.encoder = Encoder(c)
        self.pooler = Pooler(c) if pooler else None


def sdpa_mask(mask: torch.Tensor | None) -> torch.Tensor | None:
    """The mask transformers hands to sdpa for a padding mask: none when nothing is padded,
    else a boolean ``[batch, 1, length, length]`` mask."""
    if mask is None or bool(mask.all()):
        return None
    n, length = mask.shape
    return mask.bool()[:, None, None, :].expand(n, 1, length, length)


class TokenClassifier(nn.Module):
    """``BertForTokenClassification`` for inference; ``model(input_ids=…, attention_mask=…)``
    returns an object with ``.logits`` as transformers does."""

    base_model_prefix = "bert"
    pooled = False  # token logits; SequenceClassifier reads the pooled [CLS] state

    def __init__(self, config: dict[str, Any]):
        super().__init__()
        self.config = model_config(config)
        self.bert = Bert(self.config, pooler=self.pooled)
        self.classifier = _linear(self.config.hidden_size, self.config.num_labels)

    @property
    def base_model(self) -> Bert:
        return self.bert

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None,
                token_type_ids: torch.Tensor | None = None) -> SimpleNamespace:
        hidden = self.bert.embeddings(input_ids, token_type_ids)
        mask = sdpa_mask(attention_mask)
        for layer in self.bert.encoder.layer:
            hidden = layer(hidden, mask)
        if self.bert.pooler is not None:
            hidden = self.bert.pooler(hidden)
        return SimpleNamespace(logits=self.classifier(hidden))

    def save_pretrained(self, folder: str | Path, **_: Any) -> None:
        """A transformers checkpoint folder (``config.json``, ``model.safetensors``) that
        transformers and :meth:`from_folder` both load."""
        from safetensors.torch import save_file

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        cfg = dict(vars(self.config))
        cfg["id2label"] = {str(k): v for k, v in cfg["id2label"].items()}
        cfg.pop("num_labels", None)
        (folder / "config.json").write_text(json.dumps(cfg, ensure_ascii=False, indent=2),
                                            encoding="utf-8")
        state = {k: v.detach().contiguous().cpu() for k, v in self.state_dict().items()}
        save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})

    @classmethod
    def from_folder(cls, folder: str | Path, config: dict[str, Any] | None = None
                    ) -> TokenClassifier:
        """The model of a transformers checkpoint folder, in the dtype its weights are stored
        in (as transformers loads them); ``config``: its ``config.json``, when already read."""
        folder = Path(folder)
        if config is None:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        token = _LOADING.set(True)
        try:
            model = cls(config)
        finally:
            _LOADING.reset(token)
        state = {k: v for k, v in load_weights(folder).items()
                 if not k.endswith("position_ids")}  # a buffer some older checkpoints store
        # the stored tensors become the parameters, in the dtype they are stored in
        missing, unexpected = model.load_state_dict(state, strict=False, assign=True)
        if missing or unexpected:
            raise ValueError(f"weights do not match a {cls.__name__}: missing "
                             f"{sorted(missing)[:5]}, unexpected {sorted(unexpected)[:5]}")
        return model


def load_weights(folder: Path) -> dict[str, torch.Tensor]:
    """All tensors of a folder's safetensors weights (one file or a sharded index)."""
    from safetensors.torch import load_file

    index = folder / "model.safetensors.index.json"
    if index.is_file():
        files = sorted(set(json.loads(index.read_text(encoding="utf-8"))["weight_map"].values()))
    else:
        files = ["model.safetensors"]
    state: dict[str, torch.Tensor] = {}
    for name in files:
        state.update(load_file(str(folder / name)))
    return state


class SequenceClassifier(TokenClassifier):
    """``BertForSequenceClassification`` for inference: logits ``[batch, labels]`` from the
    pooled [CLS] state."""

    pooled = True


def load_model(folder: str | Path, config: dict[str, Any] | None = None) -> TokenClassifier:
    """The classifier a folder's ``config.json`` names (see :func:`supports`)."""
    folder = Path(folder)
    if config is None:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    arch = (config.get("architectures") or [""])[0]
    cls = SequenceClassifier if arch == "BertForSequenceClassification" else TokenClassifier
    return cls.from_folder(folder, config)

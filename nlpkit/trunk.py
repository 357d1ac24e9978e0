"""Two token classifiers that share their first layers run those layers once.

A quote tagger trained from the NER model with its embeddings and first ``k`` layers frozen
(``freeze_layers`` in ``training/configs/quotes.json``) holds those layers unchanged. Each model
folder stays a standard, self-contained transformers checkpoint; at load time
:func:`shared_layers` finds how many leading layers two models have in common (equal weights),
and :func:`forward_split` runs a model from any layer so that the NER pass hands its layer-``k``
states to the quote tagger. A model whose architecture does not expose BERT's parts
(``base_model.embeddings``, ``base_model.encoder.layer``, ``classifier``), or whose split
forward does not reproduce its own forward on a probe, is never shared.
"""

from __future__ import annotations

import torch

__all__ = ["shared_layers", "forward_split", "embed"]


def _parts(model):
    base = getattr(model, "base_model", None)
    emb = getattr(base, "embeddings", None)
    layers = getattr(getattr(base, "encoder", None), "layer", None)
    head = getattr(model, "classifier", None)
    if emb is None or layers is None or head is None or getattr(base, "pooler", None) is not None:
        return None
    return emb, layers, head


def embed(model, ids: torch.Tensor) -> torch.Tensor:
    """The embedding layer's output for ``ids``."""
    parts = _parts(model)
    assert parts is not None
    return parts[0](input_ids=ids)


def forward_split(model, hidden: torch.Tensor, mask: torch.Tensor, start: int = 0,
                  stop: int | None = None, head: bool = True) -> torch.Tensor:
    """Run layers ``start:stop`` on ``hidden`` (then the classifier when ``head``)."""
    parts = _parts(model)
    assert parts is not None
    _, layers, classifier = parts
    # an additive mask over keys, broadcast over heads and queries, in the dtype attention
    # computes in (under autocast, the autocast dtype)
    kind = hidden.device.type
    dtype = torch.get_autocast_dtype(kind) if torch.is_autocast_enabled(kind) else hidden.dtype
    add = torch.zeros(mask.shape, dtype=dtype, device=hidden.device)
    add = add.masked_fill(mask == 0, torch.finfo(dtype).min)[:, None, None, :]
    for layer in layers[start:stop]:
        out = layer(hidden, attention_mask=add)
        hidden = out[0] if isinstance(out, tuple) else out
    return classifier(hidden) if head else hidden


def _same(a: torch.nn.Module, b: torch.nn.Module) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(
        sa[k].shape == sb[k].shape and sa[k].dtype == sb[k].dtype and torch.equal(sa[k], sb[k])
        for k in sa)


@torch.inference_mode()
def _reproduces(model) -> bool:
    """Whether the split forward gives the model's own logits on a probe input."""
    n = model.config.vocab_size
    ids = torch.tensor([[1 % n, 5 % n, 7 % n, 9 % n], [1 % n, 6 % n, 0, 0]],
                       device=next(model.parameters()).device)
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]], device=ids.device)
    try:
        ref = model(input_ids=ids, attention_mask=mask).logits.float()
        got = forward_split(model, embed(model, ids), mask).float()
    except Exception:  # an architecture whose layers take other arguments: do not share
        return False
    keep = mask.bool()
    return torch.allclose(ref[keep], got[keep], atol=1e-2, rtol=1e-2)


def shared_layers(a, b) -> int:
    """How many leading encoder layers ``a`` and ``b`` hold with equal weights (0 when their
    embeddings differ or either model cannot run split)."""
    pa, pb = _parts(a), _parts(b)
    if pa is None or pb is None or not _same(pa[0], pb[0]):
        return 0
    k = 0
    for la, lb in zip(pa[1], pb[1]):
        if not _same(la, lb):
            break
        k += 1
    if k == 0 or not (_reproduces(a) and _reproduces(b)):
        return 0
    return k

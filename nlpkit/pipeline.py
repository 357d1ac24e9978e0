"""``nlpkit.load()``: the pipeline of NER → quotes → speakers → stance."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import torch

from nlpkit.modelio import resolve_device
from nlpkit.types import Document

__all__ = ["Pipeline", "load", "default_model_path", "TASKS"]

TASKS = ("ner", "quotes", "stance")


def default_model_path(task: str) -> Path | None:
    """The model folder shipped inside the package for ``task``, if there is one."""
    folder = Path(str(resources.files("nlpkit"))) / "models" / task
    return folder if (folder / "config.json").is_file() else None


class InputError(TypeError):
    """A document that is not text."""


class Pipeline:
    """Analyse texts: ``nlp(text)`` → :class:`Document`; ``nlp.pipe(texts)`` streams them."""

    def __init__(self, ner=None, quotes=None, stance=None, device: torch.device | None = None):
        self.ner, self.quotes, self.stance = ner, quotes, stance
        self.device = device or torch.device("cpu")

    @property
    def tasks(self) -> list[str]:
        return [t for t in TASKS if getattr(self, t) is not None]

    def __call__(self, text: str, id: str | None = None) -> Document:
        return self.analyze([text], [id])[0]

    def analyze(self, texts: Sequence[str], ids: Sequence[str | None] | None = None
                ) -> list[Document]:
        """Analyse one batch of texts."""
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise InputError(f"document {i} is {type(t).__name__}, not str")
        ids = list(ids) if ids is not None else [None] * len(texts)
        entities = self.ner(texts) if self.ner is not None else [[] for _ in texts]
        quotes = self.quotes(texts, entities) if self.quotes is not None else [[] for _ in texts]
        if self.stance is not None and self.quotes is not None:
            quotes = self.stance(texts, quotes)
        return [Document(t, tuple(e), tuple(q), i) for t, e, q, i in
                zip(texts, entities, quotes, ids)]

    def pipe(self, texts: Any, batch_size: int = 64,
             column: str = "text") -> Iterator[Document]:
        """Documents in input order, analysed ``batch_size`` at a time.

        ``texts`` may be any iterable of strings or a ``datasets.Dataset`` (its ``column``).
        """
        if hasattr(texts, "column_names") and column in getattr(texts, "column_names", []):
            texts = iter(texts[column])  # a datasets.Dataset: read the text column
        batch: list[str] = []
        for text in texts:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from self.analyze(batch)
                batch = []
        if batch:
            yield from self.analyze(batch)


def load(tasks: Sequence[str] | None = None, device: str | torch.device | None = None,
         ner: str | Path | None = None, quotes: str | Path | None = None,
         stance: str | Path | None = None, use_rules: bool = True,
         precision: str = "auto") -> Pipeline:
    """The pipeline with the shipped models, or with the folders given per task.

    ``tasks``: a subset of ``("ner", "quotes", "stance")`` (default: all). Quotes need
    entities for speakers, so ``"quotes"`` brings ``"ner"``; ``"stance"`` brings ``"quotes"``.
    ``device=None`` → CUDA when present, else CPU. ``precision``: ``"auto"`` (bf16 autocast on CUDA;
    bf16 weights on a CPU with native bf16, about 2× fp32 with unchanged F1; else fp32),
    ``"fp32"``, ``"bf16"``, or ``"int8"`` (dynamic int8 on CPU; see the NER card for its cost).
    Nothing is downloaded.
    """
    from nlpkit.ner import NER
    from nlpkit.quotes import Quotes
    from nlpkit.stance import Stance

    wanted = set(tasks) if tasks is not None else set(TASKS)
    unknown = wanted - set(TASKS)
    if unknown:
        raise ValueError(f"unknown tasks {sorted(unknown)}; choose from {TASKS}")
    if "stance" in wanted:
        wanted.add("quotes")
    if "quotes" in wanted:
        wanted.add("ner")
    dev = resolve_device(device)
    paths = {"ner": ner, "quotes": quotes, "stance": stance}
    built: dict[str, Any] = {}
    for task in TASKS:
        if task not in wanted:
            continue
        path = paths[task] or default_model_path(task)
        if task == "ner":
            if path is None:
                raise FileNotFoundError("no NER model is shipped in this installation; "
                                        "pass ner=PATH")
            built[task] = NER(path, dev, precision=precision)
        elif task == "quotes":
            built[task] = Quotes(path, dev, use_rules=use_rules,
                                 precision=precision)
        else:
            built[task] = Stance(path, dev, precision=precision)
    ner_model, quote_model = built.get("ner"), built.get("quotes")
    if ner_model is not None and quote_model is not None and quote_model.tagger is not None:
        # a quote tagger trained on the NER model's frozen layers takes their states from the
        # NER pass instead of running them again (nlpkit.trunk)
        quote_model.tagger.share_trunk(ner_model.tagger)
    return Pipeline(ner_model, quote_model, built.get("stance"), dev)

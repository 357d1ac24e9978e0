"""``nlpkit.load()``: the pipeline of NER → quotes → speakers → stance."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import torch

from nlpkit.modelio import resolve_device
from nlpkit.text import split_words
from nlpkit.types import Document

__all__ = ["Pipeline", "load", "load_spec", "default_model_path", "TASKS"]

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
        self.spec: dict[str, Any] | None = None  # load()'s arguments: what a worker loads
        self._pool: Any = None

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
        split = [split_words(t) for t in texts]  # once, for NER and the quote tagger both
        entities = self.ner(texts, words=split) if self.ner is not None else [[] for _ in texts]
        quotes = self.quotes(texts, entities, words=split) if self.quotes is not None \
            else [[] for _ in texts]
        if self.stance is not None and self.quotes is not None:
            quotes = self.stance(texts, quotes)
        return [Document(t, tuple(e), tuple(q), i) for t, e, q, i in
                zip(texts, entities, quotes, ids)]

    def pipe(self, texts: Any, batch_size: int | None = None, column: str = "text",
             n_process: int = 1, threads: int | None = None) -> Iterator[Document]:
        """Documents in input order, analysed ``batch_size`` at a time (default
        :meth:`default_batch_size`).

        ``texts`` may be any iterable of strings or a ``datasets.Dataset`` (its ``column``).
        ``n_process`` > 1 (a pipeline from :func:`load`): that many worker processes, each with
        ``threads`` torch threads (default: this process's threads shared out), analyse whole
        batches; the documents are the same and come in the same order
        (:mod:`nlpkit.workers`). Workers load the models with :func:`load`'s arguments: a setting
        changed on this pipeline afterwards (``nlp.stance.by_sentence``) does not reach them.
        """
        if hasattr(texts, "column_names") and column in getattr(texts, "column_names", []):
            texts = iter(texts[column])  # a datasets.Dataset: read the text column
        batches = self._batches(texts, batch_size or self.default_batch_size())
        if n_process <= 1:
            for batch in batches:
                yield from self.analyze(batch)
            return
        pool = self.workers(n_process, threads)
        for docs in pool.map((batch, [None] * len(batch)) for batch in batches):
            yield from docs

    def default_batch_size(self) -> int:
        """Documents per batch when none is given, on this pipeline's device
        (:func:`default_batch_size`)."""
        return default_batch_size(self.device)

    def _batches(self, texts, batch_size: int) -> Iterator[list[str]]:
        batch: list[str] = []
        for i, text in enumerate(texts):
            if not isinstance(text, str):  # before any worker sees it
                raise InputError(f"document {i} is {type(text).__name__}, not str")
            batch.append(text)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def workers(self, n_process: int, threads: int | None = None):
        """The worker pool of ``n_process`` processes (started once, kept until :meth:`close`)."""
        from nlpkit.workers import WorkerPool, thread_share

        if self.spec is None:
            raise ValueError("n_process > 1 needs a pipeline made by nlpkit.load(), whose "
                             "arguments each worker loads again")
        threads = threads or thread_share(n_process)
        pool = self._pool
        if pool is None or (pool.n, pool.threads) != (n_process, threads) or not pool.procs:
            self.close()
            pool = self._pool = WorkerPool(self.spec, n_process, threads)
        return pool

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def default_batch_size(device: torch.device) -> int:
    """Documents per batch when none is given: 64 on a CPU; 256 on CUDA, where a process is
    bound by its Python work and fewer, larger encoder passes pay (one process ran the full
    pipeline at 101 documents/s with 256 against 58 with 64, model_cards/gpu_check.md)."""
    return 256 if device.type == "cuda" else 64


def load(tasks: Sequence[str] | None = None, device: str | torch.device | None = None,
         ner: str | Path | None = None, quotes: str | Path | None = None,
         stance: str | Path | None = None, use_rules: bool = True,
         precision: str = "auto", engine: str = "auto") -> Pipeline:
    """The pipeline with the shipped models, or with the folders given per task.

    ``tasks``: a subset of ``("ner", "quotes", "stance")`` (default: all). Quotes need
    entities for speakers, so ``"quotes"`` brings ``"ner"``; ``"stance"`` brings ``"quotes"``.
    ``device=None`` → CUDA when present, else CPU. ``precision``: ``"auto"`` (bf16 autocast on CUDA;
    bf16 weights on a CPU with native bf16, about 2× fp32 with unchanged F1; else fp32),
    ``"fp32"``, ``"bf16"``, or ``"int8"`` (dynamic int8 on CPU; see the NER card for its cost).
    ``engine``: ``"auto"`` runs a BERT token or sequence classifier with nlpkit's own encoder and
    tokenizer (transformers' ids and arithmetic, bf16 products fused on a CPU, without its 4–5 s
    of imports) and anything else with transformers; ``"transformers"`` or ``"nlpkit"`` force one.
    Nothing is downloaded.
    """
    from nlpkit.ner import NER
    from nlpkit.quotes import Quotes
    from nlpkit.stance import Stance

    spec = _spec(tasks, device, ner, quotes, stance, use_rules, precision, engine)
    dev = resolve_device(device)
    paths = {"ner": ner, "quotes": quotes, "stance": stance}
    built: dict[str, Any] = {}
    for task in TASKS:
        if task not in spec["tasks"]:
            continue
        path = paths[task] or default_model_path(task)
        if task == "ner":
            if path is None:
                raise FileNotFoundError("no NER model is shipped in this installation; "
                                        "pass ner=PATH")
            built[task] = NER(path, dev, precision=precision, engine=engine)
        elif task == "quotes":
            built[task] = Quotes(path, dev, use_rules=use_rules,
                                 precision=precision, engine=engine)
        else:
            built[task] = Stance(path, dev, precision=precision, engine=engine)
    ner_model, quote_model = built.get("ner"), built.get("quotes")
    if ner_model is not None and quote_model is not None and quote_model.tagger is not None:
        # a quote tagger trained on the NER model's frozen layers takes their states from the
        # NER pass instead of running them again (nlpkit.trunk)
        quote_model.tagger.share_trunk(ner_model.tagger)
    nlp = Pipeline(ner_model, quote_model, built.get("stance"), dev)
    nlp.spec = spec
    return nlp


def load_spec(tasks: Sequence[str] | None = None, device: str | torch.device | None = None,
              ner: str | Path | None = None, quotes: str | Path | None = None,
              stance: str | Path | None = None, use_rules: bool = True,
              precision: str = "auto", engine: str = "auto") -> dict[str, Any]:
    """:func:`load`'s arguments as a worker process takes them (``WorkerPool``), with the tasks
    each task brings and the device resolved; nothing is loaded. Unknown tasks are refused, and
    a model folder given that is not one is named here, before any worker starts."""
    from nlpkit.modelio import check_model_dir

    spec = _spec(tasks, device, ner, quotes, stance, use_rules, precision, engine)
    for task in spec["tasks"]:
        if spec[task] is not None:
            check_model_dir(spec[task], task)
    return spec


def _spec(tasks, device, ner, quotes, stance, use_rules, precision, engine) -> dict[str, Any]:
    wanted = set(tasks) if tasks is not None else set(TASKS)
    unknown = wanted - set(TASKS)
    if unknown:
        raise ValueError(f"unknown tasks {sorted(unknown)}; choose from {TASKS}")
    if "stance" in wanted:
        wanted.add("quotes")
    if "quotes" in wanted:
        wanted.add("ner")
    dev = resolve_device(device)
    return dict(tasks=sorted(wanted), device="cpu" if dev.type == "cpu" else str(dev),
                ner=_str(ner), quotes=_str(quotes), stance=_str(stance), use_rules=use_rules,
                precision=precision, engine=engine)


def _str(path: str | Path | None) -> str | None:
    return None if path is None else str(path)

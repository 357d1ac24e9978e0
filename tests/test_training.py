"""Training commands on tiny data and a tiny random base: labels from data, resume, errors."""

import json

import pytest

from training.ner_data import DataError

NER_DOCS = [
    {"id": "1", "text": "Сергей Лавров прибыл в Москву.",
     "entities": [{"start": 0, "end": 13, "label": "PER"}, {"start": 23, "end": 29, "label": "LOC"}]},
    {"id": "2", "text": "Компания Газпром сообщила о росте.",
     "entities": [{"start": 9, "end": 16, "label": "ORG"}]},
    {"id": "3", "text": "Анна Петрова посетила Казань и Самару.",
     "entities": [{"start": 0, "end": 12, "label": "PER"}, {"start": 22, "end": 28, "label": "LOC"},
                  {"start": 31, "end": 37, "label": "LOC"}]},
]


def write_jsonl(path, recs):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n",
                    encoding="utf-8")
    return path


def config(tmp_path, base, **kw):
    cfg = {"base": str(base), "output": str(tmp_path / "model"), "run_dir": str(tmp_path / "run"),
           "max_length": 64, "stride": 16, "epochs": 1, "batch_size": 2,
           "learning_rate": 0.001, "save_steps": 1, "freeze_embeddings": True}
    cfg.update(kw)
    path = tmp_path / "cfg.json"
    path.write_text(json.dumps(cfg))
    return path


def test_train_ner_from_jsonl_with_new_labels_and_resume(tmp_path, tiny_base):
    from nlpkit.ner import NER
    from training.train_ner import main

    docs = [dict(d) for d in NER_DOCS]
    docs[1]["entities"] = [{"start": 9, "end": 16, "label": "COMPANY"}]
    train = write_jsonl(tmp_path / "train.jsonl", docs)
    cfg = config(tmp_path, tiny_base, max_steps=2)
    main(["--config", str(cfg), "--train", str(train), "--val", str(train)])
    run = json.loads((tmp_path / "model" / "training_run.json").read_text())
    assert run["resumed_from"] is None
    ner = NER(tmp_path / "model", device="cpu")
    assert ner.labels == ["COMPANY", "LOC", "PER"]  # the label set came from the data
    # the same command again resumes from the last checkpoint instead of starting over
    cfg = config(tmp_path, tiny_base, max_steps=3)
    main(["--config", str(cfg), "--train", str(train)])
    run = json.loads((tmp_path / "model" / "training_run.json").read_text())
    assert run["resumed_from"] and "checkpoint-2" in run["resumed_from"]


def test_training_data_errors_name_file_and_line(tmp_path, tiny_base):
    from training.train_ner import main, read_jsonl_docs

    bad = write_jsonl(tmp_path / "bad.jsonl", [NER_DOCS[0], {"id": "x", "text": "Коротко.",
                      "entities": [{"start": 3, "end": 99, "label": "PER"}]}])
    with pytest.raises(DataError, match=r"bad\.jsonl:2: entity offsets 3-99 outside the text"):
        read_jsonl_docs(bad)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    with pytest.raises(DataError, match="no documents"):
        read_jsonl_docs(empty)
    notext = write_jsonl(tmp_path / "nt.jsonl", [{"id": 1}])
    with pytest.raises(DataError, match=r"nt\.jsonl:1: record has no string 'text'"):
        read_jsonl_docs(notext)
    unlabelled = write_jsonl(tmp_path / "u.jsonl", [{"id": 1, "text": "Нет сущностей."}])
    with pytest.raises(ValueError, match="no labelled spans"):
        main(["--config", str(config(tmp_path, tiny_base)), "--train", str(unlabelled)])


def test_unknown_label_in_validation_is_refused(tmp_path, tiny_base):
    from transformers import AutoTokenizer

    from nlpkit.modelio import load_token_model  # noqa: F401  (import check)
    from training.token_train import build_examples

    tok = AutoTokenizer.from_pretrained(tiny_base)
    with pytest.raises(ValueError, match="unknown labels"):
        build_examples(tok, [["Москва"]], [["B-CITY"]], {"O": 0, "B-LOC": 1}, 32, 8)


def test_distillation_from_a_teacher_on_unlabelled_text(tmp_path, tiny_base):
    import torch

    from training.token_train import UNLABELLED, TrainConfig, distill_loss, load_teacher
    from training.train_ner import main

    train = write_jsonl(tmp_path / "train.jsonl", NER_DOCS)
    main(["--config", str(config(tmp_path, tiny_base, max_steps=2)), "--train", str(train)])
    teacher = tmp_path / "model"
    unlabelled = tmp_path / "news.txt"
    # the second line is inside a validation document: it must not become training text
    unlabelled.write_text("Мэр Казани Ильсур Метшин открыл школу.\nКомпания Газпром сообщила\n",
                          encoding="utf-8")
    out = tmp_path / "student"
    cfg = config(tmp_path, tiny_base, max_steps=2, output=str(out), run_dir=str(tmp_path / "r2"))
    main(["--config", str(cfg), "--train", str(train), "--val", str(train),
          "--teacher", str(teacher), "--unlabeled", str(unlabelled)])
    run = json.loads((out / "training_run.json").read_text())
    assert run["config"]["teacher"] == str(teacher)
    assert "1 unlabelled texts (news.txt)" in run["data"]
    assert run["train_windows"] == len(NER_DOCS) + 1
    # the loss: gold-only windows mix CE with the KL term; unlabelled ones keep the KL alone,
    # which is zero when the student is the teacher
    model = load_teacher(str(teacher), run["config"]["labels"])
    ids = torch.tensor([[2, 10, 11, 3]])
    gold = torch.tensor([[-100, UNLABELLED, UNLABELLED, -100]])
    logits = model(input_ids=ids).logits
    kd = distill_loss(torch.tensor(0.0), logits, gold, model, {"input_ids": ids},
                      TrainConfig(distill_weight=0.5))
    assert float(kd) == pytest.approx(0.0, abs=1e-5)
    gold[0, 1] = 0
    mixed = distill_loss(torch.tensor(2.0), logits, gold, model, {"input_ids": ids},
                         TrainConfig(distill_weight=0.5))
    assert float(mixed) == pytest.approx(1.0, abs=1e-4)
    # hidden-state matching (a pruned student): zero for the teacher itself, positive for a
    # student whose states differ, refused for a student of another depth
    mask = torch.ones_like(ids)
    inputs = {"input_ids": ids, "attention_mask": mask}
    out = model(**inputs, output_hidden_states=True)
    cfg_h = TrainConfig(distill_weight=0.5, distill_hidden=1.0)
    same = distill_loss(torch.tensor(2.0), out.logits, gold, model, inputs, cfg_h, out.hidden_states)
    assert float(same) == pytest.approx(1.0, abs=1e-4)
    moved = tuple(h * 1.5 for h in out.hidden_states)
    assert float(distill_loss(torch.tensor(2.0), out.logits, gold, model, inputs, cfg_h, moved)) \
        == pytest.approx(1.25, abs=1e-3)
    with pytest.raises(ValueError, match="depth and width"):
        distill_loss(torch.tensor(2.0), out.logits, gold, model, inputs, cfg_h, moved[:-1])
    # a whole run with the hidden term: trains, and evaluates without the hidden states
    out3 = tmp_path / "student_h"
    cfg3 = config(tmp_path, tiny_base, max_steps=2, output=str(out3), run_dir=str(tmp_path / "r3"),
                  distill_hidden=1.0)
    main(["--config", str(cfg3), "--train", str(train), "--val", str(train),
          "--teacher", str(teacher)])
    run3 = json.loads((out3 / "training_run.json").read_text())
    assert run3["config"]["distill_hidden"] == 1.0 and "eval_f1" in run3["window_metrics"]
    with pytest.raises(ValueError, match="labels"):
        load_teacher(str(teacher), ["O", "B-X", "I-X"])
    with pytest.raises(SystemExit, match="needs a teacher"):
        main(["--config", str(cfg), "--train", str(train), "--unlabeled", str(unlabelled)])

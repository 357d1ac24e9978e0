"""Retrain the stance classifier on another label scheme and use it through the API and CLI."""

import json

from tests.test_training import config, write_jsonl

SCHEME = {
    "threat": "Мы ответим жёстко и нанесём удар, если они не отступят",
    "appeal": "Просим всех жителей сохранять спокойствие и помочь соседям",
    "praise": "Спасатели сработали блестяще, мы им очень благодарны",
    "neutral": "Совещание пройдёт во вторник в здании администрации",
}


def stance_docs():
    docs = []
    for i in range(3):
        for label, content in SCHEME.items():
            text = f"«{content}», — заявил губернатор Иван Петров{i}."
            docs.append({"id": f"{label}{i}", "text": text, "quotes": [{
                "start": 1, "end": 1 + len(content), "kind": "direct",
                "cue": {"start": len(content) + 6, "end": len(content) + 12},
                "source": None, "speaker": "Иван Петров", "stance": label}]})
    return docs


def test_retrain_on_new_labels_then_predict_via_api_and_cli(tmp_path, tiny_base, tiny_ner):
    import nlpkit
    from nlpkit.cli import main as cli
    from training.train_stance import main

    docs = stance_docs()
    assert docs[0]["text"][docs[0]["quotes"][0]["cue"]["start"]:
                           docs[0]["quotes"][0]["cue"]["end"]] == "заявил"
    train = write_jsonl(tmp_path / "stance.jsonl", docs)
    cfg = config(tmp_path, tiny_base, epochs=2, max_length=64)
    main(["--config", str(cfg), "--train", str(train), "--val", str(train)])
    out_dir = tmp_path / "model"
    cfg_json = json.loads((out_dir / "config.json").read_text())
    assert sorted(cfg_json["id2label"].values()) == ["appeal", "neutral", "praise", "threat"]
    assert (out_dir / "README.md").read_text().startswith("---")  # model card written

    nlp = nlpkit.load(ner=tiny_ner, stance=out_dir, device="cpu")
    doc = nlp("«Мы ответим жёстко, если они не отступят», — заявил губернатор.")
    assert len(doc.quotes) == 1
    q = doc.quotes[0]
    assert q.stance in SCHEME and set(q.stance_scores) == set(SCHEME)
    assert abs(sum(q.stance_scores.values()) - 1) < 1e-4

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": doc.text}, ensure_ascii=False) + "\n")
    out = tmp_path / "out.jsonl"
    assert cli(["analyze", str(src), "--out", str(out), "--ner", str(tiny_ner),
                "--stance", str(out_dir), "--device", "cpu"]) == 0
    rec = json.loads(out.read_text())
    assert rec["quotes"][0]["stance"] in SCHEME


def test_mean_readout_stance_model_saves_loads_and_learns(tmp_path, tiny_base):
    """``readout: mean`` trains a token-classification checkpoint whose token logits are
    averaged; it loads back through the same API, and it fits a separable toy set."""
    import torch

    from nlpkit.modelio import load_sequence_model, sequence_logits
    from nlpkit.stance import Stance
    from training.train_stance import main

    train = write_jsonl(tmp_path / "stance.jsonl", stance_docs())
    cfg = config(tmp_path, tiny_base, epochs=15, max_length=64, readout="mean",
                 learning_rate=0.003, freeze_embeddings=False, save_steps=1000)
    main(["--config", str(cfg), "--train", str(train)])
    out_dir = tmp_path / "model"
    cfg_json = json.loads((out_dir / "config.json").read_text())
    assert cfg_json["nlpkit_readout"] == "mean"
    assert cfg_json["architectures"] == ["BertForTokenClassification"]
    model, tok = load_sequence_model(out_dir, torch.device("cpu"))
    assert type(model).__name__ == "TokenClassifier"  # nlpkit's own encoder runs it
    ref, ref_tok = load_sequence_model(out_dir, torch.device("cpu"), engine="transformers")
    assert type(ref).__name__ == "BertForTokenClassification"
    texts = list(SCHEME.values())
    enc, ref_enc = (t(texts, ["заявил | губернатор"] * len(texts), truncation="longest_first",
                      max_length=64, padding=True, return_tensors="pt") for t in (tok, ref_tok))
    assert torch.equal(enc["input_ids"], ref_enc["input_ids"])
    with torch.inference_mode():
        assert torch.equal(sequence_logits(model, enc), sequence_logits(ref, ref_enc))
    clf = Stance(out_dir, device="cpu", cue_prior=False)
    pairs = [(content, "заявил | губернатор | [Q]") for content in SCHEME.values()]
    probs = clf.scores(pairs)
    assert probs.shape == (4, 4)
    predicted = [clf.labels[int(p.argmax())] for p in probs]
    assert sum(p == gold for p, gold in zip(predicted, SCHEME)) >= 3


def test_stance_reads_inputs_at_the_length_it_was_trained_with(tiny_stance, tmp_path):
    import json
    import shutil

    from nlpkit.stance import Stance

    assert Stance(tiny_stance, "cpu").max_length == 256  # no training record: the default
    folder = tmp_path / "stance"
    shutil.copytree(tiny_stance, folder)
    (folder / "training_run.json").write_text(json.dumps({"config": {"max_length": 64}}))
    assert Stance(folder, "cpu").max_length == 64
    assert Stance(folder, "cpu", max_length=100).max_length == 100


def test_a_cue_verb_never_outranks_the_act_the_content_makes(tiny_stance):
    import numpy as np

    from nlpkit.stance import Stance
    from nlpkit.types import Quote, Span

    text = "«Пока к задержанным не пускают. Мы будем защищать граждан», — заверил министр."
    end = text.index("»")
    cue = text.index("заверил")
    quote = Quote(1, end, text[1:end], "direct", Span(cue, cue + 7, "заверил"))
    clf = Stance(tiny_stance, "cpu")
    order = clf.labels  # denial, neutral, protest, reassurance

    def label_with(top: str) -> str:
        probs = np.full(len(order), 0.1)
        probs[order.index(top)] = 0.7
        clf.scores = lambda pairs: np.tile(probs, (len(pairs), 1))  # type: ignore[method-assign]
        return clf([text], [[quote]])[0][0].stance

    # a complaint stays a protest though the cue is «заверил» (denial > protest > reassurance)
    assert label_with("protest") == "protest" and label_with("denial") == "denial"
    assert label_with("neutral") == "reassurance"  # the cue decides a neutral reading


def test_the_strongest_act_of_a_quotations_sentences_wins(tiny_stance):
    import numpy as np

    from nlpkit.stance import Stance
    from nlpkit.types import Quote

    text = "«Пока к задержанным никого не пускают. Мы будем защищать всех граждан», — сказал он."
    end = text.index("»")
    quote = Quote(1, end, text[1:end], "direct")

    def fake(clf):
        order = clf.labels  # denial, neutral, protest, reassurance

        def scores(pairs):  # the complaint alone reads as protest; the rest as reassurance
            rows = np.full((len(pairs), len(order)), 0.1)
            for i, (content, _) in enumerate(pairs):
                top = "protest" if content.startswith("Пока") and "Мы" not in content \
                    else "reassurance"
                rows[i, order.index(top)] = 0.7
            return rows
        clf.scores = scores  # type: ignore[method-assign]
        return clf

    by_sentence = fake(Stance(tiny_stance, "cpu", by_sentence=True))([text], [[quote]])[0][0]
    assert by_sentence.stance == "protest"
    assert fake(Stance(tiny_stance, "cpu"))([text], [[quote]])[0][0].stance == "reassurance"


def test_added_documents_join_the_training_data(tmp_path, tiny_base):
    from training.train_stance import main

    docs = stance_docs()
    train = write_jsonl(tmp_path / "main.jsonl", [d for d in docs if d["id"][:5] != "appea"])
    extra = write_jsonl(tmp_path / "extra.jsonl", [d for d in docs if d["id"][:5] == "appea"])
    cfg = config(tmp_path, tiny_base, epochs=1, max_length=64)
    main(["--config", str(cfg), "--train", str(train), "--add", str(extra)])
    out_dir = tmp_path / "model"
    labels = json.loads((out_dir / "config.json").read_text())["id2label"].values()
    assert "appeal" in labels  # only the added file has it
    assert "extra.jsonl" in json.loads((out_dir / "training_run.json").read_text())["data"]


def test_a_smaller_student_learns_its_teachers_readings_from_unlabelled_quotes(tmp_path,
                                                                             tiny_base):
    """Stance distillation: the teacher labels the training quotes and unlabelled ones (and
    each sentence of a quotation of several); a 1-layer student cut from the teacher learns
    its readings, and a teacher with other labels is refused."""
    import sys
    from pathlib import Path

    import pytest

    from nlpkit.stance import Stance
    from training.ner_data import DataError
    from training.train_stance import main

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from gpu_bundle import keep_layers

    gold = write_jsonl(tmp_path / "stance.jsonl", stance_docs())
    teacher_dir = tmp_path / "teacher"
    cfg = config(tmp_path, tiny_base, epochs=15, max_length=64, readout="mean",
                 learning_rate=0.003, freeze_embeddings=False, save_steps=1000,
                 output=str(teacher_dir), run_dir=str(tmp_path / "trun"))
    main(["--config", str(cfg), "--train", str(gold)])
    teacher = Stance(teacher_dir, device="cpu", cue_prior=False)

    keep_layers(teacher_dir, tmp_path / "init", 1)
    assert json.loads((tmp_path / "init" / "config.json").read_text())["num_hidden_layers"] == 1
    unlabelled = []  # two-sentence quotations: each also gives its sentences to the teacher
    for i, content in enumerate(SCHEME.values()):
        text = f"«{content}. {content}», — сказал мэр Олег Сидоров{i}."
        end = text.index("»")
        unlabelled.append({"id": f"u{i}", "text": text,
                           "quotes": [{"start": 1, "end": end, "kind": "direct"}]})
    unl = write_jsonl(tmp_path / "unlabelled.jsonl", unlabelled)
    student_dir = tmp_path / "student"
    cfg = config(tmp_path, tmp_path / "init", epochs=15, max_length=64, readout="mean",
                 learning_rate=0.003, freeze_embeddings=False, save_steps=1000,
                 output=str(student_dir), run_dir=str(tmp_path / "srun"),
                 teacher=str(teacher_dir), distill_weight=1.0, distill_temperature=1.0)
    main(["--config", str(cfg), "--train", str(gold), "--unlabeled", str(unl)])
    run = json.loads((student_dir / "training_run.json").read_text())
    assert run["unlabelled_examples"] == 4 * 3  # 4 quotes + their 8 sentences
    assert run["config"]["teacher"] == str(teacher_dir)
    assert "the first 1 layers of the nlpkit stance model" in run["base_text"]
    student = Stance(student_dir, device="cpu", cue_prior=False)
    assert student.model.config.num_hidden_layers == 1
    pairs = [(content, "заявил | губернатор | [Q]") for content in SCHEME.values()]
    agree = (student.scores(pairs).argmax(1) == teacher.scores(pairs).argmax(1)).sum()
    assert agree >= 3

    other = [dict(d, quotes=[dict(d["quotes"][0], stance="other")]) for d in stance_docs()[:2]]
    bad = write_jsonl(tmp_path / "other.jsonl", stance_docs()[2:] + other)
    with pytest.raises(DataError, match="teacher"):
        main(["--config", str(cfg), "--train", str(bad)])

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

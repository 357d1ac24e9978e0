import json
import shutil
import subprocess

import pytest

import nlpkit
from nlpkit.card import make_card, write_card
from nlpkit.render import render_page
from nlpkit.stats import summarize

TEXT = ("Министр Руслан Казакбаев прибыл в Бишкек. «Мы будем защищать наших граждан», — "
        "заверил министр.")


def test_card_has_hf_metadata_and_figures():
    history = {"config": {"base": "build/base-e5-l4", "epochs": 3, "learning_rate": 1e-4,
                          "labels": ["O", "B-PER", "I-PER"]},
               "data": "tiny", "train_docs": 3, "val_docs": 1, "datasets": ["Collection5"]}
    card = make_card("ner", history, {"PER": {"precision": 0.9, "recall": 0.8, "f1": 0.85,
                                              "support": 10}})
    head = card.split("---")[1]
    for key in ("language:", "license:", "base_model:", "datasets:", "metrics:"):
        assert key in head
    assert "| PER | 0.9 | 0.8 | 0.85 | 10 |" in card
    assert "learning_rate: 0.0001" in card and "## Limitations" in card


def test_card_takes_the_recorded_gpu_check(tmp_path):
    history = {"config": {"base": "x", "labels": ["O", "B-PER", "I-PER"]}, "data": "tiny"}
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "gpu_check.md").write_text("| ner | 1 | 64 | 162 |", encoding="utf-8")
    (tmp_path / "model").mkdir()
    card = write_card(tmp_path / "model", "ner", history, None, tmp_path / "cards")
    assert "## On a GPU" in card and "| ner | 1 | 64 | 162 |" in card
    assert (tmp_path / "cards" / "ner.md").read_text(encoding="utf-8") == card
    assert "## On a GPU" not in write_card(tmp_path / "model", "ner", history)


@pytest.fixture()
def docs(tiny_ner):
    nlp = nlpkit.load(ner=tiny_ner, device="cpu")
    return list(nlp.pipe([TEXT, "Пусто."], batch_size=1))


def test_dataframes(docs):
    ents = nlpkit.to_dataframe(docs, "entities")
    quotes = nlpkit.to_dataframe(docs, kind="quotes")
    assert list(quotes.columns[:10]) == ["doc_id", "start", "end", "text", "kind", "cue",
                                         "source", "speaker", "stance", "score"]
    assert len(quotes) == 1 and quotes.loc[0, "cue"] == "заверил"
    assert len(ents) == len(docs[0].entities) + len(docs[1].entities)
    with pytest.raises(ValueError):
        nlpkit.to_dataframe(docs, "relations")


def test_pipe_accepts_a_datasets_column(tiny_ner):
    from datasets import Dataset

    nlp = nlpkit.load(ner=tiny_ner, device="cpu")
    ds = Dataset.from_dict({"body": [TEXT, "Второй."]})
    out = list(nlp.pipe(ds, column="body"))
    assert [d.text for d in out] == [TEXT, "Второй."]


def test_stats_table_and_png(tmp_path, docs):
    res = tmp_path / "r.jsonl"
    res.write_text("\n".join(json.dumps(d.to_dict(), ensure_ascii=False) for d in docs)
                   + '\n{"id": 9, "error": "bad"}\n')
    png = tmp_path / "chart.png"
    report = summarize(res, png=str(png))
    assert "2 documents" in report and "1 quotes" in report
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_render_is_self_contained_and_not_blank(tmp_path, docs):
    page = render_page(docs)
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert "nlpkit-q" in page and "заверил" in page
    assert docs[0]._repr_html_().count("nlpkit-doc") == 1
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed")
    html_path = tmp_path / "page.html"
    html_path.write_text(page, encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'ud'}",
                    f"--screenshot={shot}", "--window-size=900,500", html_path.as_uri()],
                   check=True, capture_output=True, timeout=120)
    from PIL import Image

    img = Image.open(shot).convert("RGB")
    colors = img.getcolors(maxcolors=1 << 20)
    assert colors is not None and len(colors) > 20, "the screenshot is blank"


def test_a_model_continued_from_another_names_what_that_one_came_from(tmp_path):
    from nlpkit.card import describe_base

    base = tmp_path / "base"
    base.mkdir()
    (base / "nlpkit_base.json").write_text(json.dumps(
        {"layers": 12, "vocab": 31934, "original_vocab": 250002}))
    first = tmp_path / "stance"
    first.mkdir()
    (first / "training_run.json").write_text(json.dumps(
        {"task": "stance", "data": "the quote corpus", "config": {"base": str(base)}}))
    recorded = describe_base(str(first))
    assert recorded["base_model"] == "intfloat/multilingual-e5-small"
    assert "the quote corpus" in recorded["base_text"] and "first 12 layers" in recorded["base_text"]
    # the record, not the folder (replaced by the new model when it ships), makes the card
    shutil.rmtree(first)
    card = make_card("stance", {"config": {"base": str(first)}, **recorded})
    assert "base_model: \"intfloat/multilingual-e5-small\"" in card
    assert "first 12 layers" in card

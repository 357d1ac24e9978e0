import json

import pytest
import torch

from nlpkit.modelio import ModelError, check_model_dir
from nlpkit.ner import NER
from nlpkit.pipeline import load
from nlpkit.quotes import Quotes


def test_missing_folder(tmp_path):
    with pytest.raises(ModelError, match="does not exist"):
        check_model_dir(tmp_path / "nothing", "ner")


def test_pickle_weights_refused(tmp_path, tiny_ner):
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "config.json").write_text((tiny_ner / "config.json").read_text())
    torch.save({"x": torch.zeros(1)}, folder / "pytorch_model.bin")
    with pytest.raises(ModelError, match="refuses to unpickle"):
        NER(folder)


def test_corrupt_config_and_weights(tmp_path, tiny_ner):
    folder = tmp_path / "corrupt"
    folder.mkdir()
    (folder / "config.json").write_text("{not json")
    with pytest.raises(ModelError, match="not valid JSON"):
        NER(folder)
    folder2 = tmp_path / "badweights"
    folder2.mkdir()
    for f in tiny_ner.iterdir():
        (folder2 / f.name).write_bytes(f.read_bytes())
    (folder2 / "model.safetensors").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="could not be loaded"):
        NER(folder2)


def test_label_map_must_fit_task(tmp_path, tiny_stance, tiny_ner):
    cfg = json.loads((tiny_ner / "config.json").read_text())
    assert "O" in cfg["id2label"].values()
    with pytest.raises(ModelError):
        NER(tiny_stance)  # a sequence classifier is not a tagger
    with pytest.raises(ValueError, match="share nothing"):
        Quotes(tiny_ner)  # PER/ORG/LOC tags are not quote tags


def test_load_subset_and_unknown_task(tiny_ner):
    nlp = load(tasks=["ner"], ner=tiny_ner, device="cpu")
    assert nlp.tasks == ["ner"]
    doc = nlp("Пётр Петров приехал в Москву.")
    assert doc.quotes == ()
    with pytest.raises(ValueError, match="unknown tasks"):
        load(tasks=["sentiment"], ner=tiny_ner)
    with pytest.raises(TypeError, match="not str"):
        nlp.analyze([b"bytes"])

"""The lexical stance companion: numpy scoring, storage, and its place in Stance."""

import shutil

import numpy as np
import pytest

from nlpkit.lexical import LexicalModel, char_features, word_features

LABELS = ["denial", "neutral", "protest", "reassurance"]


def tiny_lexical(weight=0.5):
    vocab = ["w:опроверг", "w:ложь", " ло", "w:осудил", "w:под контролем"]
    coef = np.zeros((4, 5), dtype=np.float32)
    coef[0, :3] = 3.0  # denial
    coef[2, 3] = 3.0  # protest
    coef[3, 4] = 3.0  # reassurance
    return LexicalModel(LABELS, vocab, np.ones(5, dtype=np.float32), coef,
                        np.zeros(4, dtype=np.float32), weight)


def test_features_cover_characters_and_words():
    assert " оп" in char_features("Опроверг") and "ерг " in char_features("Опроверг")
    assert word_features("Всё под контролем") == ["w:всё", "w:под", "w:контролем",
                                                  "w:всё под", "w:под контролем"]


def test_probabilities_follow_the_weights_and_sum_to_one():
    lex = tiny_lexical()
    p = lex.proba(["Он опроверг эту ложь", "Всё под контролем", "ничего знакомого"])
    assert np.allclose(p.sum(1), 1.0, atol=1e-5)
    assert [LABELS[i] for i in p[:2].argmax(1)] == ["denial", "reassurance"]
    assert np.allclose(p[2], 0.25, atol=1e-6)  # no known feature: the intercepts alone


def test_save_load_round_trip(tmp_path):
    lex = tiny_lexical(0.3)
    lex.save(tmp_path)
    back = LexicalModel.load(tmp_path)
    assert back is not None and back.labels == LABELS and back.weight == 0.3
    texts = ["Он опроверг эту ложь", "осудил"]
    assert np.allclose(back.proba(texts), lex.proba(texts), atol=1e-3)
    assert LexicalModel.load(tmp_path / "missing") is None


def test_corrupt_lexical_files_are_a_clear_error(tmp_path):
    tiny_lexical().save(tmp_path)
    (tmp_path / "lexical.safetensors").write_bytes(b"not safetensors")
    with pytest.raises(ValueError, match="lexical stance model could not be read"):
        LexicalModel.load(tmp_path)


def test_stance_averages_with_its_lexical_companion(tiny_stance, tmp_path):
    from nlpkit.stance import Stance

    folder = tmp_path / "stance"
    shutil.copytree(tiny_stance, folder)
    pairs = [("Это ложь, я опроверг", "опроверг | он | контекст")]
    alone = Stance(folder, "cpu").scores(pairs)
    tiny_lexical(0.5).save(folder)
    both = Stance(folder, "cpu")
    assert both.lexical is not None
    mixed = both.scores(pairs)
    lex = both.lexical.proba([f"{a} || {b}" for a, b in pairs])
    assert np.allclose(mixed, 0.5 * alone + 0.5 * lex, atol=1e-4)


def test_lexical_labels_must_match_the_classifier(tiny_stance, tmp_path):
    from nlpkit.modelio import ModelError
    from nlpkit.stance import Stance

    folder = tmp_path / "stance"
    shutil.copytree(tiny_stance, folder)
    LexicalModel(["a", "b", "c", "d"], ["w:x"], np.ones(1), np.zeros((4, 1)),
                 np.zeros(4)).save(folder)
    with pytest.raises(ModelError, match="lexical model labels"):
        Stance(folder, "cpu")


def test_fit_learns_the_training_labels():
    pytest.importorskip("sklearn")
    from training.train_lexical import fit

    texts = ["опроверг ложь", "заявил о планах", "осудил удар", "всё под контролем"] * 4
    labels = ["denial", "neutral", "protest", "reassurance"] * 4
    train = [((t, f"cue | src | {t}"), lab) for t, lab in zip(texts, labels)]
    lex = fit(train, LABELS, max_features=500)
    pred = lex.proba([f"{a} || {b}" for (a, b), _ in train]).argmax(1)
    assert [LABELS[i] for i in pred] == labels

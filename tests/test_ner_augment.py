"""Name substitution for NER training copies (training/ner_augment.py)."""

import random

from training.ner_augment import augment, augment_doc
from training.ner_data import Doc


def _doc(text: str, names: list[tuple[str, str]]) -> Doc:
    spans, pos = [], 0
    for name, label in names:
        start = text.index(name, pos)
        spans.append((start, start + len(name), label))
        pos = start + len(name)
    return Doc("d", text, spans, "test")


TEXT = ("Министр Сергей Лавров встретился в Омске с Анной Петровой. Лаврова поддержал "
        "губернатор. Россия выразила протест, сообщил Лавров.")
NAMES = [("Сергей Лавров", "PER"), ("Омске", "LOC"), ("Анной Петровой", "PER"),
         ("Лаврова", "PER"), ("Россия", "LOC"), ("Лавров", "PER")]


def test_offsets_hold_and_labels_stay():
    doc = _doc(TEXT, NAMES)
    for seed in range(20):
        new = augment_doc(doc, random.Random(seed), rate=1.0)
        assert new is not None and new.id == "d+names"
        assert [lab for _, _, lab in new.spans] == [lab for _, _, lab in doc.spans]
        for s, e, _ in new.spans:
            assert new.text[s:e] == new.text[s:e].strip() and e > s
        # text between the names is unchanged
        gaps_old = [doc.text[a[1]:b[0]] for a, b in zip(doc.spans, doc.spans[1:])]
        gaps_new = [new.text[a[1]:b[0]] for a, b in zip(new.spans, new.spans[1:])]
        assert gaps_old == gaps_new


def test_cases_and_one_replacement_per_surname():
    doc = _doc(TEXT, NAMES)
    new = augment_doc(doc, random.Random(1), rate=1.0)
    got = [new.text[s:e] for s, e, _ in new.spans]
    first, last = got[0].split(" ")[0], got[0].split(" ")[-1]
    assert got[0].endswith("ов") or got[0].endswith("уулу")
    assert got[2].split(" ")[-1].endswith("ой")  # «Анной Петровой» → feminine instrumental
    assert got[2].split(" ")[0].endswith(("ой", "им", "ыз", "ем", "ан", "уль", "на"))
    if not got[0].endswith("уулу"):
        assert got[3] == last + "а" and got[5] == last  # the same surname, in its case
    assert got[4] == "Россия"  # a country acting as a state stays
    assert first[0].isupper()


def test_unknown_shapes_are_left_alone():
    doc = _doc("Встреча с Ангелой Меркель и Ким Чен Ыном.", [("Ангелой Меркель", "PER"),
                                                         ("Ким Чен Ыном", "PER")])
    assert augment_doc(doc, random.Random(0), rate=1.0) is None
    assert augment([doc], copies=2) == []

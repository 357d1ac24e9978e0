import pytest

from nlpkit.normal import normalize_name


@pytest.mark.parametrize("text,label,expected", [
    ("Маратом Сыздыковым", "PER", "Марат Сыздыков"),
    ("Рапилем Жошыбаевым", "PER", "Рапиль Жошыбаев"),
    ("Анны Петровой", "PER", "Анна Петрова"),
    ("Рузахунова", "PER", "Рузахунов"),
    ("Рузахунов", "PER", "Рузахунов"),
    ("Кыргызстана", "LOC", "Кыргызстан"),
    ("Министерства иностранных дел", "ORG", "Министерство иностранных дел"),
    ("МВД Казахстана", "ORG", "МВД Казахстана"),
    ("New York", "LOC", "New York"),
])
def test_nominative(text, label, expected):
    assert normalize_name(text, label) == expected

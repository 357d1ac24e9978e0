from nlpkit.text import bio_to_spans, fold, spans_to_bio, split_words, word_texts, words

TEXTS = [
    "Министр Руслан Казакбаев\r\nприбыл в Алматы.",
    "Ёлкин и Пётр Семёнов — в «Газпроме» 😀 and New York.",
    "Emoji 🇷🇺 then Сергей Лавров, then CRLF\r\n\r\nМИД.",
]


def test_words_offsets_cover_text():
    for text in TEXTS:
        for s, e in words(text):
            assert text[s:e].strip() == text[s:e] and text[s:e]
        joined = "".join(text[s:e] for s, e in words(text))
        assert joined == "".join(text.split())


def test_word_texts_match_offsets_and_copies_are_independent():
    text = "«Мы будем защищать интересы», — заверил министр Руслан Казакбаев."
    spans = words(text)
    assert word_texts(text) == [text[s:e] for s, e in spans]
    assert "Руслан" in word_texts(text)
    # each call gives lists of its own
    spans.clear()
    assert words(text) and words(text) is not words(text)
    split = split_words(text)
    assert split.spans == words(text) and split.texts == word_texts(text)


def test_bio_round_trip():
    text = TEXTS[1]
    ws = words(text)
    names = [("Ёлкин", "PER"), ("Пётр Семёнов", "PER"), ("Газпром", "ORG"), ("New York", "LOC")]
    spans = [(text.index(n), text.index(n) + len(n), lab) for n, lab in names]
    tags = spans_to_bio(ws, spans)
    assert tags.count("B-PER") == 2 and "I-PER" in tags
    back = [(s, e, lab) for s, e, lab, _ in bio_to_spans(ws, tags)]
    # «Газпроме» is one word: the span grows to the whole word
    assert back[:2] == spans[:2] and back[3] == spans[3]
    assert text[back[2][0]:back[2][1]] == "Газпроме"


def test_lenient_decoding_of_stray_inside_tag():
    ws = [(0, 1), (2, 3), (4, 5)]
    assert [lab for *_, lab, _ in bio_to_spans(ws, ["I-PER", "I-PER", "B-LOC"])] == ["PER", "LOC"]
    assert bio_to_spans(ws, ["I-PER", "I-PER", "B-LOC"])[0][:2] == (0, 3)


def test_fold_reads_yo_as_ye_in_lower_case():
    assert fold("Ёлкин") == fold("ЕЛКИН") == "елкин"
    assert fold("Щёкин-Ёж") == "щекин-еж"

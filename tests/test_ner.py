import pytest
import torch

from nlpkit.ner import NER
from nlpkit.normal import normalize_name

TEXTS = [
    "Министр Руслан Казакбаев\r\nприбыл в Алматы, сообщает «Кактус Медиа».",
    "Ёлкин и Пётр Семёнов 😀 встретились в New York.",
    "",
    "   \n\t ",
]


def test_entity_offsets_match_text(tiny_ner):
    ner = NER(tiny_ner, device="cpu")
    assert ner.device == torch.device("cpu")
    results = ner(TEXTS)
    assert len(results) == len(TEXTS)
    assert results[2] == [] and results[3] == []
    total = 0
    for text, ents in zip(TEXTS, results):
        for e in ents:
            assert text[e.start:e.end] == e.text
            assert e.label in {"PER", "ORG", "LOC"}
            assert 0.0 <= e.score <= 1.0
            total += 1
    assert total > 0  # a random model still tags something


def test_long_document_is_windowed_not_truncated(tiny_ner):
    text = " ".join(f"Слово{i} Москва." for i in range(400))
    ner = NER(tiny_ner, device="cpu", max_length=32, stride=8)
    windows = ner.tagger.encode([[w for w in text.split()]])
    assert len(windows) > 20
    ents = ner([text])[0]
    assert any(e.start > len(text) * 0.9 for e in ents), "the end of the document was dropped"
    for e in ents:
        assert text[e.start:e.end] == e.text


def test_windowing_agrees_with_single_window_far_from_edges(tiny_ner):
    text = " ".join(["Сергей Лавров заявил в Москве."] * 6)
    short = NER(tiny_ner, device="cpu", max_length=128)
    small = NER(tiny_ner, device="cpu", max_length=64, stride=24)
    words = [text.split()]
    assert len(small.tagger.encode(words)) > 1
    assert len(short.tagger.encode(words)) == 1
    assert [e.label for e in short([text])[0]]  # something to compare


def test_save_load_same_predictions(tiny_ner, tmp_path):
    ner = NER(tiny_ner, device="cpu")
    before = ner(TEXTS[:2])
    ner.tagger.model.save_pretrained(tmp_path, safe_serialization=True)
    ner.tagger.tokenizer.save_pretrained(tmp_path)
    again = NER(tmp_path, device="cpu")
    assert again.labels == ["LOC", "ORG", "PER"]  # labels survive the round trip
    assert again(TEXTS[:2]) == before


def test_cuda_request_without_cuda_is_a_clear_error(tiny_ner):
    if torch.cuda.is_available():
        pytest.skip("CUDA present")
    with pytest.raises(ValueError, match="CUDA is not available"):
        NER(tiny_ner, device="cuda")


def test_int8_cpu_path_keeps_offsets(tiny_ner):
    ner = NER(tiny_ner, device="cpu", precision="int8")
    kinds = {type(m).__module__ for m in ner.tagger.model.modules()}
    assert any("quantized" in k for k in kinds), kinds  # the products really are int8
    assert not any(isinstance(m, torch.nn.Linear) for m in ner.tagger.model.modules())
    for text, ents in zip(TEXTS, ner(TEXTS)):
        for e in ents:
            assert text[e.start:e.end] == e.text


def test_demonyms_and_common_nouns_are_not_names():
    from nlpkit.ner import is_name

    assert not is_name("российских", "LOC") and not is_name("Российского", "LOC")
    assert not is_name("правительство", "ORG") and not is_name("сборной", "ORG")
    assert is_name("МИД", "ORG") and is_name("Газпром", "ORG") and is_name("3Com", "ORG")
    assert is_name("Достоевского", "PER") and is_name("Красная площадь", "LOC")
    assert not is_name("Японская полиция", "ORG") and not is_name("Российские власти", "ORG")
    assert is_name("Конституционный суд", "ORG") and is_name("Государственная дума", "ORG")
    assert is_name("деньги", "MONEY")  # labels other than PER/ORG/LOC are left alone


def test_names_only_filter_can_be_switched_off(tiny_ner):
    loose = NER(tiny_ner, device="cpu", names_only=False)(TEXTS[:2])
    strict = NER(tiny_ner, device="cpu")(TEXTS[:2])
    for a, b in zip(loose, strict):
        # each strict entity is a loose one, or an organisation joined with its place
        starts, ends = {e.start for e in a}, {e.end for e in a}
        assert all(e in a or e.label == "ORG" and e.start in starts and e.end in ends for e in b)
        assert all(e.text != e.text.lower() or any(c.isdigit() for c in e.text) for e in b)


def test_place_tagged_as_person_and_union_tagged_as_place_are_fixed():
    from nlpkit.ner_labels import fix_label

    assert fix_label("Мехико", "PER") == "LOC"
    assert fix_label("Жуков", "PER") == "PER" and fix_label("Астана", "PER") == "PER"
    assert fix_label("ЕС", "LOC") == "ORG" and fix_label("Европейского союза", "LOC") == "ORG"
    assert fix_label("Франции", "LOC") == "LOC"
    assert fix_label("РК", "ORG") == "LOC" and fix_label("МИД", "ORG") == "ORG"
    assert fix_label("Хокимият Самарканда", "PER") == "ORG"
    assert fix_label("Акимат", "PER") == "PER"  # one word: what it is, the context says


@pytest.mark.parametrize("precision", ["fp32", "bf16", "auto"])
def test_every_precision_gives_valid_entities(tiny_ner, precision):
    ner = NER(tiny_ner, device="cpu", precision=precision)
    dtype = next(ner.tagger.model.parameters()).dtype
    if precision == "fp32":
        assert dtype == torch.float32
    if precision == "bf16":
        assert dtype == torch.bfloat16
    for text, ents in zip(TEXTS, ner(TEXTS)):
        for e in ents:
            assert text[e.start:e.end] == e.text


def test_unknown_precision_is_a_clear_error(tiny_ner):
    with pytest.raises(ValueError, match="precision 'fp8'"):
        NER(tiny_ner, device="cpu", precision="fp8")


def test_windows_without_needed_words_are_skipped(tiny_ner):
    from nlpkit.tagger import WordTagger

    tagger = WordTagger(tiny_ner, "cpu", max_length=16, stride=4, precision="fp32")
    words = [f"слово{i}" for i in range(60)]
    full = tagger.predict([words])[0]
    needed = [[i == 5 for i in range(60)]]
    calls = []
    forward = tagger._forward
    tagger._forward = lambda ids, mask, h: calls.append(ids.shape[0]) or forward(ids, mask, h)
    tags, scores = tagger.predict([words], needed)[0]
    assert sum(calls) < len(tagger.encode([words]))  # some windows were not run
    assert len(tags) == len(words)
    assert tags[5] == full[0][5]  # the needed word is tagged as in a full run
    assert tags[-1] == "O" and scores[-1] == 1.0  # words of skipped windows read O


def test_entity_edges_are_balanced_and_legal_forms_are_no_part_of_a_name():
    from nlpkit.ner import balance, name_only, place_after_noun

    def fix(text, piece, fn=balance):
        s = text.index(piece)
        a, b = fn(text, s, s + len(piece))
        return text[a:b]

    assert fix('в ГТРК "Ставрополье" сказали', 'ГТРК "Ставрополье') == 'ГТРК "Ставрополье"'
    assert fix("в РИА «Новости» сказали", "РИА «Новости") == "РИА «Новости»"
    assert fix('газета Известия" пишет', 'Известия"') == "Известия"
    assert fix("службу (ФНС) и МВД) ещё", "МВД)") == "МВД"
    assert fix("Федеральную службу (ФНС)", "Федеральную службу (") == "Федеральную службу"
    assert fix("фирма Tieto.", "Tieto.") == "Tieto"
    assert fix("Лаурентий Д. сказал", "Лаурентий Д.") == "Лаурентий Д."  # an initial's dot
    assert fix("Сбербанк (Россия) и", "Сбербанк (Россия)") == "Сбербанк (Россия)"
    assert fix("глава ОАО «Газпром» Алексей", "ОАО «Газпром»", name_only) == "Газпром"
    assert fix("РИА «Новости» сказали", "РИА «Новости»", name_only) == "РИА «Новости»"
    text = "Власти Германии и сборной России"
    assert place_after_noun(text, 0, 15, "ORG") == (7, "LOC")  # «Германии»
    assert place_after_noun(text, 18, 32, "ORG") == (26, "LOC")  # «России»
    assert place_after_noun("Газпром", 0, 7, "ORG") == (0, "ORG")


def test_a_common_noun_opening_a_sentence_is_no_name():
    from nlpkit.ner import common_word_opening

    text = "Полиция оповестила жителей. Шумов заявил. Кремль молчит. «Яблоко» выдвинуло."
    at = {w: text.index(w) for w in ("Полиция", "Шумов", "Кремль", "Яблоко")}
    assert common_word_opening(text, at["Полиция"], at["Полиция"] + 7)
    assert not common_word_opening(text, at["Шумов"], at["Шумов"] + 5)  # a surname
    text = "Муки нет. Запасов зерна хватит. Волков заявил."
    assert common_word_opening(text, 10, 17)  # a thing in the genitive plural, not a surname
    assert not common_word_opening(text, text.index("Волков"), text.index("Волков") + 6)
    assert not common_word_opening(text, at["Кремль"], at["Кремль"] + 6)  # one body
    assert not common_word_opening(text, at["Яблоко"], at["Яблоко"] + 6)  # in quotation marks


def test_a_name_the_tagger_cut_in_two_is_joined_and_neighbours_stay_apart():
    from nlpkit.person_spans import join_names
    from nlpkit.types import Entity

    text = "Президент Гурбангулы Бердымухамедов встретился с Путиным, Обамой."
    parts = [("Гурбангулы", "PER"), ("Бердымухамедов", "PER"), ("Путиным", "PER"),
             ("Обамой", "PER")]
    ents = [Entity(text.index(w), text.index(w) + len(w), lab, w, w, 0.9) for w, lab in parts]
    joined = join_names(text, ents)
    assert [e.text for e in joined] == ["Гурбангулы Бердымухамедов", "Путиным", "Обамой"]
    assert all(text[e.start:e.end] == e.text for e in joined)
    # two two-word pieces join after a known first name in the nominative, but a client's
    # surname in the genitive stays apart from the lawyer named after it
    text = "Министр Мария Фернанда Ортис Сальгадо и адвокат Мухамедиева Асет Нуркенов."
    parts = [("Мария Фернанда", "PER"), ("Ортис Сальгадо", "PER"), ("Мухамедиева", "PER"),
             ("Асет Нуркенов", "PER")]
    ents = [Entity(text.index(w), text.index(w) + len(w), lab, w, w, 0.9) for w, lab in parts]
    assert [e.text for e in join_names(text, ents)] == [
        "Мария Фернанда Ортис Сальгадо", "Мухамедиева", "Асет Нуркенов"]


def test_a_dangling_dash_or_conjunction_leaves_the_span():
    from nlpkit.ner import balance

    text = "Анапа - курорт. По Северо-Западному и Уральскому округам"
    assert text[slice(*balance(text, 0, 7))] == "Анапа"
    s = text.index("Северо")
    assert text[slice(*balance(text, s, s + len("Северо-Западному и")))] == "Северо-Западному"


def test_a_lone_surname_tagged_as_a_place_is_the_person_named_in_the_document():
    from nlpkit.person_spans import surnames_as_people
    from nlpkit.types import Entity

    text = "Рональд Рейган приехал в Берлин. Визит Рейгана в Берлин готовили долго."
    parts = [("Рональд Рейган", "PER", 0), ("Берлин", "LOC", 0), ("Рейгана", "LOC", 0),
             ("Берлин", "LOC", 1)]
    ents = []
    for w, lab, nth in parts:
        start = text.index(w) if nth == 0 else text.index(w, text.index(w) + 1)
        ents.append(Entity(start, start + len(w), lab, w, w, 0.9))
    fixed = surnames_as_people(ents)
    assert [(e.text, e.label) for e in fixed] == [
        ("Рональд Рейган", "PER"), ("Берлин", "LOC"), ("Рейгана", "PER"), ("Берлин", "LOC")]
    assert fixed[2].normal == "Рейган"


def test_a_span_without_letters_is_no_name():
    from nlpkit.ner import NER

    ner = NER.__new__(NER)  # the decoding alone, with a stub tagger that tags every word
    ner.names_only = True

    class Tagger:
        def predict(self, docs):
            return [(["B-ORG" if w in ("5", "МВД") else "O" for w in ws], [0.9] * len(ws))
                    for ws in docs]

    ner.tagger = Tagger()
    (ents,) = ner(["Отдел № 5 МВД сообщил"])
    assert [e.text for e in ents] == ["МВД"]


def test_two_people_the_tagger_ran_together_are_split():
    from nlpkit.person_spans import split_names
    from nlpkit.types import Entity

    text = ("Пресс-секретарь Бориса Ельцина Евстафьев, Хиллари Клинтон Лиза Бардек и "
            "Майкла Дэвида Баретта.")
    spans = ["Бориса Ельцина Евстафьев", "Хиллари Клинтон Лиза Бардек", "Майкла Дэвида Баретта"]
    ents = [Entity(text.index(w), text.index(w) + len(w), "PER", w, w, 0.9) for w in spans]
    got = split_names(text, ents)
    # an oblique name before a nominative one, and a full name before a first name, are two;
    # a name ending on a surname after two first names («Майкла Дэвида Баретта») is one
    assert [e.text for e in got] == ["Бориса Ельцина", "Евстафьев", "Хиллари Клинтон",
                                     "Лиза Бардек", "Майкла Дэвида Баретта"]
    assert [e.normal for e in got][:2] == ["Борис Ельцин", "Евстафьев"]
    assert all(text[e.start:e.end] == e.text for e in got)


def test_a_lone_surname_of_a_person_named_in_full_is_that_person():
    from nlpkit.person_spans import missed_surnames
    from nlpkit.types import Entity

    text = ("Мэр Орла Виктор Сафьянов отправлен в отставку. Сафьянов уже заявил о намерении "
            "оспорить решение. Об отставке Сафьянова просил Брэдли Сафьянов.")
    ents = [Entity(9, 24, "PER", "Виктор Сафьянов", "Виктор Сафьянов", 0.9)]
    got = missed_surnames(text, ents)
    # the surname alone, in any case, is added; one right after a capitalised word (a longer
    # name the tagger missed) is not
    assert [(e.text, e.normal) for e in got] == [
        ("Виктор Сафьянов", "Виктор Сафьянов"), ("Сафьянов", "Сафьянов"),
        ("Сафьянова", "Сафьянов")]
    assert all(text[e.start:e.end] == e.text for e in got)


def test_a_common_noun_the_tagger_ran_a_name_into_is_left_out():
    from nlpkit.ner import _common_tail

    text = "— цитирует Печёного администрация. Выступил Жозе да Силва."
    s = text.index("Печёного")
    assert text[s:_common_tail(text, s, s + len("Печёного администрация"))] == "Печёного"
    s = text.index("Жозе")
    assert _common_tail(text, s, s + len("Жозе да Силва")) == s + len("Жозе да Силва")


def test_a_name_ends_before_a_preposition_and_keeps_its_number():
    from nlpkit.ner import _numbered, balance

    text = "комитет Сената по вопросам обороны; отдел полиции ОП № 5 УМВД России"
    s = text.index("Сената")
    assert text[slice(*balance(text, s, s + len("Сената по")))] == "Сената"
    s = text.index("ОП")
    assert text[slice(*_numbered(text, s, s + 2))] == "ОП № 5"
    s = text.index("5 УМВД")
    assert text[slice(*_numbered(text, s, s + len("5 УМВД")))] == "УМВД"


def test_numbers_and_prepositions_are_no_names_but_one_letter_titles_are():
    from nlpkit.ner import NOT_A_NAME

    for junk in ("XVII", "ХVII", "75-го", "N5", "В"):
        assert NOT_A_NAME.match(junk), junk
    for name in ("Ъ", "G8", "X5", "U2", "LCI", "Т"):
        assert not NOT_A_NAME.match(name), name


def test_a_title_before_a_name_is_no_part_of_it():
    from nlpkit.ner import _title_head

    text = "Майор Ройер сообщил, что Мать Тереза приезжала."
    assert text[_title_head(text, 0, len("Майор Ройер")):len("Майор Ройер")] == "Ройер"
    s = text.index("Мать")
    assert _title_head(text, s, s + len("Мать Тереза")) == s  # a name's own word stays


def test_a_place_in_the_genitive_after_an_organisation_is_part_of_its_name():
    from nlpkit.ner import attach_places

    text = "МВД Казахстана сообщило в Алматы, что Госдепартамент США и Газпром Украине ответили."
    spans = [(text.index(w), text.index(w) + len(w), lab) for w, lab in (
        ("МВД", "ORG"), ("Казахстана", "LOC"), ("Алматы", "LOC"), ("Госдепартамент", "ORG"),
        ("США", "LOC"), ("Газпром", "ORG"), ("Украине", "LOC"))]
    got = [(text[s:e], lab) for s, e, lab in attach_places(text, spans)]
    # a dative place («Украине») and a place after a preposition stay places of their own
    assert got == [("МВД Казахстана", "ORG"), ("Алматы", "LOC"), ("Госдепартамент США", "ORG"),
                   ("Газпром", "ORG"), ("Украине", "LOC")]


def test_a_name_in_quotation_marks_is_all_of_it():
    from nlpkit.ner import _quoted_whole

    text = "сообщил «Кактус Медиа», что газета «Коммерсант» и «Газпром нефть» ответили"
    s = text.index("Кактус")
    assert text[s:_quoted_whole(text, s, s + len("Кактус"))] == "Кактус Медиа"
    s = text.index("Коммерсант")
    assert text[s:_quoted_whole(text, s, s + len("Коммерсант"))] == "Коммерсант"
    s = text.index("Газпром")  # a lowercase word is not a name's part
    assert text[s:_quoted_whole(text, s, s + len("Газпром"))] == "Газпром"


def test_a_quoted_name_after_the_noun_that_says_what_it_is_stays_nominative():
    from nlpkit.ner import _apposed

    text = ("сотрудник компании «Фарм Импорт», депутат «Единой России», акции «Газпрома», "
            "ООО «Ромашка» и «Аэрофлота»")

    def kept(name: str) -> bool:
        s = text.index(name)
        return _apposed(text, s, s + len(name))

    # the name in apposition is its own normal form («Фарм Импорт», not «Фармы Импорт»);
    # after other nouns, or with no noun, it is declined and the normaliser reads it
    assert kept("Фарм Импорт") and kept("Ромашка")
    assert not kept("Единой России") and not kept("Газпрома") and not kept("Аэрофлота")


def test_quotation_marks_around_a_name_are_no_part_of_it():
    from nlpkit.ner import unquoted

    for span, name in (('"Известия"', "Известия"), ("«Защитники Отечества", "Защитники Отечества"),
                       ('Газета"', "Газета"), ("«Газпром» нефть", "«Газпром» нефть"),
                       ('"Газпром" и "Роснефть"', '"Газпром" и "Роснефть"'),
                       ("РИА «Новости»", "РИА «Новости»")):
        assert span[slice(*unquoted(span, 0, len(span)))] == name


def test_a_name_ends_before_a_verb_and_a_womans_lone_surname_keeps_her_form():
    from nlpkit.ner import _verb_tail
    from nlpkit.person_spans import missed_surnames
    from nlpkit.types import Entity

    text = "проверка Министерства здравоохранения начнётся в Караганде"
    s = text.index("Министерства")
    assert text[s:_verb_tail(text, s, text.index(" в "))] == "Министерства здравоохранения"
    text = "Министр Алия Нурланова заявила это. Нурланова добавила, что Петрова нет."
    k = text.index("Нурланова добавила")
    ents = [Entity(8, 22, "PER", "Алия Нурланова", "Алия Нурланова"),
            Entity(k, k + 9, "PER", "Нурланова", "Нурланов")]
    assert [e.normal for e in missed_surnames(text, ents)] == ["Алия Нурланова", "Нурланова"]


def test_common_abbreviations_bodies_named_after_places_and_outlets_by_address():
    from nlpkit.ner import DOMAIN, is_name
    from nlpkit.ner_labels import fix_label

    assert not is_name("СМИ", "ORG") and not is_name("ТОО", "ORG") and is_name("МИД", "ORG")
    assert fix_label("Акимат", "LOC") == "ORG" and fix_label("Мэрия Бишкека", "LOC") == "ORG"
    assert fix_label("Бишкек", "LOC") == "LOC"
    text = "пишет Orda.kz, а Lenta.ru и Газета.Ru; конец."
    assert DOMAIN.match(text, text.index(".kz")) and DOMAIN.match(text, text.index(".Ru"))
    assert DOMAIN.match(text, text.index("; конец") + 7) is None


def test_a_place_name_run_into_a_persons_name_after_a_place_noun_is_split_off():
    from nlpkit.ner_extras import place_before_person as _place_before_person
    from nlpkit.types import Entity

    def one(text, name):
        s = text.index(name)
        return [(e.text, e.label) for e in
                _place_before_person(text, [Entity(s, s + len(name), "PER", name, name, 0.9)])]

    assert one("Жительница микрорайона Анар Гулиза Ташиева рассказала.", "Анар Гулиза Ташиева") \
        == [("Анар", "LOC"), ("Гулиза Ташиева", "PER")]
    # a patronymic makes it one man; no place noun, no split
    assert one("Мэр города Владимир Петрович Иванов заявил.", "Владимир Петрович Иванов") == \
        [("Владимир Петрович Иванов", "PER")]
    assert one("Сказал Анар Гулиза Ташиева.", "Анар Гулиза Ташиева") == \
        [("Анар Гулиза Ташиева", "PER")]


def test_turkic_names_that_do_not_decline_keep_their_form():
    assert normalize_name("Жогорку Кенеша", "ORG") == "Жогорку Кенеш"
    assert normalize_name("Кара-Суу", "LOC") == "Кара-Суу"
    assert normalize_name("Иссык-Куля", "LOC") == "Иссык-Куль"
    assert normalize_name("Министерства иностранных дел", "ORG") == "Министерство иностранных дел"


def test_a_regions_noun_left_out_after_its_adjective_joins_the_name():
    from nlpkit.ner import ADJECTIVE_END, REGION_TAIL

    text = "в пресс-службе ГУ МЧС по Новосибирской области, а в Москве"
    e = text.index(" области")
    assert REGION_TAIL.match(text, e).end() == e + len(" области")
    assert ADJECTIVE_END.search(text, text.index("ГУ"), e)
    assert ADJECTIVE_END.search(text, 0, text.index(" в Москве")) is None


def test_a_one_word_person_never_named_in_full_after_a_preposition_of_place_is_a_place():
    from nlpkit.person_spans import people_as_places
    from nlpkit.types import Entity

    def label(text, word, others=()):
        s = text.index(word)
        ents = [Entity(s, s + len(word), "PER", word, word, 0.9), *others]
        return people_as_places(text, ents)[0].label

    assert label("Давление на Хартум растет.", "Хартум") == "LOC"
    assert label("Жители Ак-Ордо перекрыли дорогу.", "Ак-Ордо") == "LOC"
    assert label("ситуация в суданском Эль-Фашере ухудшилась", "Эль-Фашере") == "LOC"
    assert label("ссылаясь на суданского Эль-Фашера", "Эль-Фашера") == "PER"  # «на» + adjective
    assert label("рейсы аэропорта Шереметьево задержаны", "Шереметьево") == "LOC"
    # a name pymorphy knows, or a surname the document gives in full, stays a person
    assert label("Давление на Путина растет.", "Путина") == "PER"
    text = "Омар Хартум приехал. Встреча на Хартум не повлияла."
    full = Entity(0, 11, "PER", "Омар Хартум", "Омар Хартум", 0.9)
    s = text.index("Хартум", 12)
    assert people_as_places(text, [Entity(s, s + 6, "PER", "Хартум", "Хартум", 0.9), full])[0] \
        .label == "PER"


def test_a_press_service_is_no_part_of_a_name_and_an_address_ends_a_sentence():
    from nlpkit.ner import DOMAIN, PRESS

    text = "в пресс-службе ГУ МЧС по области"
    s = text.index("пресс")
    assert text[PRESS.match(text, s).end():].startswith("ГУ МЧС")
    text = "сообщает Tengrinews.kz. Далее"
    assert DOMAIN.match(text, text.index(".kz")).group() == ".kz"


def test_service_abbreviations_of_modern_news_are_not_organisations():
    from nlpkit.ner import is_name

    for word in ("МРТ", "ОМС", "ЖКУ", "ТСЖ", "КФХ", "IMEI", "SMS"):
        assert not is_name(word, "ORG"), word
    assert is_name("ТФОМС", "ORG") and is_name("МЧС", "ORG")


def test_a_word_listed_after_a_place_is_a_place():
    from nlpkit.normal import normalize_name
    from nlpkit.person_spans import people_as_places
    from nlpkit.types import Entity

    text = "Филиалы работали в Душанбе, Бохтаре и Кулябе. В Москве и Петрове прошли акции."

    def e(word, label, nth=0):
        s = -1
        for _ in range(nth + 1):
            s = text.index(word, s + 1)
        return Entity(s, s + len(word), label, word, normalize_name(word, label))

    ents = [e("Душанбе", "LOC"), e("Бохтаре", "PER"), e("Кулябе", "PER"), e("Москве", "LOC"),
            e("Петрове", "PER")]
    got = [(x.text, x.label) for x in people_as_places(text, ents)]
    assert got == [("Душанбе", "LOC"), ("Бохтаре", "LOC"), ("Кулябе", "LOC"),
                   ("Москве", "LOC"), ("Петрове", "PER")]  # a known surname stays a person


def test_an_outlet_named_by_its_address_is_an_organisation_a_site_is_not():
    from nlpkit.ner import outlets
    from nlpkit.types import Entity

    text = ("Водитель рассказал 24.kg, что очередь растет, передает Tengrinews.kz. Как сообщает "
            "ria.ru, заявление подали на сайте gosuslugi.ru или на www.gov.kg, пишите на a@b.ru.")
    s = text.index("Tengrinews")
    found = [Entity(s, s + len("Tengrinews.kz"), "ORG", "Tengrinews.kz", "Tengrinews.kz")]
    got = [(x.text, x.label) for x in outlets(text, found)]
    assert got == [("24.kg", "ORG"), ("Tengrinews.kz", "ORG"), ("ria.ru", "ORG")]
    assert all(text[x.start:x.end] == x.text for x in outlets(text, found))
    # the tagger's piece of an address gives way to the whole; capitals and «.ру» are addresses
    text = "сказала 59.RU жительница, рассказал «161.ру» водитель"
    s = text.index("RU")
    got = outlets(text, [Entity(s, s + 2, "ORG", "RU", "RU")])
    assert [(x.text, x.label) for x in got] == [("59.RU", "ORG"), ("161.ру", "ORG")]


def test_a_genitive_the_tagger_ran_into_a_name_after_an_organisation_joins_the_organisation():
    from nlpkit.ner import _attach_entities
    from nlpkit.ner_extras import place_before_person as _place_before_person
    from nlpkit.types import Entity

    def run(text, org, per):
        s, t = text.index(org), text.index(per)
        ents = [Entity(s, s + len(org), "ORG", org, org, 0.9),
                Entity(t, t + len(per), "PER", per, per, 0.9)]
        return [(e.text, e.label) for e in _attach_entities(text, _place_before_person(text, ents))]

    assert run("Представитель Минобороны Камбоджи Чан Сопханна заявил.", "Минобороны",
               "Камбоджи Чан Сопханна") == [("Минобороны Камбоджи", "ORG"), ("Чан Сопханна", "PER")]
    # a first name in the nominative, an indeclinable «Абу», a patronymic: the name stays whole
    for org, per in (("Еврокомиссии", "Урсула фон Ляйен"), ("ИГ", "Абу Умара аш-Шишани"),
                     ("Газпрома", "Алексей Борисович Миллер")):
        assert run(f"Глава {org} {per} заявил.", org, per) == [(org, "ORG"), (per, "PER")]
    assert run("губернатор провинции Сурин Сомсак Чантхавонг", "губернатор", "Сурин Сомсак Чантхавонг")[1:] \
        == [("Сурин", "LOC"), ("Сомсак Чантхавонг", "PER")]


def test_a_body_noun_the_tagger_ran_into_a_persons_name_is_left_out():
    from nlpkit.ner import _person_after_body

    text = "Пресс-секретарь правительства Федерико Ларрета заявил, что реформа продолжится."
    s = text.index("правительства")
    assert _person_after_body(text, s, text.index(" заявил"))
    s = text.index("Федерико")  # a person's name alone, or a body with a place, is left as it is
    assert not _person_after_body(text, s, text.index(" заявил"))
    text = "в министерстве образования Самарской области"
    assert not _person_after_body(text, 2, len(text))


def test_an_address_in_capitals_joins_the_name_and_the_place_inside_it_goes(tiny_ner):
    ner = NER(tiny_ner, device="cpu")
    text = "По данным ДОМ.РФ, ставки снизились. В РФ.Москва тоже."
    tags = {"ДОМ": "B-ORG", "РФ": "B-LOC", "Москва": "B-LOC"}

    def predict(docs, needed=None):
        return [([tags.get(w, "O") for w in ws], [0.9] * len(ws)) for ws in docs]

    ner.tagger.predict = predict
    got = [(e.text, e.label) for e in ner([text])[0]]
    assert got[0] == ("ДОМ.РФ", "ORG") and ("РФ", "LOC") in got[1:]


def test_an_embassy_is_a_common_noun_and_a_lowercase_word_before_capitals_no_part_of_a_name():
    from nlpkit.ner import place_after_noun

    def one(text, label="ORG"):
        s, lab = place_after_noun(text, 0, len(text), label)
        return text[s:], lab

    assert one("посольства России") == ("России", "LOC")
    assert one("регионального ГУ МЧС") == ("ГУ МЧС", "ORG")
    assert one("комитета Госдумы") == ("Госдумы", "ORG")
    assert one("правительство США") == ("правительство США", "ORG")  # NEREL's body stays
    assert one("Посольство") == ("Посольство", "ORG")


def test_a_first_name_tagged_as_a_place_or_body_before_a_surname_joins_the_person():
    from nlpkit.person_spans import join_names
    from nlpkit.types import Entity

    text = "начальник Управления МВД Зафар Шарифзода, директор Бехзод Мирзаев, мэр Москвы Иванов"

    def e(word, label):
        s = text.index(word)
        return Entity(s, s + len(word), label, word, word)

    got = join_names(text, [e("Управления МВД Зафар", "ORG"), e("Шарифзода", "PER"),
                            e("Бехзод", "ORG"), e("Мирзаев", "PER"), e("Москвы", "LOC"),
                            e("Иванов", "PER")])
    assert [(x.text, x.label) for x in got] == [
        ("Управления МВД", "ORG"), ("Зафар Шарифзода", "PER"), ("Бехзод Мирзаев", "PER"),
        ("Москвы", "LOC"), ("Иванов", "PER")]


def test_a_republics_name_in_apposition_and_a_city_run_into_a_mayors_name():
    from nlpkit.ner import _attach_entities
    from nlpkit.ner_extras import place_before_person as _place_before_person
    from nlpkit.types import Entity

    text = "Арбитражный суд Республики Татарстан решил. Мэр Еревана Гагик Мелконян заявил."

    def e(word, label):
        s = text.index(word)
        return Entity(s, s + len(word), label, word, word)

    ents = [e("Арбитражный суд Республики", "ORG"), e("Татарстан", "LOC"),
            e("Еревана Гагик Мелконян", "PER")]
    got = _attach_entities(text, _place_before_person(text, ents))
    assert [(x.text, x.label) for x in got] == [
        ("Арбитражный суд Республики Татарстан", "ORG"), ("Еревана", "LOC"),
        ("Гагик Мелконян", "PER")]


def test_a_street_named_by_an_adjective_takes_its_noun():
    from nlpkit.ner import streets
    from nlpkit.types import Entity

    text = ("Пробка на Кремлевской площади и у Московского проспекта. Московская область "
            "ждет. Здание на Ленинском проспекте.")
    s = text.index("Ленинском")
    found = [Entity(s, s + len("Ленинском"), "LOC", "Ленинском", "Ленинский", 0.8)]
    got = [(e.text, e.label, e.normal) for e in streets(text, found)]
    assert got == [("Кремлевской площади", "LOC", "Кремлевская площадь"),
                   ("Московского проспекта", "LOC", "Московский проспект"),
                   ("Ленинском проспекте", "LOC", "Ленинский проспект")]


def test_the_part_of_a_place_named_before_it_is_no_part_of_its_name():
    from nlpkit.ner import place_name_start

    text = "на востоке Украины и в центре Харькова, в Центре Азии"
    for phrase, name in (("востоке Украины", "Украины"), ("центре Харькова", "Харькова")):
        s = text.index(phrase)
        assert text[place_name_start(text, s, s + len(phrase)):s + len(phrase)] == name
    s = text.index("Центре Азии")  # a capitalised name stays whole
    assert place_name_start(text, s, len(text)) == s


def test_a_portfolio_after_a_named_body_is_no_part_of_its_name(tiny_ner):
    ner = NER(tiny_ner, device="cpu")
    text = ("Заместитель главы администрации Саратова по социальным вопросам выступил. "
            "Специализированный межрайонный суд по гражданским делам решил.")
    tags = {"администрации": "B-ORG", "Саратова": "I-ORG", "по": "I-ORG", "социальным": "I-ORG",
            "вопросам": "I-ORG", "Специализированный": "B-ORG", "межрайонный": "I-ORG",
            "суд": "I-ORG", "гражданским": "I-ORG", "делам": "I-ORG"}

    def predict(docs, needed=None):
        return [([tags.get(w, "O") for w in ws], [0.9] * len(ws)) for ws in docs]

    ner.tagger.predict = predict
    got = [e.text for e in ner([text])[0]]
    assert "администрации Саратова" in got  # the deputy's portfolio is left out
    assert "Специализированный межрайонный суд по гражданским делам" in got  # a court's is its own


def test_a_common_noun_opening_direct_speech_is_no_name_but_a_quoted_name_is():
    from nlpkit.ner import common_word_opening

    def opening(text, word):
        s = text.index(word)
        return common_word_opening(text, s, s + len(word))

    assert opening("Он раскритиковал прогноз. «Правительство полгода уверяло нас»", "Правительство")
    assert opening("заседании комитета. — Рецессии мы не ждем", "Рецессии")
    assert opening("не согласны. Секретарь Федерации профсоюзов", "Секретарь")  # not a verb
    assert not opening("Партия «Яблоко» выступила", "Яблоко")
    assert opening("закон принят. Хоким Андижанской области заявил", "Хоким")  # a title
    assert not opening("Он сказал: «Яблоко» победит", "Яблоко")


def test_a_central_asian_parliament_is_one_organisation_in_the_nominative():
    from nlpkit.ner import parliaments
    from nlpkit.types import Entity

    text = ("Законодательная палата Олий Мажлиса Узбекистана приняла закон. Депутаты Маджлиси "
            "намояндагон и Жогорку Кенешу.")

    def e(word, label):
        s = text.index(word)
        return Entity(s, s + len(word), label, word, word)

    got = parliaments(text, [e("Законодательная палата", "ORG"), e("Олий", "PER"),
                             e("Мажлиса Узбекистана", "ORG"), e("Маджлиси", "PER")])
    assert [(x.text, x.label, x.normal) for x in got] == [
        ("Законодательная палата", "ORG", "Законодательная палата"),
        ("Олий Мажлиса Узбекистана", "ORG", "Олий Мажлис Узбекистана"),
        ("Маджлиси намояндагон", "ORG", "Маджлиси намояндагон"),
        ("Жогорку Кенешу", "ORG", "Жогорку Кенеш")]


def test_a_first_name_the_tagger_left_out_or_took_for_a_body_joins_the_surname():
    from nlpkit.person_spans import join_names
    from nlpkit.types import Entity

    def ent(text, word, label):
        s = text.index(word)
        return Entity(s, s + len(word), label, word, word, 0.9)

    text = "говорит продавщица Жылдыз Осмоналиева. Депутат от Куляба Мавлюда Назарова считает"
    got = join_names(text, [ent(text, "Жылдыз", "ORG"), ent(text, "Осмоналиева", "PER"),
                            ent(text, "Куляба", "LOC"), ent(text, "Назарова", "PER")])
    assert [(e.text, e.label) for e in got] == [
        ("Жылдыз Осмоналиева", "PER"), ("Куляба", "LOC"), ("Мавлюда Назарова", "PER")]
    assert got[2].normal == "Мавлюда Назарова"
    text = "Сегодня Назарова заявила. «Поздно», — Назаров"  # a sentence's first word stays out
    got = join_names(text, [ent(text, "Назарова", "PER")])
    assert [e.text for e in got] == ["Назарова"]


def test_a_place_after_a_title_or_a_resident_noun_is_split_from_the_persons_name():
    from nlpkit.ner_extras import place_before_person as _place_before_person
    from nlpkit.types import Entity

    for text, place, person in (
            ("В среду аким Семея Серик Жаксыбеков провел совещание", "Семея", "Серик Жаксыбеков"),
            ("рассказала жительница Жана-Семея Айгерим Нурланова.", "Жана-Семея",
             "Айгерим Нурланова")):
        s = text.index(place)
        e = text.index(person) + len(person)
        got = _place_before_person(text, [Entity(s, e, "PER", text[s:e], text[s:e], 0.9)])
        assert [(x.text, x.label) for x in got] == [(place, "LOC"), (person, "PER")]
    text = "сказал мэр Жан Поль Сартр"  # no place in the genitive: one man
    s = text.index("Жан")
    assert len(_place_before_person(text, [Entity(s, len(text), "PER", text[s:], "", 0.9)])) == 1


def test_a_street_keeps_its_noun_and_a_city_after_streets_is_no_street():
    from nlpkit.ner_extras import streets
    from nlpkit.types import Entity

    text = "расширения улицы Розыбакиева. Улицы Лондона опустели"
    a, b = text.index("Розыбакиева"), text.index("Лондона")
    got = streets(text, [Entity(a, a + 11, "PER", "Розыбакиева", "", 0.9),
                         Entity(b, b + 7, "LOC", "Лондона", "Лондон", 0.9)])
    assert [(e.text, e.label) for e in got] == [("улицы Розыбакиева", "LOC"), ("Лондона", "LOC")]
    assert got[0].normal == "улица Розыбакиева"


def test_an_indeclinable_place_after_an_organisation_and_nouns_after_a_latin_name():
    from nlpkit.ner import _verb_tail, attach_places

    text = "МИД ДР Конго заявил"
    assert attach_places(text, [(0, 3, "ORG"), (4, 12, "LOC")]) == [(0, 12, "ORG")]
    text = "агентству Lusa администратор округа"
    s = text.index("Lusa")
    assert text[s:_verb_tail(text, s, s + len("Lusa администратор"))] == "Lusa"
    text = "Фонд помощи детям"  # a noun after a lowercase word stays
    assert _verb_tail(text, 0, len(text)) == len(text)


def test_a_place_the_tagger_took_for_a_person_after_a_title_or_a_body_is_a_place():
    from nlpkit.ner_extras import place_before_person, places_after_bodies
    from nlpkit.types import Entity

    def ent(text, word, label="PER"):
        s = text.index(word)
        return Entity(s, s + len(word), label, word, word, 0.9)

    text = "вышел вице-мэр Токмока Алмаз Жумабеков"
    got = place_before_person(text, [ent(text, "Токмока"), ent(text, "Алмаз Жумабеков")])
    assert [(e.text, e.label) for e in got] == [("Токмока", "LOC"), ("Алмаз Жумабеков", "PER")]
    text = "В хукумате Куляба пообещали. Глава администрации Путина Сергей Путин"
    got = places_after_bodies(text, [ent(text, "Куляба"), ent(text, "Путина"),
                                     ent(text, "Сергей Путин")])
    assert [e.label for e in got] == ["LOC", "PER", "PER"]


def test_a_place_named_as_a_source_after_a_body_noun_is_that_body():
    from nlpkit.ner_extras import body_of_place

    text = "По информации акимата Семея, трубы доставлены"
    s = text.index("Семея")
    assert body_of_place(text, (s, s + 5), [(s, s + 5, "LOC")]) == (text.index("акимата"), s + 5)
    assert body_of_place(text, (s, s + 5), [(s, s + 5, "PER")]) == (s, s + 5)


def test_a_datelines_city_is_a_place_and_a_title_leaves_a_persons_name():
    from nlpkit.ner import _title_head
    from nlpkit.ner_extras import datelines
    from nlpkit.types import Entity

    text = "Заголовок\n\nНУР-СУЛТАН, 3 мая. /ТАСС/. Депутаты собрались."
    s = text.index("НУР")
    got = datelines(text, [Entity(s, s + 3, "ORG", "НУР", "НУР", 0.5)])
    assert [(e.text, e.label, e.normal) for e in got] == [("НУР-СУЛТАН", "LOC", "Нур-Султан"),
                                                           ("ТАСС", "ORG", "ТАСС")]
    assert datelines("В 2020 году, 3 мая.", []) == []
    text = "Заголовок\n\nМЕХИКО, 9 мая — РИА Новости. Мексика отозвала посла.\n\nБИШКЕК. Суд решил."
    got = [(e.text, e.label) for e in datelines(text, [])]
    assert got == [("МЕХИКО", "LOC"), ("РИА Новости", "ORG"), ("БИШКЕК", "LOC")]
    assert datelines("Заголовок\n\nМВД. Сотрудники пришли.", []) == []  # not a place
    text = "Заголовок\n\nБИШКЕК, 14 апреля — 24.kg. В министерстве сообщили."
    assert [(e.text, e.label) for e in datelines(text, [])] == [("БИШКЕК", "LOC"), ("24.kg", "ORG")]
    text = "выехали аким Экибастуза Серик Мусин"
    s = text.index("аким")
    assert text[_title_head(text, s, len(text)):] == "Экибастуза Серик Мусин"


def test_more_parliaments_are_one_name_with_a_nominative_head_after_their_place_joins():
    from nlpkit.ner import _attach_entities
    from nlpkit.ner_extras import parliaments
    from nlpkit.types import Entity

    text = "Депутат Жокаргы Кенеса Каракалпакстана заявила"
    a, b, c = text.index("Жокаргы"), text.index("Кенеса"), text.index("Каракалпакстана")
    ents = [Entity(a, a + 7, "ORG", "Жокаргы", "Жокаргы", 0.9),
            Entity(b, b + 6, "PER", "Кенеса", "Кенеса", 0.9),
            Entity(c, c + 15, "LOC", "Каракалпакстана", "Каракалпакстан", 0.9)]
    got = _attach_entities(text, parliaments(text, ents))
    assert [(e.text, e.label, e.normal) for e in got] == [
        ("Жокаргы Кенеса Каракалпакстана", "ORG", "Жокаргы Кенес Каракалпакстана")]


def test_a_known_place_the_tagger_took_for_a_person_after_a_place_noun_or_preposition():
    from nlpkit.ner_extras import places_after_bodies
    from nlpkit.types import Entity

    text = "Жители Владимира жалуются. Завод работает во Владимире. Мы говорили с Владимиром."
    ents = []
    for word in ("Владимира", "Владимире", "Владимиром"):
        s = text.index(word)
        ents.append(Entity(s, s + len(word), "PER", word, word, 0.9))
    assert [e.label for e in places_after_bodies(text, ents)] == ["LOC", "LOC", "PER"]


def test_a_first_name_the_tagger_took_for_a_place_joins_the_surname():
    from nlpkit.person_spans import join_names
    from nlpkit.types import Entity

    text = "вышел мэр Кара-Балты Кубанычбек Сатаров"
    got = []
    for word, label in (("Кара-Балты", "LOC"), ("Кубанычбек", "LOC"), ("Сатаров", "PER")):
        s = text.index(word)
        got.append(Entity(s, s + len(word), label, word, word, 0.9))
    assert [(e.text, e.label) for e in join_names(text, got)] == [
        ("Кара-Балты", "LOC"), ("Кубанычбек Сатаров", "PER")]


def test_a_generic_phrase_opening_a_sentence_is_no_name():
    from nlpkit.ner_extras import generic_phrase

    for text, phrase, expected in (
            ("Иск подан. Надзорное ведомство добивается перерасчета.", "Надзорное ведомство", True),
            ("Иск подан. Совет директоров одобрил транш.", "Совет директоров", True),
            ("Иск подан. Верховный суд отменил решение.", "Верховный суд", False),
            ("Иск подан, и Надзорное ведомство добивается", "Надзорное ведомство", False)):
        s = text.index(phrase)
        assert generic_phrase(text, s, s + len(phrase)) is expected, phrase


def test_a_first_name_tagged_as_a_place_opens_a_foreign_name_and_a_capital_title_leaves():
    from nlpkit.ner import _title_head
    from nlpkit.ner_extras import place_before_person
    from nlpkit.person_spans import join_names
    from nlpkit.types import Entity

    text = "Министр труда Рохелио Ортис назвал забастовку незаконной"
    a, b = text.index("Рохелио"), text.index("Ортис")
    got = join_names(text, [Entity(a, a + 7, "LOC", "Рохелио", "Рохелио", 0.9),
                            Entity(b, b + 5, "PER", "Ортис", "Ортис", 0.9)])
    assert [(e.text, e.label) for e in got] == [("Рохелио Ортис", "PER")]
    text = "«Все под контролем», — заявила она.\n\nАким Риддера Самат Байтурсынов поручил"
    s = _title_head(text, text.index("Аким"), len(text) - len(" поручил"))
    e = len(text) - len(" поручил")
    got = place_before_person(text, [Entity(s, e, "PER", text[s:e], text[s:e], 0.9)])
    assert [(x.text, x.label) for x in got] == [("Риддера", "LOC"), ("Самат Байтурсынов", "PER")]


def test_a_common_noun_opening_the_sentence_leaves_a_persons_name():
    from nlpkit.ner import _title_head

    text = "Так решили.\nГид Дильноза Юсупова не согласна"
    s = text.index("Гид")
    assert text[_title_head(text, s, s + len("Гид Дильноза Юсупова")):].startswith("Дильноза")
    text = "Так решили. Роза Галиева не согласна"  # «Роза» is a first name too
    s = text.index("Роза")
    assert _title_head(text, s, s + len("Роза Галиева")) == s


def test_a_surname_taken_for_a_body_joins_its_first_name_and_a_region_is_named_after_its_noun():
    from nlpkit.ner_extras import place_before_person, places_after_bodies
    from nlpkit.person_spans import join_names
    from nlpkit.types import Entity

    text = "представитель МИД Шохрух Давлатзода и Небиат Гетачью Алему, а Иван Петров Ростов"
    spans = [("Шохрух", "PER"), ("Давлатзода", "ORG"), ("Небиат Гетачью", "PER"), ("Алему", "PER"),
             ("Иван Петров", "PER"), ("Ростов", "LOC")]
    ents = [Entity(text.index(w), text.index(w) + len(w), lab, w, w, 0.9) for w, lab in spans]
    got = [(e.text, e.label) for e in join_names(text, ents)]
    assert got == [("Шохрух Давлатзода", "PER"), ("Небиат Гетачью Алему", "PER"),
                   ("Иван Петров", "PER"), ("Ростов", "LOC")]  # a known place stays a place
    text = "Заместитель акима области Жетысу Нурбол Ахметов сообщил. В Чуйской области Иван Петров"
    a, b = text.index("Жетысу"), text.index("Иван")
    ents = [Entity(a, a + 21, "PER", text[a:a + 21], "", 0.9), Entity(b, b + 11, "PER", "Иван Петров", "", 0.9)]
    got = [(e.text, e.label) for e in places_after_bodies(text, place_before_person(text, ents))]
    assert got == [("области Жетысу", "LOC"), ("Нурбол Ахметов", "PER"), ("Иван Петров", "PER")]


def test_a_body_opening_a_sentence_takes_its_place_into_its_name():
    from nlpkit.ner_extras import bodies_opening_sentences
    from nlpkit.types import Entity

    text = "Заголовок\n\nПрокуратура Липецкой области начала проверку. В прокуратуре Липецкой области сказали."
    a = text.index("Липецкой")
    b = text.index("Липецкой", a + 1)
    ents = [Entity(s, s + 16, "LOC", "Липецкой области", "Липецкая область", 0.9) for s in (a, b)]
    got = [(e.text, e.label) for e in bodies_opening_sentences(text, ents)]
    assert got == [("Прокуратура Липецкой области", "ORG"), ("Липецкой области", "LOC")]


def test_a_place_read_as_a_one_word_body_is_a_place_unless_quoted_or_a_union():
    from nlpkit.ner_extras import places_read_as_bodies
    from nlpkit.types import Entity

    text = "Власти Таиланда и Евросоюз спорят, клуб «Ростов» выиграл."
    ents = [Entity(text.index(w), text.index(w) + len(w), "ORG", w, w, 0.9)
            for w in ("Таиланда", "Евросоюз", "Ростов")]
    assert [e.label for e in places_read_as_bodies(text, ents)] == ["LOC", "ORG", "ORG"]


def test_a_quoted_name_after_its_kind_is_an_organisation_or_a_place():
    from nlpkit.ner_quoted import quoted_names
    from nlpkit.types import Entity

    text = "В банке «Приневский» молчат. Жители махалли «Ойдин» и депутат «Единой России» тоже."
    s = text.index("Ойдин")
    got = quoted_names(text, [Entity(s, s + 5, "ORG", "Ойдин", "Ойдин", 0.9)])
    assert [(e.text, e.label) for e in got] == [("Приневский", "ORG"), ("Ойдин", "LOC")]
    # the tagger found the name's last words: all of the quoted name is the body
    text = "В «Семь звезд Ритейл» молчат, на заводе АО «Чирчик Азот Кимё» тоже; «Евгений Онегин» идет."
    ents = [Entity(text.index(w), text.index(w) + len(w), lab, w, w, 0.9)
            for w, lab in (("Ритейл", "ORG"), ("Азот Кимё", "PER"), ("Евгений Онегин", "PER"))]
    assert [(e.text, e.label) for e in quoted_names(text, ents)] == [
        ("Семь звезд Ритейл", "ORG"), ("Чирчик Азот Кимё", "ORG"), ("Евгений Онегин", "PER")]
    # entities are found by position: a long one that starts well before a quoted name still
    # overlaps it and leaves it alone; the input's order does not matter; nothing changed, the
    # same list comes back
    text = "В банке «Приневский» молчат."
    long = Entity(0, 15, "ORG", text[:15], text[:15], 0.9)
    assert quoted_names(text, [long]) == [long]
    got = quoted_names(text * 3, [Entity(40, 45, "LOC", "x", "x", 0.5), long])
    # the first name overlaps the long entity, the second holds a place the tagger found
    assert [(e.start, e.label) for e in got] == [(0, "ORG"), (40, "LOC"), (65, "ORG")]
    unchanged = [Entity(1, 2, "LOC", "x", "x", 0.5)]
    assert quoted_names("Просто текст.", unchanged) is unchanged


def test_quoted_works_and_kind_abbreviations_are_no_names_but_quoted_groups_are():
    from nlpkit.ner_extras import generic_phrase
    from nlpkit.ner_quoted import quoted_kinds
    from nlpkit.types import Entity

    text = "В рамках программы «Комфортная среда» ОсОО «Тенир-Тоо» начало работу."
    ents = [Entity(text.index(w), text.index(w) + len(w), "ORG", w, w, 0.9)
            for w in ("Комфортная среда", "ОсОО", "Тенир-Тоо")]
    assert [e.text for e in quoted_kinds(text, ents)] == ["Тенир-Тоо"]
    text = "Он сказал. «Турецкие банки боятся». Владелец «Балтийской судоходной группы» молчит."
    a = text.index("Турецкие")
    b = text.index("Балтийской")
    assert generic_phrase(text, a, a + len("Турецкие банки"))
    assert not generic_phrase(text, b, b + len("Балтийской судоходной группы"))


def test_a_region_after_po_is_part_of_a_bodys_name():
    from nlpkit.ner import attach_places

    text = "ГУ МЧС по Саратовской области сообщило. Турне по Европе."
    spans = [(0, 6, "ORG"), (10, 29, "LOC"), (49, 55, "LOC")]
    got = [text[a:b] for a, b, _ in attach_places(text, spans)]
    assert got == ["ГУ МЧС по Саратовской области", "Европе"]


def test_an_abbreviation_in_brackets_is_a_name_of_its_own():
    from nlpkit.ner import split_abbreviations

    text = "Главы Организации тюркских государств (ОТГ) и Общественной палаты (ОП) РФ"
    a = text.index("Организации")
    b = text.index("Общественной")
    got = [text[s:e] for s, e, _ in split_abbreviations(text, [(a, text.index(" и"), "ORG"),
                                                               (b, len(text), "ORG")])]
    assert got == ["Организации тюркских государств", "ОТГ", "Общественной палаты (ОП) РФ"]


def test_a_body_in_the_genitive_after_an_opening_body_noun_and_an_adjective_before_an_abbreviation():
    from nlpkit.ner_extras import bodies_opening_sentences
    from nlpkit.types import Entity

    text = "Текст. Управление Роспотребнадзора по Тульской области сообщило. В Среднесибирском УГМС нет."
    ents = [Entity(text.index(w), text.index(w) + len(w), "ORG", w, w, 0.9)
            for w in ("Роспотребнадзора по Тульской области", "УГМС")]
    got = [(e.text, e.normal) for e in bodies_opening_sentences(text, ents)]
    assert got == [("Управление Роспотребнадзора по Тульской области",
                    "Управление Роспотребнадзора по Тульской области"),
                   ("Среднесибирском УГМС", "Среднесибирское УГМС")]


def test_a_one_word_person_listed_with_a_place_is_a_place():
    from nlpkit.ner_extras import people_listed_with_places
    from nlpkit.types import Entity

    text = "трасса между Гондэром и Бахр-Даром закрыта, сказал Иванов и Москва"
    ents = [Entity(text.index(w), text.index(w) + len(w), lab, w, w, 0.9)
            for w, lab in (("Гондэром", "PER"), ("Бахр-Даром", "LOC"), ("Иванов", "PER"),
                           ("Москва", "LOC"))]
    got = [e.label for e in people_listed_with_places(text, ents)]
    assert got == ["LOC", "LOC", "PER", "LOC"]  # «Иванов» is a surname pymorphy knows


def test_a_bracketed_abbreviation_after_an_organisation_and_an_opening_kind_noun():
    from nlpkit.ner_quoted import bracketed_abbreviations, quoted_names
    from nlpkit.types import Entity

    text = "Текст.\n\nБанк «Приневский» подал иск. Управление по координации (УКГВ) сообщило (ТАСС)."
    assert [(e.text, e.label) for e in quoted_names(text, [])] == [("Приневский", "ORG")]
    s, e = text.index("Управление"), text.index(" (УКГВ)")
    got = bracketed_abbreviations(text, [Entity(s, e, "ORG", text[s:e], text[s:e], 0.9)])
    assert [x.text for x in got] == ["Управление по координации", "УКГВ"]


def test_a_ministry_listing_its_remit_is_one_name():
    from nlpkit.ner_extras import listed_remit

    def end(text, name):
        s = text.index(name)
        return text[s:listed_remit(text, s, s + len(name))]

    text = "Министерство труда, социального обеспечения и миграции Кыргызстана направило запрос"
    assert end(text, "Министерство труда") == \
        "Министерство труда, социального обеспечения и миграции"
    text = "Министерство экологии, охраны окружающей среды и изменения климата начало проверку"
    assert end(text, "Министерство экологии, охраны окружающей среды") == \
        "Министерство экологии, охраны окружающей среды и изменения климата"
    assert end("В Министерстве финансов, экономики и торговли заявили", "Министерстве финансов") \
        == "Министерстве финансов, экономики и торговли"
    # no list: a clause, another body, or «и» with no comma before it
    assert end("Министерство финансов, которое и ведет дело", "Министерство финансов") == \
        "Министерство финансов"
    assert end("Министерства обороны, МВД и ФСБ", "Министерства обороны") == "Министерства обороны"
    assert end("Министерство финансов и экономики заявило", "Министерство финансов") == \
        "Министерство финансов"
    assert end("Министерство экономики и коммерции Кыргызстана", "Министерство экономики") == \
        "Министерство экономики и коммерции"
    from nlpkit.ner_extras import comma_tail

    text = "сообщили в Агентстве по противодействию коррупции, ущерб возмещен"
    s, e = text.index("Агентстве"), text.index(" возмещен")
    assert text[s:comma_tail(text, s, e)] == "Агентстве по противодействию коррупции"
    text = "Министерство экологии, охраны среды"
    assert comma_tail(text, 0, len(text)) == len(text)  # a remit in the genitive stays


def test_a_foreign_name_that_is_the_subject_of_a_reporting_verb_stays_as_written():
    """«Тоавина Рахаризака» reads like the genitive of «Тоавин Рахаризак», but as the subject
    of «заявил» it is nominative; a known name before a verb («Ивана Петрова поддержал») and a
    name before a verb that is no reporting verb («с Сериком Мукашевым начался») are still
    inflected."""
    from nlpkit.normal import normalize_name
    from nlpkit.person_spans import subject_names
    from nlpkit.types import Entity

    def run(text: str, names: list[str]) -> list[tuple[str, str]]:
        ents = []
        for name in names:
            s = text.index(name)
            ents.append(Entity(s, s + len(name), "PER", name, normalize_name(name, "PER"), 0.9))
        return [(e.text, e.normal) for e in subject_names(text, ents)]

    text = "«Мы не можем учиться», — заявил Тоавина Рахаризака. Позже Рахаризака добавил, что"
    assert normalize_name("Тоавина Рахаризака") == "Тоавин Рахаризак"
    assert run(text, ["Тоавина Рахаризака", "Рахаризака"]) == [
        ("Тоавина Рахаризака", "Тоавина Рахаризака"), ("Рахаризака", "Рахаризака")]
    assert run("Родригу Мескита заявил, что приказов не было.", ["Родригу Мескита"]) == [
        ("Родригу Мескита", "Родригу Мескита")]
    assert run("Ивана Петрова поддержал губернатор.", ["Ивана Петрова"]) == [
        ("Ивана Петрова", "Иван Петров")]
    assert run("Конфликт с Сериком Мукашевым начался весной.", ["Сериком Мукашевым"]) == [
        ("Сериком Мукашевым", "Серик Мукашев")]
    assert run("По словам Тоавина Рахаризака, протест продолжится.", ["Тоавина Рахаризака"]) == [
        ("Тоавина Рахаризака", "Тоавин Рахаризак")]


def test_a_capital_standing_for_its_state_is_a_place_unless_it_names_something_in_marks():
    from nlpkit.ner_labels import fix_label

    assert fix_label("Брюссель", "ORG") == "LOC"  # «Брюссель снова поставил торговлю выше»
    assert fix_label("Вашингтона", "ORG") == "LOC"
    assert fix_label("Нью-Дели", "ORG") == "LOC"
    assert fix_label("Москва", "ORG", quoted=True) == "ORG"  # the agency «Москва»
    assert fix_label("Краснодар", "ORG") == "ORG"  # also a football club
    assert fix_label("МИД", "ORG") == "ORG"


def test_two_organisations_that_overlap_are_one_unless_they_share_only_a_head_office():
    from nlpkit.ner_extras import join_overlaps
    from nlpkit.types import Entity

    def ent(text: str, piece: str, start_at: int = 0) -> Entity:
        s = text.index(piece, start_at)
        return Entity(s, s + len(piece), "ORG", piece, piece, 0.9)

    text = "сообщили в Министерстве труда, миграции и занятости населения Таджикистана, что"
    first = ent(text, "Министерстве труда, миграции и занятости населения")
    second = ent(text, "миграции и занятости населения Таджикистана")
    joined = join_overlaps(text, [first, second])
    assert [(e.text, e.normal) for e in joined] == [(
        "Министерстве труда, миграции и занятости населения Таджикистана",
        "Министерство труда, миграции и занятости населения Таджикистана")]
    text = "сотрудниками ОРЧ СБ ГУ МВД России по Воронежской области"
    apart = [ent(text, "ОРЧ СБ ГУ"), ent(text, "ГУ МВД России по Воронежской области")]
    assert join_overlaps(text, apart) == apart


def test_an_adjective_read_as_a_person_before_a_district_noun_is_that_district():
    from nlpkit.person_spans import districts_read_as_people
    from nlpkit.types import Entity

    def run(text: str, word: str) -> list[tuple[str, str, str]]:
        s = text.index(word)
        ents = [Entity(s, s + len(word), "PER", word, word, 0.9)]
        return [(e.text, e.label, e.normal) for e in districts_read_as_people(text, ents)]

    assert run("Аким Жалагашского района Бахытжан Сейтказиев заверил", "Жалагашского") == [
        ("Жалагашского района", "LOC", "Жалагашский район")]
    assert run("соседи Жалагашского говорят", "Жалагашского") == [
        ("Жалагашского", "PER", "Жалагашского")]  # no district noun after it
    assert run("Губернатор Вишневский района", "Вишневский") == [
        ("Вишневский", "PER", "Вишневский")]  # a nominative: no agreement


def test_an_outlet_and_a_known_surname_read_as_one_body_are_split():
    from nlpkit.person_spans import full_names, outlet_before_surname
    from nlpkit.types import Entity

    text = "Гендиректор Тимур Ахметов объяснил. «Так дешевле», — пояснил РБК Ахметов. В ООН Ахметова"
    full = Entity(12, 25, "PER", "Тимур Ахметов", "Тимур Ахметов", 0.9)
    s = text.index("РБК Ахметов")
    merged = Entity(s, s + 11, "ORG", "РБК Ахметов", "РБК Ахметов", 0.8)
    got = outlet_before_surname([full, merged], full_names([full, merged]))
    assert [(e.text, e.label, e.normal) for e in got[1:]] == [
        ("РБК", "ORG", "РБК"), ("Ахметов", "PER", "Ахметов")]
    assert all(text[e.start : e.end] == e.text for e in got)
    s = text.index("ООН Ахметова")
    other = Entity(s, s + 12, "ORG", "ООН Ахметова", "ООН Ахметова", 0.8)  # no such person
    assert outlet_before_surname([other], {}) == [other]


def test_batches_repeat_a_few_padded_widths_and_padding_changes_nothing(tiny_ner):
    from nlpkit.modelio import PAD_MULTIPLE

    texts = [" ".join(f"Иван{i} Петров приехал в Казань." for i in range(n)) for n in (1, 3, 7, 40)]
    docs = [t.split() for t in texts]
    ner = NER(tiny_ner, device="cpu", precision="fp32", max_length=100, stride=16)
    widths = []
    inner = ner.tagger._forward

    def spy(ids, mask, hidden):
        widths.append(ids.shape[1])
        return inner(ids, mask, hidden)

    ner.tagger._forward = spy
    ner.tagger.batch_tokens = 256
    batched = ner.tagger.predict(docs)
    assert len(widths) > 1
    assert all(w % PAD_MULTIPLE == 0 or w == 100 for w in widths), widths
    # each window alone, unpadded: the same labels and (fp32) the same probabilities
    ner.tagger.batch_tokens = 1
    widths.clear()
    alone = ner.tagger.predict(docs)
    assert len(widths) == len(ner.tagger.encode(docs))
    for (tags_a, p_a), (tags_b, p_b) in zip(batched, alone):
        assert tags_a == tags_b
        assert max(abs(a - b) for a, b in zip(p_a, p_b)) < 1e-4

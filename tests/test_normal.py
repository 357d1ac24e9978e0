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


def test_an_adjective_that_reads_as_a_noun_agrees_with_its_head():
    from nlpkit.normal import normalize_name

    assert normalize_name("полицейского управления Вашингтона", "ORG") == \
        "полицейское управление Вашингтона"
    assert normalize_name("Учёного совета", "ORG") == "Учёный совет"
    assert normalize_name("Московского комсомольца", "ORG") == "Московский комсомолец"


def test_adjectives_before_a_plural_body_stay_plural():
    from nlpkit.normal import normalize_name

    assert normalize_name("афганские власти", "ORG") == "афганские власти"
    assert normalize_name("израильских властей", "ORG") == "израильские власти"
    assert normalize_name("российском министерстве финансов", "ORG") == \
        "российское министерство финансов"


def test_names_spelt_with_yo_decline_as_the_dictionary_spells_them_and_keep_the_yo():
    from nlpkit.normal import normalize_name

    assert normalize_name("Алёхиной") == "Алёхина"
    assert normalize_name("Семёном Слепаковым") == "Семён Слепаков"


def test_the_nominative_keeps_the_texts_own_e_or_yo():
    from nlpkit.normal import normalize_name

    assert normalize_name("Николая Федорова") == "Николай Федоров"  # not the dictionary «Фёдоров»


def test_central_asian_mens_names_decline_with_their_surnames():
    from nlpkit.normal import normalize_name

    assert normalize_name("Ерлана Жумабекова") == "Ерлан Жумабеков"
    assert normalize_name("Нурланом Садыковым") == "Нурлан Садыков"
    assert normalize_name("Ерлан Жумабеков") == "Ерлан Жумабеков"
    assert normalize_name("Асель Нурпеисову") == "Асель Нурпеисова"  # a woman's stays hers
    assert normalize_name("Нурлана Садыкова", gender="femn") == "Нурлана Садыкова"


@pytest.mark.parametrize("form, nominative", [
    ("Дина Касымова", "Дина Касымова"),  # not the genitive of a man «Дин Касымов»
    ("Дину Касымову", "Дина Касымова"),
    ("Нигоры Саидовой", "Нигора Саидова"),
    ("Гульмиру Осмоналиеву", "Гульмира Осмоналиева"),  # an unknown surname in «-еву» declines
    ("Кёлер", "Кёлер"),  # an unknown surname in a consonant stays as written
    ("Ивану Петрову", "Иван Петров"),
    ("Макрона", "Макрон"),
])
def test_womens_names_of_central_asia_and_unknown_surnames(form, nominative):
    assert normalize_name(form, "PER") == nominative


@pytest.mark.parametrize("form, nominative", [
    ("Бурятского ЦГМС", "Бурятский ЦГМС"),
    ("Московской ТЭЦ", "Московская ТЭЦ"),
    ("Генеральной прокуратуры РФ", "Генеральная прокуратура РФ"),  # a head noun decides
])
def test_adjectives_before_an_abbreviation_are_nominative(form, nominative):
    assert normalize_name(form, "ORG") == nominative


def test_a_first_name_is_never_read_as_a_vocative():
    assert normalize_name("Бахром Усманов", "PER") == "Бахром Усманов"
    assert normalize_name("Бахрома Усманова", "PER") == "Бахром Усманов"


def test_a_name_takes_the_nominative_the_document_gives_the_same_person():
    from nlpkit.person_spans import same_person_same_normal
    from nlpkit.types import Entity

    ents = [Entity(0, 16, "PER", "Жандос Тулегенов", "Жандос Тулегенов"),
            Entity(30, 48, "PER", "Жандоса Тулегенова", "Жандоса Тулегенова"),
            Entity(60, 74, "PER", "Анна Петрова", "Анна Петрова")]
    assert [e.normal for e in same_person_same_normal(ents)] == [
        "Жандос Тулегенов", "Жандос Тулегенов", "Анна Петрова"]


def test_the_first_shorter_nominative_in_text_order_wins_whatever_its_first_letters():
    from nlpkit.person_spans import same_person_same_normal
    from nlpkit.types import Entity

    def per(start: int, text: str) -> Entity:
        return Entity(start, start + len(text), "PER", text, text)

    ents = [per(0, "Ю Ким"), per(10, "Юа Ким"), per(20, "Юан Кима"), per(30, "Юа Кима"),
            per(40, "Пётр Алёшин"), per(60, "Петра Алешина"), per(80, "Анна Ким")]
    assert [e.normal for e in same_person_same_normal(ents)] == [
        "Ю Ким", "Ю Ким",
        "Ю Ким",  # «Ю Ким» and «Юа Ким» both fit; the earlier mention wins
        "Ю Ким", "Пётр Алёшин", "Пётр Алёшин",  # ё and е read alike
        "Анна Ким"]


def test_a_woman_in_ii_and_a_woman_in_the_nominative_keep_one_gender():
    from nlpkit.normal import normalize_name

    assert normalize_name("Алии Жуматовой", "PER") == "Алия Жуматова"
    assert normalize_name("Сауле Ибраимова", "PER") == "Сауле Ибраимова"  # not «Саул»
    assert normalize_name("Ивана Петрова", "PER") == "Иван Петров"


def test_a_name_after_po_slovam_is_genitive():
    from nlpkit.person_spans import after_po_slovam
    from nlpkit.types import Entity

    text = "По словам жителя Истаравшана Фаридуна Саидова, паспорта забрали. Фаридуна Саидова пришла."
    a = text.index("Фаридуна")
    b = text.index("Фаридуна", a + 1)
    ents = [Entity(s, s + 16, "PER", text[s:s + 16], text[s:s + 16], 0.9) for s in (a, b)]
    assert [e.normal for e in after_po_slovam(text, ents)] == ["Фаридун Саидов", "Фаридуна Саидова"]


def test_an_adjective_with_two_stems_keeps_the_stem_as_written():
    """pymorphy puts «высший» and «высочайший» («лучший», «наихороший») in one paradigm;
    the nominative keeps the word's own stem."""
    from nlpkit.normal import normalize_name

    assert normalize_name("Высшей школы экономики", "ORG") == "Высшая школа экономики"
    assert normalize_name("Высшего арбитражного суда", "ORG") == "Высший арбитражный суд"
    assert normalize_name("Высшей хоккейной лиги", "ORG") == "Высшая хоккейная лига"
    assert normalize_name("Лучшего клуба", "ORG") == "Лучший клуб"
    assert normalize_name("Большого театра", "ORG") == "Большой театр"  # one stem: as before
    assert normalize_name("Нижегородской области", "LOC") == "Нижегородская область"

"""Speaker resolution and name normalisation: the cases the quote corpus showed wrong."""

import pytest

from nlpkit.normal import normalize_name
from nlpkit.quote_rules import find_quotes
from nlpkit.quotes import Quotes
from nlpkit.speakers import SpeakerResolver
from nlpkit.types import Entity


def ent(text, name, label, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Entity(start, start + len(name), label, name, normalize_name(name, label))


def speakers(text, ents):
    return [(q.text, q.speaker) for q in Quotes(None)([text], [ents])[0]]


def canon(text, ents, i):
    """The canonical speaker the document gives its ``i``-th entity."""
    return SpeakerResolver(text, ents).canonical(ents[i]).speaker


def reported(text, ents, source, content):
    """The speaker of reported speech whose source is the first ``source`` and whose content
    starts at the first ``content``."""
    s = text.index(source)
    return SpeakerResolver(text, ents).resolve((s, s + len(source)), text.index(content), None,
                                               "indirect").speaker


def test_names_that_can_be_nominative_stay_so():
    assert normalize_name("Алия Нурланова") == "Алия Нурланова"
    assert normalize_name("Абдулла Хсрат") == "Абдулла Хсрат"
    assert normalize_name("Нэнси Пелоси") == "Нэнси Пелоси"
    assert normalize_name("Александра Мишарина") == "Александр Мишарин"
    assert normalize_name("Маратом Сыздыковым") == "Марат Сыздыков"
    assert normalize_name("С.Собяниным") == "С.Собянин"
    assert normalize_name("Файка аль-Саид") == "Файка аль-Саид"
    assert normalize_name("Власти Сирии", "ORG") == "Власти Сирии"
    assert normalize_name("Госдепартамента США", "ORG") == "Госдепартамент США"


def test_initials_join_the_full_name_and_namesakes_stay_apart():
    text = ("Премьер Николай Азаров встретился с Барак Обама и Мишель Обама. "
            "Н.Азаров заявил, что встреча прошла хорошо. "
            "Мишель Обама сказала, что рада визиту. Обама заявил, что визит важен.")
    ents = [ent(text, "Николай Азаров", "PER"), ent(text, "Барак Обама", "PER"),
            ent(text, "Мишель Обама", "PER"), ent(text, "Н.Азаров", "PER"),
            ent(text, "Мишель Обама", "PER", nth=1), ent(text, "Обама", "PER", nth=3)]
    got = dict(speakers(text, ents))
    assert got["встреча прошла хорошо"] == "Николай Азаров"
    assert got["рада визиту"] == "Мишель Обама"
    assert got["визит важен"] == "Мишель Обама"  # the nearest full mention before


def test_acronym_resolves_to_its_expansion_and_pronoun_to_the_subject():
    text = ("Министерство внутренних дел провело рейд. МВД сообщило, что задержаны трое. "
            "Иван Петров встретился с Анной Ивановой. Он заявил, что всё спокойно.")
    ents = [ent(text, "Министерство внутренних дел", "ORG"), ent(text, "МВД", "ORG"),
            ent(text, "Иван Петров", "PER"), ent(text, "Анной Ивановой", "PER")]
    got = dict(speakers(text, ents))
    assert got["задержаны трое"] == "Министерство внутренних дел"
    assert got["всё спокойно"] == "Иван Петров"


def test_relaying_outlet_is_not_the_speaker_and_generic_sources_name_nobody():
    text = ("«Мы не допустим повышения тарифов», — сообщил РИА Новости Дмитрий Песков. "
            "Эксперты считают, что тарифы всё равно вырастут.")
    ents = [ent(text, "РИА Новости", "ORG"), ent(text, "Дмитрий Песков", "PER")]
    got = dict(speakers(text, ents))
    assert got["Мы не допустим повышения тарифов"] == "Дмитрий Песков"
    assert got["тарифы всё равно вырастут"] is None


def test_resolver_press_service_speaks_for_its_body():
    text = "В пресс-службе Райффайзенбанка сообщили, что отделения работают."
    ents = [ent(text, "Райффайзенбанка", "ORG")]
    r = SpeakerResolver(text, ents)
    s = text.index("пресс-службе")
    att = r.resolve((s, s + len("пресс-службе Райффайзенбанка")), 0)
    assert att.speaker == "Райффайзенбанк"


def test_colon_speech_nested_quotes_and_split_quote_with_inner_dash():
    text = ("Президент Польши Анджей Дуда написал в Twitter:\n"
            "Своими работами он прославил Польшу на весь мир и останется с нами навсегда.\n"
            '"Деньги на оборудование выделило "Роснано". Больному введут препарат", - '
            "рассказывает главный врач.\n"
            "«Байсаров — видный представитель народа, — говорит г-н Каримов. — "
            "Но ни одной фамилии он пока не называл».")
    got = [(q.kind, text[q.start:q.end]) for q in find_quotes(text)]
    assert ("direct", "Своими работами он прославил Польшу на весь мир и останется с нами "
            "навсегда.") in got
    assert ("direct", 'Деньги на оборудование выделило "Роснано". Больному введут препарат') \
        in got
    assert ("direct", "Байсаров — видный представитель народа") in got
    assert ("direct", "Но ни одной фамилии он пока не называл") in got


def test_author_voice_is_not_a_quote():
    text = "Напомним, что ранее компания объявила о сокращении штата на треть."
    assert find_quotes(text) == []


def test_original_spelling_in_brackets_is_not_part_of_the_speaker():
    from nlpkit.speaker_forms import clean as _clean

    assert _clean("Филипп Хильдебранд (Philipp Hildebrand)") == "Филипп Хильдебранд"
    assert _clean("Марк Стро (Mark Stroh") == "Марк Стро"
    assert _clean("Carl-Henrik Heldin)") == "Carl-Henrik Heldin"
    assert _clean('ОАО "Ё-Авто"') == 'ОАО "Ё-Авто"'


def test_person_names_stay_singular_and_lone_first_names_nominative():
    assert normalize_name("Харви Питт") == "Харви Питт"
    assert normalize_name("Юлия") == "Юлия"
    assert normalize_name("Азарова") == "Азаров"  # a lone surname reads as masculine


def test_source_prefers_the_person_to_the_body_and_a_pronoun_to_a_relaying_outlet():
    text = "«Перемирие соблюдается», — заявил представитель ХАМАС Фаузи Бархум."
    ents = [(text.index("ХАМАС"), text.index("ХАМАС") + 5, "ORG"),
            (text.index("Фаузи"), text.index("Фаузи") + len("Фаузи Бархум"), "PER")]
    q = find_quotes(text, ents)[0]
    assert text[q.source[0]:q.source[1]] == "Фаузи Бархум"
    text = "«Я не уйду в отставку», — написал он в Twitter."
    ents = [(text.index("Twitter"), text.index("Twitter") + 7, "ORG")]
    q = find_quotes(text, ents)[0]
    assert text[q.source[0]:q.source[1]] == "он"


def test_cue_gender_decides_ambiguous_names():
    assert normalize_name("Александра Панфилова", "PER", "femn") == "Александра Панфилова"
    assert normalize_name("Александра Панфилова", "PER", "masc") == "Александр Панфилов"
    text = ("Вчера выступила Александра Панфилова. Панфилова заявила, что готова к работе. "
            "Затем Александра Мишарина наградили. Мишарин сказал, что рад награде и коллегам.")
    ents = [ent(text, "Александра Панфилова", "PER"), ent(text, "Панфилова", "PER", nth=1),
            ent(text, "Александра Мишарина", "PER"), ent(text, "Мишарин", "PER", nth=1)]
    got = [s for _, s in speakers(text, ents)]
    assert got == ["Александра Панфилова", "Александр Мишарин"]


def test_outlet_nouns_resolve_to_the_outlet_and_anonymous_people_to_nobody():
    text = ("Об этом пишет газета «Коммерсантъ». Министр финансов Антон Силуанов промолчал. "
            "Издание утверждает, что сделка сорвалась. "
            "Собеседник издания сказал, что решение примут весной.")
    ents = [ent(text, "Коммерсантъ", "ORG"), ent(text, "Антон Силуанов", "PER")]
    got = dict(speakers(text, ents))
    assert got["сделка сорвалась"] == "Коммерсантъ"
    assert got["решение примут весной"] is None


def test_short_org_joins_only_a_longer_name_introduced_before_it():
    text = ("МИД сообщил, что консулы работают. Позже МИД Казахстана ответил. "
            "МИД заявил, что ждёт ответа.")
    ents = [ent(text, "МИД", "ORG"), ent(text, "МИД Казахстана", "ORG"),
            ent(text, "МИД", "ORG", nth=2)]
    assert [s for _, s in speakers(text, ents)] == ["МИД", "МИД"]
    text = "Минобороны США объявило учения. Минобороны заявило, что учения начнутся в мае."
    ents = [ent(text, "Минобороны США", "ORG"), ent(text, "Минобороны", "ORG", nth=1)]
    assert [s for _, s in speakers(text, ents)] == ["Минобороны США"]


def test_relaying_outlet_yields_to_the_person_it_quotes():
    text = ("Как передает Reuters со ссылкой на Маккристала, генерал заявил, что войска "
            "останутся до весны.")
    ents = [ent(text, "Reuters", "ORG"), ent(text, "Маккристала", "PER")]
    got = speakers(text, ents)
    assert got and got[0][1] != "Reuters"


def test_anonymous_source_beats_the_body_it_belongs_to():
    text = "Источник в ОДК сообщил, что сделка будет закрыта до конца года."
    ents = [ent(text, "ОДК", "ORG")]
    qs = Quotes(None)([text], [ents])[0]
    assert len(qs) == 1 and qs[0].source.text == "Источник" and qs[0].speaker is None


def test_country_after_an_organisation_joins_its_name():
    text = "Госдепартамент США заявил, что санкции останутся в силе до весны."
    ents = [ent(text, "Госдепартамент", "ORG"), ent(text, "США", "LOC")]
    assert speakers(text, ents)[0][1] == "Госдепартамент США"


def test_colon_paragraph_after_a_name_is_a_direct_quote():
    text = ("Эквадор потерял рынок роз.\nХозяин крупной плантации Джино Дескальси:\n"
            "Мы просто шокированы случившимся, придётся менять все планы на год.")
    ents = [ent(text, "Джино Дескальси", "PER")]
    qs = Quotes(None)([text], [ents])[0]
    assert [(q.kind, q.speaker) for q in qs] == [("direct", "Джино Дескальси")]


def test_press_service_without_a_named_body_is_the_body_named_before():
    text = ("Минэнерго проверит компанию. Пресс-служба ведомства сообщила, что проверка "
            "начнётся в понедельник.")
    ents = [ent(text, "Минэнерго", "ORG")]
    assert speakers(text, ents)[0][1] == "Минэнерго"


def test_surnames_pymorphy_cannot_decline_and_names_that_are_no_verbs():
    assert normalize_name("Кирилла Фастовского") == "Кирилл Фастовский"
    assert normalize_name("Юрия Солонина") == "Юрий Солонин"
    assert normalize_name("Лайам Фокс") == "Лайам Фокс"  # not a participle of «лаять»
    assert normalize_name("Лайама Фокса") == "Лайам Фокс"
    assert normalize_name("Сафьянов") == "Сафьянов"  # not the adjective «сафьяновый»
    assert normalize_name("Анастасии Удальцовой") == "Анастасия Удальцова"


def test_a_title_names_the_person_in_apposition_through_its_phrase():
    text = ("«Луча смерти не существует», — заявил специалист по радиационной безопасности "
            "Медицинского центра Университета Рочестера доктор Фредерик Мис.")
    ents = [ent(text, "Медицинского центра Университета Рочестера", "ORG"),
            ent(text, "Фредерик Мис", "PER")]
    assert speakers(text, ents)[0][1] == "Фредерик Мис"
    text = "По мнению полпреда президента РФ в округе Виктора Ишаева, поясов должно быть два."
    ents = [ent(text, "РФ", "LOC"), ent(text, "Виктора Ишаева", "PER")]
    assert speakers(text, ents)[0][1] == "Виктор Ишаев"


def test_relaying_verbs_name_their_object_and_the_verb_gender_its_subject():
    text = ("«Они гарантировали, что он будет играть в первых звеньях», – цитирует "
            "Фастовского «Советский спорт».")
    ents = [ent(text, "Фастовского", "PER"), ent(text, "Советский спорт", "ORG")]
    assert speakers(text, ents)[0][1] == "Фастовский"
    text = ("Бадди Макгирт после известия о смерти Дадашева заявил, что находится в отчаянии.")
    ents = [ent(text, "Бадди Макгирт", "PER"), ent(text, "Дадашева", "PER")]
    assert speakers(text, ents)[0][1] == "Бадди Макгирт"


def test_head_title_before_a_body_is_not_the_body_and_plural_people_name_nobody():
    text = ("Павел Пожигайло возглавляет комиссию. \"Это добровольное решение сотрудников "
            "музея\", — отметил глава комиссии ОП по культуре.")
    ents = [ent(text, "Павел Пожигайло", "PER"), ent(text, "ОП", "ORG")]
    assert speakers(text, ents)[0][1] != "ОП"
    text = "Аналитики ВТБ считают, что рубль ослабнет к концу года."
    assert speakers(text, [ent(text, "ВТБ", "ORG")])[0][1] in (None, "ВТБ")
    text = "Министр сказал, что всё хорошо. Политологи считают, что рубль ослабнет к концу года."
    assert speakers(text, [])[1][1] is None


def test_po_slovam_without_a_comma_and_a_relayed_report_with_its_own_speech_act():
    text = "Кроме того, по словам женщины на щеке сына Светлана увидела синяк."
    got = find_quotes(text, [])
    assert [text[q.start:q.end] for q in got] == ["на щеке сына Светлана увидела синяк"]
    text = ("Как сообщает газета \"Данас\", Вучич заявил в пятницу, что одну из должностей "
            "получит иностранец.")
    got = find_quotes(text, [(text.index("Данас"), text.index("Данас") + 5, "ORG"),
                             (text.index("Вучич"), text.index("Вучич") + 5, "PER")])
    assert [text[q.start:q.end] for q in got] == ["одну из должностей получит иностранец"]


def test_gerund_after_a_speaker_is_not_what_was_said():
    text = ("Покупка валюты не повлияет на курс рубля, заявил глава ЦБ Сергей Игнатьев, "
            "выступая в Госдуме.")
    ents = [(text.index("ЦБ"), text.index("ЦБ") + 2, "ORG"),
            (text.index("Сергей"), text.index("Сергей") + len("Сергей Игнатьев"), "PER")]
    got = [text[q.start:q.end] for q in find_quotes(text, ents)]
    assert "выступая в Госдуме" not in got


def test_bracketed_latin_spelling_is_the_same_person_and_oblique_surnames_decide_the_case():
    text = ("Абдулла Хсрат (Abdullah Hsrat) приехал в Кабул. «Мы будем продолжать работу», — "
            "сказал Abdullah Hsrat.")
    ents = [ent(text, "Абдулла Хсрат", "PER"), ent(text, "Abdullah Hsrat", "PER"),
            ent(text, "Abdullah Hsrat", "PER", nth=1)]
    assert speakers(text, ents)[0][1] == "Абдулла Хсрат"
    assert normalize_name("Эдварда Сноудена") == "Эдвард Сноуден"
    assert normalize_name("Алия Нурланова") == "Алия Нурланова"


def test_a_woman_named_in_an_oblique_case_keeps_her_name():
    text = ("Суд оштрафовал Александру Костерину. «Я буду обжаловать решение суда», — "
            "сказала она.")
    ents = [ent(text, "Александру Костерину", "PER")]
    assert speakers(text, ents)[0][1] == "Александра Костерина"


def test_first_name_and_patronymic_join_the_full_name():
    text = ("Председатель Госдумы Сергей Нарышкин открыл заседание. «Закон будет принят», — "
            "сказал Сергей Евгеньевич.")
    ents = [ent(text, "Сергей Нарышкин", "PER"), ent(text, "Сергей Евгеньевич", "PER")]
    assert speakers(text, ents)[0][1] == "Сергей Нарышкин"


def test_a_pronoun_continues_the_previous_speaker_unless_a_new_subject_came():
    text = ("Дмитрий Медведев провёл заседание. По словам министра финансов Антона Силуанова, "
            "бюджет сбалансирован. «Дефицита не будет», — сказал он.")
    ents = [ent(text, "Дмитрий Медведев", "PER"), ent(text, "Антона Силуанова", "PER")]
    got = speakers(text, ents)
    assert got[-1][1] == "Антон Силуанов"
    text = ("По словам министра финансов Антона Силуанова, бюджет сбалансирован. Дмитрий "
            "Медведев провёл заседание. «Дефицита не будет», — сказал он.")
    ents = [ent(text, "Антона Силуанова", "PER"), ent(text, "Дмитрий Медведев", "PER")]
    assert speakers(text, ents)[-1][1] == "Дмитрий Медведев"


def test_an_acronym_in_brackets_inside_a_name_is_dropped():
    from nlpkit.speaker_forms import clean as _clean

    assert _clean("Общественная палата (ОП) РФ") == "Общественная палата РФ"
    assert _clean("Федеральная служба безопасности (ФСБ) России") == \
        "Федеральная служба безопасности России"


def test_relayed_pronoun_and_a_title_qualified_by_a_body():
    text = ("По словам Виктора Сафьянова, решение политическое. «Мы ни разу не потеряли "
            "управление городом», - цитирует его слова РИА Новости.")
    ents = [ent(text, "Виктора Сафьянова", "PER"), ent(text, "РИА Новости", "ORG")]
    assert speakers(text, ents)[-1][1] == "Виктор Сафьянов"
    text = ("Глава Минфина Антон Силуанов выступил в Думе. «Курс рубля устойчив», — заявил "
            "глава Центробанка.")
    ents = [ent(text, "Минфина", "ORG"), ent(text, "Антон Силуанов", "PER"),
            ent(text, "Центробанка", "ORG")]
    assert speakers(text, ents)[-1][1] != "Антон Силуанов"


def test_a_title_finds_the_person_named_by_another_title_of_the_same_office():
    text = ("Об отставке сообщил глава правительства Норвегии Йенс Столтенберг. «Преемник "
            "будет назначен завтра», — отметил премьер.")
    ents = [ent(text, "Норвегии", "LOC"), ent(text, "Йенс Столтенберг", "PER")]
    assert speakers(text, ents)[-1][1] == "Йенс Столтенберг"


def test_foreign_names_are_read_in_the_case_their_words_allow():
    assert normalize_name("Юкио Хатояма") == "Юкио Хатояма"  # not «Хатоям»
    assert normalize_name("Сэйдзи Маэхара") == "Сэйдзи Маэхара"
    assert normalize_name("Хасана Насраллы") == "Хасан Насралла"
    assert normalize_name("Марио Драги") == "Марио Драги"  # not the noun «драга»
    assert normalize_name("Лайама Фокса") == "Лайам Фокс"


def test_a_womans_name_keeps_its_form_beside_a_man_of_the_family():
    text = ("Актер Лев Дуров умер. Об этом сообщила его дочь Екатерина Дурова. "
            "«Отец ушел спокойно», — сказала Екатерина Дурова.")
    ents = [ent(text, "Лев Дуров", "PER"), ent(text, "Екатерина Дурова", "PER"),
            ent(text, "Екатерина Дурова", "PER", nth=1)]
    assert dict(speakers(text, ents))["Отец ушел спокойно"] == "Екатерина Дурова"


def test_unnamed_genitive_and_locative_sources():
    text = ("По словам очевидцев, пострадали десять человек. "
            "В ведомстве отметили, что проверка продолжается. "
            "Министр Иван Петров заявил, что всё под контролем. "
            "По мнению политолога, отставка была неизбежна.")
    ents = [ent(text, "Иван Петров", "PER")]
    qs = {q.text: q for q in Quotes(None)([text], [ents])[0]}
    assert qs["пострадали десять человек"].source.text == "очевидцев"
    assert qs["пострадали десять человек"].speaker is None
    assert qs["проверка продолжается"].source.text == "ведомстве"
    assert qs["отставка была неизбежна"].source.text == "политолога"


def test_an_agent_speaks_for_the_person_named_after_it_but_is_not_them():
    text = ("Суд арестовал Абида Насира. Адвокат Насира заявил, что обвинения надуманы.")
    ents = [ent(text, "Абида Насира", "PER"), ent(text, "Насира", "PER", nth=1)]
    assert dict(speakers(text, ents))["обвинения надуманы"] != "Абид Насир"


def test_a_leaders_title_never_paired_with_a_name_is_the_person_the_article_is_about():
    text = ("Петр Нечас подал в отставку. Нечас возглавлял кабинет три года. "
            "Коллеги Нечаса молчат. Политик заявил, что уходит из-за скандала.")
    ents = [ent(text, "Петр Нечас", "PER"), ent(text, "Нечас", "PER", nth=1),
            ent(text, "Нечаса", "PER")]
    assert dict(speakers(text, ents))["уходит из-за скандала"].replace("ё", "е") == "Петр Нечас"


def test_a_quote_with_no_source_continues_a_quotation_but_not_reported_speech():
    text = "Министр Иван Петров заявил, что завод закроют. Дальше текст без источника."
    ents = [ent(text, "Иван Петров", "PER")]
    resolver = SpeakerResolver(text, ents)
    src = (text.index("Иван Петров"), text.index("Иван Петров") + 11)
    assert resolver.resolve(src, text.index("завод"), None, "indirect").speaker == "Иван Петров"
    later = text.index("Дальше")
    assert resolver.resolve(None, later, None, "direct").speaker == "Иван Петров"
    assert resolver.resolve(None, later, None, "indirect").speaker is None


def test_a_plural_pronoun_names_nobody():
    text = ("Представители CNN заявили, что эфир продолжится. "
            "Они также сообщили, что ведущий здоров.")
    ents = [ent(text, "CNN", "ORG")]
    got = dict(speakers(text, ents))
    assert got["ведущий здоров"] is None  # «они»: people the article does not name


def test_the_owner_of_a_cited_document_is_the_source():
    text = ("Министр обороны уволил главного врача. Об этом сообщает «Интерфакс» со ссылкой на "
            "пресс-релиз ведомства. Как отмечается в представлении генпрокурора РФ Юрия "
            "Чайки, советник безупречно служит.")
    ents = [ent(text, "Интерфакс", "ORG"), ent(text, "РФ", "LOC"), ent(text, "Юрия Чайки", "PER")]
    qs = {q.text[:12]: q for q in Quotes(None)([text], [ents])[0]}
    assert qs["Министр обор"].source.text == "ведомства"  # not the outlet that relays
    assert qs["советник без"].source.text == "Юрия Чайки"
    assert qs["советник без"].speaker == "Юрий Чайка"


def test_an_apposition_has_no_verb():
    text = ("Как сообщает корреспондент ИА REGNUM, на открытии участка присутствовали министр "
            "транспорта Максим Соколов, губернатор и строители.")
    ents = [ent(text, "ИА REGNUM", "ORG"), ent(text, "Максим Соколов", "PER")]
    (q,) = Quotes(None)([text], [ents])[0]
    assert q.text.startswith("на открытии участка")
    assert q.speaker == "ИА REGNUM"


def test_a_womans_first_name_in_the_instrumental_before_a_fixed_surname():
    assert normalize_name("Соной Ованнисян") == "Сона Ованнисян"
    assert normalize_name("Далей Грибаускайте") == "Даля Грибаускайте"
    assert normalize_name("Юлией Тимошенко") == "Юлия Тимошенко"
    assert normalize_name("Сергей Ованнисян") == "Сергей Ованнисян"  # a man's nominative
    assert normalize_name("Матвей Ганапольский") == "Матвей Ганапольский"


def test_a_newspaper_noun_names_the_newspaper_not_a_platform():
    text = ("Об этом написала газета «Московский комсомолец». Видео появилось в Twitter. "
            "По данным газеты, девочку выписали.")
    ents = [ent(text, "Московский комсомолец", "ORG"), ent(text, "Twitter", "ORG")]
    assert dict(speakers(text, ents))["девочку выписали"] == "Московский комсомолец"


def test_a_headline_title_before_any_name_is_the_person_the_lead_gives_that_title():
    text = ("Госсекретарь заявила, что уйдет в отставку.\n\n"
            "Госсекретарь США Хиллари Клинтон сообщила о своих планах. Обама промолчал.")
    ents = [ent(text, "США", "LOC"), ent(text, "Хиллари Клинтон", "PER"),
            ent(text, "Обама", "PER")]
    assert dict(speakers(text, ents))["уйдет в отставку"] == "Хиллари Клинтон"


def test_a_gerund_cue_or_a_relative_clause_points_back_to_the_speaker():
    text = ("«Считаю это решение скоропалительным и преждевременным», — написал в Твиттере "
            "врач Леонид Рошаль, комментируя увольнение главного врача.\n\n"
            "«Скорее всего, он займется новым проектом», — приводятся слова министра "
            "Сергея Шматко, который уточнил, что переход был обговорен заранее.")
    ents = [ent(text, "Леонид Рошаль", "PER"), ent(text, "Сергея Шматко", "PER")]
    got = dict(speakers(text, ents))
    assert got["Считаю это решение скоропалительным и преждевременным"] == "Леонид Рошаль"
    assert got["Скорее всего, он займется новым проектом"] == "Сергей Шматко"


def test_the_body_the_outlet_was_told_in_and_the_person_an_outlet_cites_speak():
    text = ("Министр провел встречи в Москве, сообщили ИА REGNUM в пресс-службе Совмина "
            "Белоруссии.\n\nГазета Известия сообщала со ссылкой на заместителя главы города "
            "Владимира Дудочкина, что мэр уйдет в отставку до конца месяца.")
    ents = [ent(text, "Москве", "LOC"), ent(text, "ИА REGNUM", "ORG"),
            ent(text, "Совмина Белоруссии", "ORG"), ent(text, "Известия", "ORG"),
            ent(text, "Владимира Дудочкина", "PER")]
    got = dict(speakers(text, ents))
    assert got["Министр провел встречи в Москве"] == "Совмин Белоруссии"
    assert got["мэр уйдет в отставку до конца месяца"] == "Владимир Дудочкин"


def test_a_relaying_verb_names_the_body_it_quotes_in_the_accusative():
    text = ("«Работа по созданию военной полиции находится на завершающем этапе», — "
            "цитирует Infox.ru пресс-службу Минобороны.")
    ents = [ent(text, "Infox.ru", "ORG"), ent(text, "Минобороны", "ORG")]
    ((_, speaker),) = speakers(text, ents)
    assert speaker == "Минобороны"


def test_the_press_service_of_a_common_noun_is_the_body_named_before():
    text = ("ОАО «АВТОВАЗ» снизит выпуск машин. Как сообщили в пресс-службе компании, "
            "конвейер остановят на две недели.")
    ents = [ent(text, "АВТОВАЗ", "ORG")]
    ((_, speaker),) = speakers(text, ents)
    assert speaker == "АВТОВАЗ"


# one document each: its text, its entities (name, label, which occurrence), the quote whose
# speaker is read (None: the only quote) and that speaker
ONE_SPEAKER = {
    "an_acronym_expands_through_hyphenated_words": (
        "Как сообщило агентство Agence France-Presse, переговоры сорваны. "
        "AFP сообщает, что делегации покинули зал.",
        [("Agence France-Presse", "ORG", 0), ("AFP", "ORG", 0)],
        "делегации покинули зал", "Agence France-Presse"),
    "a_pronoun_after_a_quote_is_the_one_person_of_the_sentence_before": (
        "Освободившееся место может занять Руслан Байсаров. Пять лет в сенате утомили "
        "бывшего президента группы Plaza Умара Джабраилова. «Я исчерпал себя на этой "
        "должности», — пояснил он.",
        [("Руслан Байсаров", "PER", 0), ("Plaza", "ORG", 0), ("Умара Джабраилова", "PER", 0)],
        None, "Умар Джабраилов"),
    "a_ministry_phrase_around_a_country_is_the_ministry_not_the_country": (
        "Как сообщили в министерстве культуры Польши, выставка откроется в мае.",
        [("Польши", "LOC", 0)], None, "министерство культуры Польши"),
    "a_lone_surname_takes_the_namesake_of_the_cues_gender": (
        "Джанет Вуд Рено возглавляла министерство, ее брат Роберт Рено писал книги. "
        "Рено заявила, что не жалеет о своих решениях.",
        [("Джанет Вуд Рено", "PER", 0), ("Роберт Рено", "PER", 0), ("Рено", "PER", 2)],
        None, "Джанет Вуд Рено"),
    "a_document_without_its_owner_stands_for_the_body_that_issued_it": (
        "Указ подписан президентом, сообщает пресс-служба Кремля. "
        "В сообщении также отмечается, что министр награжден орденом Почета.",
        [("Кремля", "ORG", 0)], "министр награжден орденом Почета", "Кремль"),
    "the_investigation_is_the_investigative_committee_named_before": (
        "Делом занимается Следственный комитет. По данным следствия, деньги похищены. "
        "«Мы проверяем все версии», — заявили в ФСБ.",
        [("Следственный комитет", "ORG", 0), ("ФСБ", "ORG", 0)],
        "деньги похищены", "Следственный комитет"),
}


@pytest.mark.parametrize("case", ONE_SPEAKER)
def test_one_speaker(case):
    text, names, quote, expected = ONE_SPEAKER[case]
    found = speakers(text, [ent(text, name, label, nth) for name, label, nth in names])
    if quote is None:
        ((_, speaker),) = found
    else:
        speaker = dict(found)[quote]
    assert speaker == expected


def test_a_nominative_title_is_held_by_the_nominative_name_after_its_phrase():
    text = ("\"Монеты подбросили\", - сказал журналистам адвокат бывшего управляющего делами "
            "Акифа Мурадвердиева Фуад Агаев.\n\nВчера адвокат посетил СИЗО.\n\n"
            "\"Это липовое обвинение\", - заявил адвокат.")
    ents = [ent(text, "Акифа Мурадвердиева", "PER"), ent(text, "Фуад Агаев", "PER")]
    r = SpeakerResolver(text, ents)
    s, c = text.rindex("адвокат"), text.rindex("заявил")
    got = r.resolve((s, s + len("адвокат")), text.rindex("Это"), (c, c + len("заявил")))
    assert got.speaker == "Фуад Агаев"


def test_an_agent_is_not_the_person_it_acts_for_and_a_source_word_reads_as_a_person():
    text = ("Суд рассмотрит иск к Мелу Гибсону. Пресс-агент Гибсона подтвердил, что "
            "соглашение подписано.")
    ents = [ent(text, "Мелу Гибсону", "PER"), ent(text, "Гибсона", "PER")]
    r = SpeakerResolver(text, ents)
    s = text.index("Пресс-агент")
    assert r.resolve((s, s + len("Пресс-агент")), text.index("соглашение")).speaker is None
    text = ("Мэр Виктор Сафьянов отправлен в отставку. Сафьянов был исключен из партии. "
            "По словам политика, причина этих решений политическая.")
    ents = [ent(text, "Виктор Сафьянов", "PER"), ent(text, "Сафьянов", "PER", nth=1)]
    r = SpeakerResolver(text, ents)
    r.resolve((ents[1].start, ents[1].end), 0)  # the mayor spoke before
    s = text.index("политика")
    got = r.resolve((s, s + len("политика")), text.index("причина"), None, "indirect")
    assert got.speaker == "Виктор Сафьянов"


def test_a_woman_a_businessman_and_a_press_service_named_only_later():
    text = ("«Мам, я этого не делал!» — цитирует издание мать пограничника Светлану Ващенко. "
            "По словам женщины, на щеке сына был синяк.")
    ents = [ent(text, "Светлану Ващенко", "PER")]
    s = text.index("женщины")
    got = SpeakerResolver(text, ents).resolve((s, s + 7), text.index("на щеке"), None,
                                              "indirect")
    assert got.speaker == "Светлана Ващенко"
    text = ("Бизнесмен признал, что открыл фирму\n\nРедакция опубликовала письмо "
            "предпринимателя Ашота Сукиасяна.")
    ents = [ent(text, "Ашота Сукиасяна", "PER")]
    got = SpeakerResolver(text, ents).resolve((0, 9), text.index("открыл"), None, "indirect")
    assert got.speaker == "Ашот Сукиасян"
    text = ("Замминистра энергетики ушёл. Как сообщила пресс-служба ведомства, решение "
            "согласовано. О кандидатурах в Минэнерго не говорят.")
    ents = [ent(text, "Минэнерго", "ORG")]
    assert reported(text, ents, "пресс-служба ведомства", "решение") == "Минэнерго"


def test_a_title_does_not_reach_a_name_across_a_clause_and_plural_women_name_nobody():
    text = ("Предприниматель из Пакистана, который передал записку адмиралу Майку Маллену, "
            "дал интервью. По словам предпринимателя, в записке просили помощи.")
    ents = [ent(text, "Майку Маллену", "PER")]
    assert reported(text, ents, "предпринимателя", "в записке") is None
    text = ("Свидетелем стала Оксана Тимофеева. Женщины заявили, что дата совпала случайно.")
    ents = [ent(text, "Оксана Тимофеева", "PER")]
    s = text.index("Женщины")
    got = SpeakerResolver(text, ents).resolve((s, s + 7), text.index("дата"), None, "indirect")
    assert got.speaker is None


def test_a_country_the_normaliser_left_as_it_is_joins_the_body_and_its_press_service():
    text = ("Об этом говорится в заявлении Министерства обороны Соединенного Королевства. "
            "Пресс-служба МВД Киргизии сообщила, что задержанных нет.")
    ents = [ent(text, "Министерства обороны", "ORG"), ent(text, "МВД", "ORG")]
    loc = ent(text, "Соединенного Королевства", "LOC")
    loc = Entity(loc.start, loc.end, "LOC", loc.text, loc.text)  # normal left as the text
    ents = sorted([*ents, loc, ent(text, "Киргизии", "LOC")], key=lambda e: e.start)
    r = SpeakerResolver(text, ents)
    assert r.canonical(ents[0]).speaker == "Министерство обороны Соединенного Королевства"
    s = text.index("Пресс-служба")
    got = r.resolve((s, s + len("Пресс-служба")), text.index("задержанных"), None, "indirect")
    assert got.speaker == "МВД Киргизии"


def test_a_first_name_and_patronymic_join_a_surname_ending_like_a_patronymic():
    text = "Виктор Янукович уехал в Россию. Как сказал Виктор Фёдорович, он вернётся."
    ents = [ent(text, "Виктор Янукович", "PER"), ent(text, "Виктор Фёдорович", "PER")]
    assert canon(text, ents, 1) == "Виктор Янукович"


def test_a_bare_title_is_the_person_just_named_but_an_unnamed_culprit_is_nobody():
    text = ("Активисты сомневаются, что деятельность Юрия Федотова будет эффективной. "
            "Сам дипломат отметил, что продолжит политику предшественника.")
    ents = [ent(text, "Юрия Федотова", "PER")]
    s = text.index("дипломат")
    got = SpeakerResolver(text, ents).resolve((s, s + len("дипломат")), text.index("продолжит"),
                                              None, "indirect")
    assert got.speaker == "Юрий Федотов"
    text = "Полиция допросила Монику Лухано. Похититель заявил, что требует выкуп."
    ents = [ent(text, "Монику Лухано", "PER")]
    s = text.index("Похититель")
    got = SpeakerResolver(text, ents).resolve((s, s + len("Похититель")), text.index("требует"),
                                              None, "indirect")
    assert got.speaker is None


def test_a_body_attached_to_another_keeps_it_and_its_acronym_expands_to_both():
    text = ("Представитель Следственного комитета при прокуратуре РФ сообщил, что дело "
            "возбуждено. В СКП заявили, что проверка продолжается.")
    ents = [ent(text, "Следственного комитета", "ORG"), ent(text, "РФ", "LOC"),
            ent(text, "СКП", "ORG")]
    r = SpeakerResolver(text, ents)
    for e in (ents[0], ents[2]):  # the country after it joins the name too
        assert r.canonical(e).speaker == "Следственный комитет при прокуратуре РФ"


def test_an_outlet_spelt_with_a_hard_sign_is_one_outlet():
    text = ("Газета «Коммерсантъ» узнала о назначении. По данным «Коммерсанта», чиновник "
            "сохранит пост.")
    ents = [ent(text, "Коммерсантъ", "ORG"), ent(text, "Коммерсанта", "ORG")]
    assert canon(text, ents, 1) == "Коммерсантъ"


def test_a_relative_clause_names_the_noun_before_it_and_a_headline_title_the_protagonist():
    text = ("В США арестовали иранскую журналистку\nСуд выдал ордер на арест Марзие Хашеми. "
            "Хашеми задержали в аэропорту. Иран призвал освободить Хашеми.\n\n"
            "Агентство Tasnim передаёт слова журналистки, которая жалуется, что её заставили "
            "снять хиджаб.")
    ents = [ent(text, "Марзие Хашеми", "PER"), ent(text, "Хашеми", "PER", nth=1),
            ent(text, "Хашеми", "PER", nth=2), ent(text, "Tasnim", "ORG")]
    assert speakers(text, ents) == [("её заставили снять хиджаб", "Марзие Хашеми")]


def test_an_agent_named_only_later_is_found_ahead():
    text = ("Суд арестовал Абида Насира. Адвокат Насира заявил, что обвинения надуманы. "
            "Его назначенный судом адвокат, Стивен Брунстайн, отказался от комментариев.")
    ents = [ent(text, "Абида Насира", "PER"), ent(text, "Насира", "PER", nth=1),
            ent(text, "Стивен Брунстайн", "PER")]
    assert dict(speakers(text, ents))["обвинения надуманы"] == "Стивен Брунстайн"


def test_a_quotation_with_no_cue_after_a_sentence_about_one_person_is_theirs():
    text = ("«Мы не признаём вины», — заявил Абид Насир.\n\nСтивен Бенджамин, адвокат из "
            "Ричмонда, возглавляет ассоциацию адвокатов.\n\n«Обвинение обязано раскрыть "
            "все сведения».")
    ents = [ent(text, "Абид Насир", "PER"), ent(text, "Стивен Бенджамин", "PER")]
    r = SpeakerResolver(text, ents)
    c = text.index("заявил")
    r.resolve((ents[0].start, ents[0].end), 1, (c, c + 6))
    assert r.resolve(None, text.index("Обвинение")).speaker == "Стивен Бенджамин"


def test_the_agency_noun_with_no_agency_before_is_the_next_agency_named():
    text = ("Замминистра энергетики ушёл. Как сообщила пресс-служба ведомства, его решение "
            "уже согласовано с руководством, а подробности объявят позже. Кандидатуры на пост "
            "в РАО ЕЭС и в Минэнерго не обсуждают.")
    ents = [ent(text, "РАО ЕЭС", "ORG"), ent(text, "Минэнерго", "ORG")]
    assert reported(text, ents, "пресс-служба ведомства", "его решение") == "Минэнерго"


def test_journalists_of_an_outlet_are_the_outlet_named_before():
    text = ("Как сообщает интернет-ресурс \"Четвертая власть\", министра могут отправить в "
            "отставку. \"Говорят, что министр развел кумовство\", - пишут журналисты "
            "интернет-издания.")
    ents = [ent(text, "Четвертая власть", "ORG")]
    assert dict(speakers(text, ents))["Говорят, что министр развел кумовство"] == \
        "Четвертая власть"


def test_a_pronoun_after_a_topic_phrase_is_the_topic():
    text = ("Министр Линик отказалась от комментариев. Что касается первого президента "
            "Николая Федорова, слывшего демократом, то он всегда рассказывал, что является "
            "автором закона.")
    ents = [ent(text, "Линик", "PER"), ent(text, "Николая Федорова", "PER")]
    s = text.index("он всегда")
    got = SpeakerResolver(text, ents).resolve((s, s + 2), text.index("является"), None,
                                              "indirect")
    assert got.speaker == "Николай Федоров"


def test_a_source_is_a_noun_that_can_speak_before_one_that_cannot():
    from nlpkit.sources import source_in

    text = "Кроме того, знаменитая француженка похвалила Россию, закончив эту часть беседы"
    got = source_in(text, 0, len(text), [], prefer_last=True)
    assert got is not None and text[got[0]:got[1]] == "француженка"


def test_relatives_and_allies_of_a_named_person_are_not_that_person():
    from nlpkit.sources import source_in

    text = "Сторонники Прохорова заявили"  # «Прохорова» could be a woman's nominative
    ents = [(text.index("Прохорова"), len(text) - len(" заявили"), "PER")]
    c = text.index("заявили")
    got = source_in(text, 0, c, ents, cue=(c, c + 7))
    assert got is not None and text[got[0]:got[1]] == "Сторонники"
    text = "Его брат Пётр заявил"
    ents = [(text.index("Пётр"), text.index("Пётр") + 4, "PER")]
    got = source_in(text, 0, text.index("заявил"), ents)
    assert got is not None and text[got[0]:got[1]] == "Пётр"  # a name in apposition speaks


def test_a_press_service_described_but_not_named_names_nobody():
    text = "Как сообщила пресс-служба главы государства, указ подписан."
    assert reported(text, [], "пресс-служба главы государства", "указ") is None
    text = "Как сообщила пресс-служба областного отделения партии, список утверждён."
    assert reported(text, [], "пресс-служба областного отделения", "список") == \
        "пресс-служба областного отделения"


def test_a_pronoun_after_an_unnamed_source_is_still_unnamed():
    text = ("Губернатор Сергей Степашин выступил в Думе. Источник в администрации заверил, "
            "что отставок не будет. По его словам, кадровые решения отложены.")
    ents = [ent(text, "Сергей Степашин", "PER")]
    r = SpeakerResolver(text, ents)
    s = text.index("Источник")
    r.resolve((s, s + len("Источник")), text.index("отставок"), None, "indirect")
    p = text.index("его")
    assert r.resolve((p, p + 3), text.index("кадровые"), None, "indirect").speaker is None


def test_bare_authorities_name_nobody():
    text = "Талибан захватил город. Власти заявили, что ситуация под контролем."
    ents = [ent(text, "Талибан", "ORG")]
    assert reported(text, ents, "Власти", "ситуация") is None


def test_one_of_a_group_is_the_source_and_names_nobody():
    text = ("Умар Джабраилов покинул Думу. «Он устал от политики», — сказал один из бывших "
            "депутатов.")
    ents = [ent(text, "Умар Джабраилов", "PER")]
    assert speakers(text, ents) == [("Он устал от политики", None)]


def test_a_surname_only_a_woman_takes_makes_the_whole_cluster_a_woman():
    text = ("Суд встал на сторону Александры Костериной. «Я благодарна суду», — сказала "
            "Костерина, а затем суд вызвал Александру Костерину повторно.")
    ents = [ent(text, "Александры Костериной", "PER"), ent(text, "Костерина", "PER"),
            ent(text, "Александру Костерину", "PER")]
    assert canon(text, ents, 2) == "Александра Костерина"
    text = "Слово взял Дмитрий Донской. «Мы победим», — сказал Донской."
    ents = [ent(text, "Дмитрий Донской", "PER"), ent(text, "Донской", "PER", nth=1)]
    assert canon(text, ents, 1) == "Дмитрий Донской"


def test_the_central_bank_by_its_short_name_is_the_bank_the_text_names():
    text = "Банк России снизил ставку. В ЦБ заявили, что инфляция замедлилась."
    ents = [ent(text, "Банк России", "ORG"), ent(text, "ЦБ", "ORG")]
    assert canon(text, ents, 1) == "Банк России"
    text = "В ЦБ заявили, что инфляция замедлилась."
    ents = [ent(text, "ЦБ", "ORG")]
    assert canon(text, ents, 0) == "ЦБ"  # not named: kept


def test_a_name_that_opens_the_reported_clause_is_no_apposition_of_the_title():
    text = ("Премьер-министр России Дмитрий Медведев назвал задачи министра. По словам главы "
            "правительства, Сергей Шойгу должен продолжить реформы.")
    ents = [ent(text, "Дмитрий Медведев", "PER"), ent(text, "Сергей Шойгу", "PER")]
    assert reported(text, ents, "главы правительства", "Сергей Шойгу должен") == \
        "Дмитрий Медведев"
    # a name in apposition before the clause still is the title's holder
    text = "По словам главы правительства Сергея Шойгу, реформы продолжатся."
    ents = [ent(text, "Сергея Шойгу", "PER")]
    assert reported(text, ents, "главы правительства", "реформы") == "Сергей Шойгу"


def test_a_pronoun_names_a_person_not_the_outlet_that_relayed_before():
    text = ("«Атака была серьезной», — сообщает Би-би-си. На вопрос ведущего Невилл-Джонс дала "
            "утвердительный ответ. По ее словам, виновные страны должны понять это.")
    ents = [ent(text, "Би-би-си", "ORG"), ent(text, "Невилл-Джонс", "PER")]
    assert speakers(text, ents)[-1] == ("виновные страны должны понять это", "Невилл-Джонс")


def test_bodies_on_modern_news_pages():
    # «пресс-служба суда»: the court the text names, not the last body named before it
    text = ("Первомайский районный суд Бишкека приговорил чиновника. Его задержал ГКНБ при "
            "получении взятки. Как сообщили в пресс-службе суда, приговор можно обжаловать.")
    ents = [ent(text, "Первомайский районный суд Бишкека", "ORG"), ent(text, "ГКНБ", "ORG")]
    assert reported(text, ents, "пресс-службе суда", "приговор можно") == \
        "Первомайский районный суд Бишкека"
    # «ГКНБ при получении взятки» is no body attached to another
    assert canon(text, ents, 1) == "ГКНБ"
    # a body described by its own words, named nowhere, is that body; an outlet told the news
    # («Интерфаксу») is never the body a noun stands for
    text = ("Об этом рассказал «Интерфаксу» чиновник. В управлении пассажирского транспорта "
            "заверили, что автобусы будут ходить.")
    ents = [ent(text, "Интерфаксу", "ORG")]
    assert reported(text, ents, "управлении пассажирского транспорта", "автобусы") == \
        "управление пассажирского транспорта"


def test_a_woman_with_a_first_name_that_does_not_decline():
    # a man's first name would decline with his surname («Мелиса Турганбаева»)
    assert normalize_name("Асель Нурпеисову", "PER") == "Асель Нурпеисова"
    assert normalize_name("Бактыгуль Исаковой", "PER") == "Бактыгуль Исакова"
    assert normalize_name("Ляззат Ахметова", "PER") == "Ляззат Ахметова"
    assert normalize_name("Ивана Петрова", "PER") == "Иван Петров"
    from nlpkit.person_names import name_gender
    assert name_gender("Дилноза Юсупова") == "femn" and name_gender("Кубат Канимов") == "masc"
    assert name_gender("Ма Лин") is None  # too short to be a Russian surname


def test_a_statement_of_the_body_and_a_press_service_the_tagger_took_into_the_name():
    # «говорится в сообщении ведомства»: the body that issued it speaks
    text = ("ФАС возбудила дело против компании. «Цены завышены без экономических оснований», — "
            "говорится в сообщении ведомства.")
    ((_, speaker),) = speakers(text, [ent(text, "ФАС", "ORG")])
    assert speaker == "ФАС"
    # «пресс-службе ГУ МЧС» tagged as one name: the body is the speaker
    text = "Как сообщили в пресс-службе ГУ МЧС, пожар потушен."
    ents = [ent(text, "пресс-службе ГУ МЧС", "ORG")]
    assert canon(text, ents, 0) == "ГУ МЧС"


def test_a_press_service_of_a_body_named_by_a_noun_speaks_for_that_body():
    text = "Как сообщили в пресс-службе хокимията Ташкента, компенсации выплатят."
    ents = [ent(text, "Ташкента", "LOC")]
    assert reported(text, ents, "пресс-службе хокимията Ташкента", "компенсации") == \
        "хокимият Ташкента"


def test_a_woman_named_after_her_title_is_the_source_though_pymorphy_misreads_her_first_name():
    text = ("«Мы требуем остановить снос», — говорит в видео жительница махалли Дилноза Юсупова."
            " По словам Юсуповой, компенсаций нет.")
    ents = [ent(text, "Дилноза Юсупова", "PER"), ent(text, "Юсуповой", "PER")]
    got = speakers(text, ents)
    assert got[0] == ("Мы требуем остановить снос", "Дилноза Юсупова")


def test_a_body_with_a_states_abbreviation_joins_the_name_with_that_country():
    text = ("Министерство иностранных дел Кыргызстана направило ноту. Министерство иностранных "
            "дел Казахстана ответило. В МИД КР заявили, что переговоры продолжатся.")
    ents = [ent(text, "Министерство иностранных дел Кыргызстана", "ORG"),
            ent(text, "Министерство иностранных дел Казахстана", "ORG"), ent(text, "МИД КР", "ORG")]
    assert canon(text, ents, 2) == "Министерство иностранных дел Кыргызстана"


def test_a_body_with_its_region_keeps_the_region():
    text = "В управлении здравоохранения Актюбинской области заявили, что проверка идет."
    ents = [ent(text, "Актюбинской области", "LOC")]
    assert speakers(text, ents) == [("проверка идет",
                                     "управление здравоохранения Актюбинской области")]


def test_a_body_noun_names_the_body_described_with_its_region_before():
    text = ("Прокуратура Наманганской области проверила фабрику «Чуст Текстиль Групп».\n\n"
            "Как сообщили в пресс-службе областной прокуратуры, долг составляет 2 млн. "
            "В прокуратуре добавили, что проверка продолжится.")
    ents = [ent(text, "Наманганской области", "LOC"), ent(text, "Чуст Текстиль Групп", "ORG")]
    assert [s for _, s in speakers(text, ents)] == ["Прокуратура Наманганской области"] * 2


def test_an_outlet_spoken_to_is_not_the_source():
    text = ("В администрации Нижнего Новгорода «Коммерсанту-Приволжье» сообщили, что дом не "
            "является памятником. Как рассказали пациенты порталу «Омск-Информ», очередь "
            "растянулась на месяцы.")
    ents = [ent(text, "Нижнего Новгорода", "LOC"), ent(text, "Коммерсанту-Приволжье", "ORG"),
            ent(text, "Омск-Информ", "ORG")]
    assert [s for _, s in speakers(text, ents)] == ["администрация Нижнего Новгорода", None]


def test_a_pronoun_finds_the_person_whose_verbs_share_its_gender():
    text = ("Эктор Бараона заявил, что Венесуэла не признает суд. Министр иностранных дел "
            "Гайаны Кэролайн Персауд заявила, что граница установлена давно. «Мы готовы к "
            "диалогу», — добавила она.")
    ents = [ent(text, "Эктор Бараона", "PER"), ent(text, "Гайаны", "LOC"),
            ent(text, "Кэролайн Персауд", "PER")]
    got = dict(speakers(text, ents))
    assert got["Мы готовы к диалогу"] == "Кэролайн Персауд"


def test_a_compound_short_name_joins_the_full_name_given_first():
    text = ("Национальный банк Таджикистана отозвал лицензию. По данным Нацбанка, вкладчикам "
            "вернут деньги.")
    ents = [ent(text, "Национальный банк Таджикистана", "ORG"), ent(text, "Нацбанка", "ORG")]
    assert dict(speakers(text, ents))["вкладчикам вернут деньги"] == \
        "Национальный банк Таджикистана"
    assert canon(text, ents, 1) == "Национальный банк Таджикистана"


@pytest.mark.parametrize("text, content", [
    ("Министерство здравоохранения РК утвердило новые нормы. В управлении "
     "здравоохранения Актюбинской области заявили, что фельдшеров уволили законно. "
     "В ведомстве также сообщили, что проверка продолжается.", "проверка продолжается"),
    # nor one named later in the text
    ("В управлении здравоохранения Актюбинской области заявили, что давления не было. "
     "В ведомстве также сообщили, что решение обжалуют. Позже Министерство "
     "здравоохранения РК сообщило о проверке.", "решение обжалуют"),
])
def test_the_agency_that_spoke_last_is_the_one_in_vedomstvo(text, content):
    ents = sorted([ent(text, "Министерство здравоохранения РК", "ORG"),
                   ent(text, "Актюбинской области", "LOC")], key=lambda x: x.start)
    got = dict(speakers(text, ents))
    assert got[content] == "управление здравоохранения Актюбинской области"


def test_an_office_tagged_apart_from_its_body_speaks_with_it_and_its_region():
    text = ("В Управлении Роспотребнадзора по Красноярскому краю сообщили, что превышений нет. "
            "Как сообщили в ГУ МЧС России по Красноярскому краю, огонь потушен.")
    ents = [ent(text, "Управлении", "ORG"), ent(text, "Роспотребнадзора", "ORG"),
            ent(text, "Красноярскому краю", "LOC"), ent(text, "ГУ", "ORG"),
            ent(text, "МЧС России", "ORG"), ent(text, "Красноярскому краю", "LOC", nth=1)]
    assert [s for _, s in speakers(text, ents)] == [
        "Управление Роспотребнадзора по Красноярскому краю",
        "ГУ МЧС России по Красноярскому краю"]


def test_the_body_whose_answer_an_outlet_asked_for_speaks():
    text = ("В департаменте здравоохранения Курганской области заявили, что зарплаты не "
            "снижались. «Средняя зарплата составила 58 тыс. рублей, — говорится в ответе "
            "ведомства на запрос «Ура.ру». — Информация о сокращении не соответствует "
            "действительности».")
    ents = [ent(text, "Курганской области", "LOC"), ent(text, "Ура.ру", "ORG")]
    assert {s for _, s in speakers(text, ents)} == {
        "департамент здравоохранения Курганской области"}


def test_a_service_named_by_adjectives_speaks_with_the_body_after_it():
    text = ("Как сообщили в пресс-службе Пограничной службы ГКНБ Кыргызстана, очередь "
            "сократилась.")
    ents = [ent(text, "Пограничной службы", "ORG"), ent(text, "ГКНБ Кыргызстана", "ORG")]
    assert speakers(text, ents) == [("очередь сократилась",
                                     "Пограничная служба ГКНБ Кыргызстана")]


def test_agencies_named_by_a_description_or_a_role():
    text = ("Прокуратура Хакасии начала проверку. В Ассоциации банков России решение "
            "раскритиковали. В Банке России сообщили, что комиссии отменят. В надзорном "
            "ведомстве «Интерфаксу» подтвердили, что проверка начата.\n\nНациональный банк "
            "Таджикистана отозвал лицензию компании «Сармоя-Инвест». По данным регулятора, "
            "нарушения серьезные.")
    ents = [ent(text, "Хакасии", "LOC"), ent(text, "Ассоциации банков России", "ORG"),
            ent(text, "Банке России", "ORG"), ent(text, "Интерфаксу", "ORG"),
            ent(text, "Национальный банк Таджикистана", "ORG"), ent(text, "Сармоя-Инвест", "ORG")]
    got = dict(speakers(text, ents))
    assert got["комиссии отменят"] == "Банк России"
    assert got["проверка начата"] == "Прокуратура Хакасии"
    assert got["нарушения серьезные"] == "Национальный банк Таджикистана"


def test_tajik_surnames_and_ministries_named_by_a_genitive_do_not_decline():
    assert normalize_name("Шерали Давлатзода", "PER") == "Шерали Давлатзода"
    assert normalize_name("Хасанзода", "PER") == "Хасанзода"
    assert normalize_name("Минприроды России", "ORG") == "Минприроды России"
    assert normalize_name("Минфину России", "ORG") == "Минфин России"  # this one declines


def test_a_woman_a_feminine_verb_follows_keeps_her_name_as_written():
    text = ("Председатель избиркома Абена Менса сообщила, что подсчет завершен. «Итоги "
            "объявят в пятницу», — сказала она.")
    ents = [ent(text, "Абена Менса", "PER")]
    assert dict(speakers(text, ents))["Итоги объявят в пятницу"] == "Абена Менса"


def test_a_body_at_a_capitalised_host_a_committee_of_a_ministry_and_a_name_joined_by_and():
    text = ("Департамент по борьбе с экономическими преступлениями при Генеральной прокуратуре "
            "Узбекистана возбудил дело. В пресс-службе департамента сообщили, что ущерб "
            "растет.\n\nВ Комитете государственных доходов Минфина РК заявили, что досмотр "
            "усилен.\n\nВ министерстве транспорта и дорожного хозяйства Хабаровского края "
            "пояснили, что маршруты сохранят.")
    ents = sorted([ent(text, "Департамент по борьбе с экономическими преступлениями", "ORG"),
                   ent(text, "Генеральной прокуратуре Узбекистана", "ORG"),
                   ent(text, "Комитете государственных доходов", "ORG"),
                   ent(text, "Минфина РК", "ORG"), ent(text, "Хабаровского края", "LOC")],
                  key=lambda x: x.start)
    got = dict(speakers(text, ents))
    assert got["ущерб растет"] == ("Департамент по борьбе с экономическими преступлениями при "
                                   "Генеральной прокуратуре Узбекистана")
    assert got["досмотр усилен"] == "Комитет государственных доходов Минфина РК"
    assert got["маршруты сохранят"] == \
        "министерство транспорта и дорожного хозяйства Хабаровского края"


def test_a_press_service_of_a_works_or_a_philharmonic_speaks_for_the_one_named():
    text = ("Астраханская государственная филармония закрыла зал. Как сообщили в пресс-службе "
            "филармонии, ремонт продлится месяц.")
    ents = [ent(text, "Астраханская государственная филармония", "ORG")]
    assert dict(speakers(text, ents))["ремонт продлится месяц"] == \
        "Астраханская государственная филармония"


def test_an_outlet_told_right_after_the_cue_is_not_the_speaker():
    text = ("«Воды хватало», — заявил «НГС24» руководитель агентства Евгений Колесников. "
            "Как рассказала «НГС24» жена пострадавшего, он не жаловался на здоровье.")
    ents = [ent(text, "НГС24", "ORG"), ent(text, "Евгений Колесников", "PER"),
            ent(text, "НГС24", "ORG", 1)]
    ents.sort(key=lambda x: x.start)
    got = dict(speakers(text, ents))
    assert got["Воды хватало"] == "Евгений Колесников"
    assert got["он не жаловался на здоровье"] is None  # his wife, whom the text does not name


def test_a_press_service_of_a_body_noun_is_the_body_described_with_its_place():
    text = ("Мэрия Бишкека начала снос киосков. Как сообщили в пресс-службе мэрии, снесено "
            "43 киоска.")
    ents = [ent(text, "Бишкека", "LOC")]
    assert dict(speakers(text, ents))["снесено 43 киоска"] == "Мэрия Бишкека"


def test_a_demonym_before_a_periphrasis_still_names_the_agency():
    text = ("МИД Таиланда вызвал посла. Как сообщили в тайском внешнеполитическом ведомстве, "
            "нота уже вручена.")
    ents = [ent(text, "МИД Таиланда", "ORG")]
    assert dict(speakers(text, ents))["нота уже вручена"] == "МИД Таиланда"


def test_a_body_in_the_locative_with_its_region_is_the_speaker_not_the_region():
    text = "В администрации Костромской области заверили, что отделения сохранят."
    ents = [ent(text, "Костромской области", "LOC")]
    assert dict(speakers(text, ents))["отделения сохранят"] == \
        "администрация Костромской области"


def test_a_ministry_compound_joins_the_full_name_given_first_in_the_same_place():
    text = ("Министерство энергетики РК продлило мораторий. В Минэнерго заявили, что дефицита "
            "нет. Минобороны Японии и Министерство обороны Китая обменялись нотами. По данным "
            "Минобороны Японии, самолет покинул зону.")
    ents = sorted([ent(text, "Министерство энергетики РК", "ORG"), ent(text, "Минэнерго", "ORG"),
                   ent(text, "Минобороны Японии", "ORG"),
                   ent(text, "Министерство обороны Китая", "ORG"),
                   ent(text, "Минобороны Японии", "ORG", 1)], key=lambda x: x.start)
    got = dict(speakers(text, ents))
    assert got["дефицита нет"] == "Министерство энергетики РК"
    assert got["самолет покинул зону"] == "Минобороны Японии"  # not China's ministry


def test_an_outlet_told_before_an_adjective_and_a_name_and_a_body_with_a_nominative_region():
    text = ("«Талоны раздают по 150 штук», — рассказал «Азия-Плюс» 27-летний Фарход из Вахдата. "
            "В прокуратуре Республики Мордовия заявили, что не согласны с решением.")
    ents = sorted([ent(text, "Азия-Плюс", "ORG"), ent(text, "Вахдата", "LOC"),
                   ent(text, "Республики Мордовия", "LOC")], key=lambda x: x.start)
    quotes = Quotes(None)([text], [ents])[0]
    got = {q.text: q for q in quotes}
    assert got["Талоны раздают по 150 штук"].source.text == "Фарход"
    assert got["не согласны с решением"].speaker == "прокуратура Республики Мордовия"


def test_an_outlet_told_before_the_body_in_the_locative_is_not_the_speaker():
    text = ("Рособрнадзор приостановил аккредитацию. Как пояснили E1.RU в пресс-службе "
            "Рособрнадзора, нарушения устранят.")
    ents = sorted([ent(text, "Рособрнадзор", "ORG"), ent(text, "E1.RU", "ORG"),
                   ent(text, "Рособрнадзора", "ORG")], key=lambda x: x.start)
    assert dict(speakers(text, ents))["нарушения устранят"] == "Рособрнадзор"


def test_more_body_nouns_and_the_cabinet_is_the_government_or_nobody():
    text = ("Октябрьская железная дорога отменила поезда. Как сообщили в пресс-службе дороги, "
            "движение восстановят к вечеру. ЕАЭС обсудил пошлины. Как говорится в сообщении "
            "кабмина, запрет продлен.")
    ents = sorted([ent(text, "Октябрьская железная дорога", "ORG"), ent(text, "ЕАЭС", "ORG")],
                  key=lambda x: x.start)
    got = dict(speakers(text, ents))
    assert got["движение восстановят к вечеру"] == "Октябрьская железная дорога"
    assert got["запрет продлен"] is None  # the cabinet is no other body named nearby


def test_an_outlet_that_only_asked_is_not_the_speaker_of_the_people_it_asked():
    text = ("Суд вернул землю государству. Юристы, опрошенные «Кактус Медиа», считают, что "
            "решение устоит. Как сообщает «Кактус Медиа», апелляция подана.")
    ents = [ent(text, "Кактус Медиа", "ORG"), ent(text, "Кактус Медиа", "ORG", 1)]
    got = dict(speakers(text, ents))
    assert got["решение устоит"] is None  # lawyers it does not name
    assert got["апелляция подана"] == "Кактус Медиа"  # an outlet alone still relays


def test_an_embassy_keeps_the_place_it_serves():
    text = ("Посол России выступил в Коломбо. В посольстве России в Шри-Ланке заявили, что "
            "граждане в безопасности.")
    ents = sorted([ent(text, "России", "LOC"), ent(text, "Коломбо", "LOC"),
                   ent(text, "России", "LOC", 1), ent(text, "Шри-Ланке", "LOC")],
                  key=lambda x: x.start)
    assert dict(speakers(text, ents))["граждане в безопасности"] == \
        "посольство России в Шри-Ланке"


def test_a_city_body_named_by_its_noun_and_place_is_the_speaker():
    text = "По информации акимата Семея, трубы доставлены. В мэрии Бишкека заявили, что киоски снесут."
    ents = [ent(text, "Семея", "LOC"), ent(text, "Бишкека", "ORG")]
    assert [s for _, s in speakers(text, ents)] == ["акимат Семея", "мэрия Бишкека"]


def test_the_place_a_quote_was_said_in_is_not_its_source():
    from nlpkit.source_mends import mend_source

    text = "«Мы выполним решение», — сказал Шрестха журналистам в Катманду."
    s, k, c = text.index("Шрестха"), text.index("Катманду"), text.index("сказал")
    ents = [(s, s + 7, "PER"), (k, k + 8, "LOC")]
    assert mend_source(text, (k, k + 8), (c, c + 6), ents) == (s, s + 7)
    text = "«Мы готовы», — заявил Тегеран."  # a state actor named as it stands is the source
    k, c = text.index("Тегеран"), text.index("заявил")
    assert mend_source(text, (k, k + 7), (c, c + 6), [(k, k + 7, "LOC")]) == (k, k + 7)


def test_a_surname_after_a_velar_takes_its_nominative_in_the_genitive():
    assert normalize_name("Нараяна Кумара Шрестхи", "PER") == "Нараян Кумар Шрестха"
    assert normalize_name("Марии Кюри", "PER") == "Мария Кюри"


def test_a_local_head_named_by_title_is_the_man_the_article_gave_that_title():
    text = ("На место выехал аким Экибастуза Серик Мусин. Аким сообщил, что создана рабочая "
            "группа.")
    ents = [ent(text, "Экибастуза", "LOC"), ent(text, "Серик Мусин", "PER")]
    assert [s for _, s in speakers(text, ents)] == ["Серик Мусин"]


def test_a_foreign_surname_governed_by_po_slovam_is_read_in_the_genitive():
    text = "По мнению Салливана, «эта работа ставит под угрозу репутацию ООН»."
    assert {s for _, s in speakers(text, [ent(text, "Салливана", "PER")])} == {"Салливан"}
    text = "По словам Анны Бурда, «это неправда»."  # a woman's name stays
    assert "Анна Бурд" not in {s for _, s in speakers(text, [ent(text, "Анны Бурда", "PER")])}


def test_an_agency_noun_is_the_government_agency_named_before_not_an_outlet():
    text = ("Агентство внешней трудовой миграции вмешалось, сообщает «Интерфакс». "
            "В агентстве сообщили, что долги погасят.")
    ents = [ent(text, "Агентство внешней трудовой миграции", "ORG"), ent(text, "Интерфакс", "ORG")]
    assert [s for _, s in speakers(text, ents)][-1] == "Агентство внешней трудовой миграции"


def test_a_title_takes_the_unknown_name_after_its_complement():
    text = ("Заместитель министра энергетики и водных ресурсов Сухроб Давлатов пообещал, что "
            "график отменят.")
    ents = [ent(text, "Сухроб Давлатов", "PER")]
    assert reported(text, ents, "Заместитель министра энергетики", "график") == "Сухроб Давлатов"


def test_a_representative_of_a_kind_of_body_speaks_for_the_one_named_with_that_noun():
    text = ("Лицензию получила компания «Норт Ридж Майнинг». Представитель компании заявил, что "
            "работы продолжатся.")
    ents = [ent(text, "Норт Ридж Майнинг", "ORG")]
    assert reported(text, ents, "Представитель компании", "работы") == "Норт Ридж Майнинг"

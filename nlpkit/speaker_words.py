"""The words speaker resolution reads: pronouns, organisation and media nouns, person titles,
and the sources that name nobody."""

from __future__ import annotations

__all__ = ["AGENCY_WORDS", "AGENTS", "ANONYMOUS", "GENERIC", "LEADER_TITLES", "MEDIA_NOUNS",
           "NOUN_IN_NAME", "ORG_NOUNS", "PERSON_ANAPHORS", "PERSON_TITLES", "PHRASE_HEADS",
           "PLATFORMS", "PLURAL_PRONOUNS", "PRESS_OWNERS", "PRONOUN_GENDER", "RELATIONS",
           "TITLE_SYNONYMS"]

PRONOUN_GENDER: dict[str, str | None] = {
    "он": "masc", "его": "masc", "него": "masc", "ему": "masc", "нему": "masc", "нем": "masc",
    "нём": "masc", "она": "femn", "ее": "femn", "её": "femn", "нее": "femn", "неё": "femn",
    "ей": "femn", "ней": "femn", "ею": "femn", "нею": "femn", "я": None, "им": None, "ним": None,
}
PLURAL_PRONOUNS = frozenset({"они", "их", "них", "ими", "ними", "мы", "нам", "нас"})
ORG_NOUNS = frozenset("""министерство ведомство мид пресс-служба служба компания правительство
посольство генконсульство консульство суд прокуратура полиция кремль департамент управление
комитет организация партия администрация мэрия минобороны минздрав агентство штаб пресс-центр
руководство концерн банк фонд совет дума парламент власть кабинет кабмин комиссия союз
издание газета журнал телеканал радиостанция портал сайт редакция центр институт университет
оргкомитет федерация клуб холдинг корпорация группа следствие акимат хокимият регулятор
избирком ассоциация палата предприятие завод комбинат фабрика филармония театр музей дорога
конгресс секретариат биржа бюро""".split())
# heads whose whole phrase names the speaker («пресс-служба Кремля», «Власти Сирии»)
PHRASE_HEADS = frozenset("""пресс-служба власть правительство посольство руководство администрация
пресс-центр генконсульство консульство мэрия акимат хокимият хукумат маслихат горсовет исполком""".split())
MEDIA_NOUNS = frozenset("издание газета журнал телеканал агентство радиостанция портал сайт "
                        "редакция корреспондент".split())
PERSON_TITLES = frozenset("""глава министр президент председатель директор руководитель губернатор
мэр премьер премьер-министр посол замминистра заместитель генсек начальник лидер спикер
пресс-секретарь канцлер командующий политик депутат сенатор прокурор адвокат
тренер актёр актер актриса певец певица главарь основатель владелец генпрокурор
вице-президент вице-премьер госсекретарь представитель патриарх папа король эксперт аналитик
политолог экономист юрист глава советник помощник аким хоким раис""".split())
# titles of the people articles are about (not of their spokesmen, lawyers or experts): when
# the article never pairs the title with a name, it stands for the person named most
LEADER_TITLES = frozenset("""глава министр президент председатель руководитель губернатор мэр
премьер премьер-министр лидер спикер канцлер политик депутат сенатор госсекретарь генсек король
патриарх аким хоким раис""".split())
# people who speak for another, named in the genitive after them
AGENTS = frozenset("""адвокат защитник представитель пресс-секретарь помощник советник юрист
пресс-атташе спикер пресс-агент агент""".split())
# sources that name nobody («СМИ», «источники», «эксперты и СМИ»)
GENERIC = frozenset("сми источник очевидец наблюдатель эксперт специалист".split())
# people the article does not name, even when a name stands nearby («собеседник издания»)
ANONYMOUS = frozenset("""собеседник инсайдер аноним очевидец свидетель житель сторонник
оппозиционер участник сотрудник сотрудница источник член человек злоумышленник похититель
преступник нападавший грабитель""".split())

AGENCY_WORDS = frozenset("""министерство ведомство служба комитет агентство департамент
управление инспекция прокуратура минобороны минфин минздрав минэнерго минюст минтруд
госдепартамент госдеп""".split())

# titles that name the same office («премьер» after «председатель правительства X»)
OFFICES = (("премьер", "премьер-министр", "глава правительство", "председатель правительство"),
            ("президент", "глава государство"),
            ("генпрокурор", "генеральный прокурор"),
            ("бизнесмен", "предприниматель"))
# people named by whose relatives, allies or members they are («Отец Сингха», «Противники
# Ильхама Алиева»): the name after them is not who speaks
RELATIONS = frozenset("""отец мать сын дочь брат сестра жена муж вдова внук внучка дети родители
родственник родственница сторонник противник соратник член коллега друг подруга""".split())
# nouns that point back to a person as a pronoun does («по словам женщины»)
PERSON_ANAPHORS = {"женщина": "femn", "мужчина": "masc", "девушка": "femn", "парень": "masc"}
TITLE_SYNONYMS = {t: tuple(o for o in group if o != t) for group in OFFICES for t in group}
# platforms where statements appear, not outlets that report them
PLATFORMS = frozenset("twitter facebook instagram youtube telegram вконтакте твиттер фейсбук".split())
# a body's common noun and the word its names use («следствие» → «Следственный комитет»)
NOUN_IN_NAME = {"следствие": "следственный", "избирком": "избирательный", "регулятор": "банк",
                "кабмин": "правительство"}
# what a «пресс-служба <noun>» may belong to: the body named before («пресс-служба компании»)
PRESS_OWNERS = ORG_NOUNS | {"госкорпорация"}

"""Countries named as Spanish, Portuguese, French, German and Italian news write them (issue 9):
archives hold articles in those languages too, and a country written "Estados Unidos" or
"Corée du Sud" is the same country as in English. Sentences written here, in our own words."""

import json
from pathlib import Path

import pytest

from searchapp.engine.aliases import fold
from searchapp.facets import extract
from searchapp.reading import Article

COUNTRIES = Path(__file__).resolve().parent.parent / "searchapp" / "knowledge" / "countries.json"


def countries(knowledge, body: str) -> list[str]:
    return extract(Article(id="t.txt", path="t.txt", title="", body=body), knowledge).values("countries")


@pytest.mark.parametrize("body, expected", [
    # Spanish, with the abbreviations its papers use for the United States
    ("Estados Unidos e Italia firmaron ayer un acuerdo sobre aranceles.", ["United States", "Italy"]),
    ("El gobierno de EE UU pidió a Japón y Corea del Sur más gasto militar.", ["United States", "Japan", "South Korea"]),
    ("Según EE.UU., Reino Unido y Alemania no enviarán tropas.", ["United States", "United Kingdom", "Germany"]),
    # Portuguese
    ("Os EUA e a Espanha discutiram a crise com a Rússia.", ["United States", "Spain", "Russia"]),
    ("O Brasil e a África do Sul votaram contra.", ["Brazil", "South Africa"]),
    # French, German, Italian
    ("Les États-Unis et la Chine ont repris le dialogue avec la Corée du Nord.", ["United States", "China", "North Korea"]),
    ("Die Vereinigten Staaten und Großbritannien verhandeln mit der Türkei.", ["United States", "United Kingdom", "Turkey"]),
    ("Gli Stati Uniti e la Francia hanno chiesto alla Germania di decidere.", ["United States", "France", "Germany"]),
])
def test_a_country_as_other_languages_name_it(knowledge, body, expected):
    assert countries(knowledge, body) == expected


@pytest.mark.parametrize("body, expected", [
    # a people's adjective, inflected as each language does, and Polish names in their cases
    ("Le président russe a reçu les Saoudiens à l'Élysée.", ["Russia", "Saudi Arabia"]),
    ("Die russischen Truppen zogen sich aus der ukrainischen Stadt zurück.", ["Russia", "Ukraine"]),
    ("El gobierno ruso y el ejército israelí negaron el ataque.", ["Russia", "Israel"]),
    ("Ambasador Uzbekistanu rozmawiał o współpracy z Rosją, Polską i Niemcami.", ["Russia", "Poland", "Germany"]),
    # an adjective inside a compound of a continent's, or a company's name in capitals, is no country
    ("Le marché sud-américain reste fragile.", []),
    ("DEUTSCHE BANK and Deutsche Telekom reported results.", []),
])
def test_a_country_as_other_languages_call_its_people(knowledge, body, expected):
    assert countries(knowledge, body) == expected


@pytest.mark.parametrize("body, expected", [
    ("Moscú respondió con nuevas sanciones contra Varsovia.", ["Russia", "Poland"]),  # capitals stand for governments
    ("Pékin a convoqué l'ambassadeur.", ["China"]),
    ("La cumbre se celebró en Londres el martes.", []),  # a place, as "in London" is
    ("Las autoridades en Pekín confirmaron la visita.", ["China"]),  # the authorities there are its government
])
def test_a_capital_as_other_languages_name_it(knowledge, body, expected):
    assert countries(knowledge, body) == expected


@pytest.mark.parametrize("body, expected", [
    # German's genitive glues an s on the name
    ("Russlands Ex-Premier drohte, Chinas Führung schwieg.", ["Russia", "China"]),
    # a scrape that lost the possessive's apostrophe
    ("South Africas Ramaphosa welcomes Chinas Xi ahead of the summit.", ["South Africa", "China"]),
    # the continents are no country
    ("Trade across the Americas slowed last year.", []),
])
def test_a_name_with_an_s_glued_on_is_the_country(knowledge, body, expected):
    assert countries(knowledge, body) == expected


@pytest.mark.parametrize("body", [
    "Barcos de guerra cruzaron el Mar de China Meridional.",  # a sea, as "South China Sea" is
    "Les navires croisaient en mer de Chine méridionale.",
    "La policía de Irlanda del Norte detuvo a dos hombres.",  # no more Ireland than "Northern Ireland" is
    "Shares of Telecom Italia fell after the results.",  # a company's name, not Italy
    "The FDA granted an EUA for the new vaccine.",  # an emergency use authorization, not the EUA of Portuguese
    "One EUA was worth 1.14 ECU in the bank's table.",  # a European unit of account
    "Investors sold Credit Suisse bonds.",
])
def test_a_foreign_form_inside_another_name_is_no_country(knowledge, body):
    assert countries(knowledge, body) == []


def test_no_form_names_two_countries():
    """The extractor keeps one country per form, so a form listed under two would silently name the
    later one; a query folds case and accents, so two countries' forms must differ folded too."""
    owners: dict[str, set[str]] = {}
    for entry in json.loads(COUNTRIES.read_text())["countries"]:
        forms = [entry["name"], *entry.get("names", []), *entry.get("capitals", []), *entry.get("demonyms", []),
                 *entry.get("inflected", [])]
        for form in forms:
            owners.setdefault(form, set()).add(entry["name"])
            owners.setdefault(f"folded: {fold(form)}", set()).add(entry["name"])
    assert {form: names for form, names in owners.items() if len(names) > 1} == {}


@pytest.mark.parametrize("body, expected", [
    # Chinese, simplified and traditional, with no spaces between words
    ("美国总统与中国国家主席在北京举行会谈。", ["United States", "China"]),
    ("日本首相表示，將與韓國和臺灣加強合作。", ["Japan", "South Korea", "Taiwan"]),
    # the longest name wins: Indonesia is no India, North Korea no second Korea
    ("印度尼西亚外长访问了北朝鮮。", ["Indonesia", "North Korea"]),
    # Japanese katakana names end where the katakana does: "シリアル" (serial) is no Syria
    ("ロシアとウクライナの協議が続く中、シリアル番号が公開された。", ["Russia", "Ukraine"]),
    # Korean: a particle may follow the name, but a name inside a longer word is none
    ("미국은 북한과 대화를 원한다고 밝혔다.", ["United States", "North Korea"]),
    # a peninsula or a sea named after a country names no country
    ("朝鲜半岛局势与日本海的天气。", []),
    # two one-letter abbreviations joined name two countries, in Chinese and in Japanese
    ("俄乌冲突持续，中美关系紧张。", ["Russia", "Ukraine", "China", "United States"]),
    ("川普表態支持俄烏直接談判。", ["Russia", "Ukraine"]),
    ("米中首脳会談が開かれた。", ["United States", "China"]),
    # but not where a letter ends another word or starts a name: "in the talks, the US side", "today's US stocks",
    # Central America, an idiom
    ("在会谈中美方表示满意，今日美股大涨。", []),
    ("在谈判中美国表示。", ["United States"]),
    ("中美洲国家的经济美中不足。", []),
])
def test_countries_named_in_chinese_japanese_and_korean(knowledge, body, expected):
    assert countries(knowledge, body) == expected


@pytest.mark.parametrize("body, expected", [
    # Arabic: the particles and the article written onto the name, an adjective's endings, alif with or without hamza
    ("قال الرئيس الأمريكي إن المفاوضات مع الإيرانيين مستمرة.", ["United States", "Iran"]),
    ("وأكدت الخارجية التركية دعمها للصين وبالعراق، بحسب الوكالة.", ["Turkey", "China", "Iraq"]),
    ("وصل وزير الخارجية الى امريكا اللاتينية ثم الى كوريا الشمالية.", ["North Korea"]),  # a continent is no country
    # Hebrew: one-letter particles before the name, an adjective's endings, the acronym with its gershayim
    ("ראש הממשלה נפגש בישראל עם שגריר ארה״ב ועם נציגים רוסים מרוסיה.", ["Israel", "United States", "Russia"]),
    ("הצבא הישראלי וכוחות איראניים", ["Israel", "Iran"]),
    # Russian and Ukrainian: case endings, and adjectives in lower case
    ("Президент России заявил, что российские и китайские дипломаты встретятся в Китае.", ["Russia", "China"]),
    ("Міністр закордонних справ України провів переговори з Польщею та США.", ["Ukraine", "Poland", "United States"]),
    # a capitalized stem only as written: "Грузить" (to load) opens a sentence, "Грузия" is Georgia
    ("Грузить зерно начали утром. Грузия ответила на ноту.", ["Georgia"]),
    # Swedish, Norwegian and Danish names
    ("Sverige och Tyskland stödjer Ukraina mot Ryssland.", ["Sweden", "Germany", "Ukraine", "Russia"]),
])
def test_countries_in_arabic_hebrew_cyrillic_and_nordic_copy(knowledge, body, expected):
    assert countries(knowledge, body) == expected

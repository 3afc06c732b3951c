"""Aliases: query words and facet values through the knowledge's forms, in a real Whoosh index and parser."""

import pytest
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import AndGroup, FuzzyTermPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.support.charset import accent_map
from written_archive import client_over

from searchapp.engine.aliases import (
    AliasPlugin,
    Expansion,
    alias_table,
    build_table,
    collected,
    fold,
)
from searchapp.index.cjk import CJKFilter
from searchapp.knowledge import Knowledge

COUNTRIES = {
    "non_country_phrases": ["South China Sea"],
    "countries": [
        {"name": "North Korea", "names": ["N. Korea", "DPRK", "D.P.R.K."], "demonyms": ["North Korean"],
         "capitals": ["Pyongyang"]},
        {"name": "United States", "names": ["U.S.", "US", "America"], "demonyms": ["American"],
         "capitals": ["Washington"], "ambiguous": {"Washington": {"person": True}}},
        {"name": "China", "names": ["People's Republic of China", "PRC"], "demonyms": ["Chinese"],
         "capitals": ["Beijing"]},
        {"name": "Maldives", "names": [], "demonyms": ["Maldivian"], "capitals": ["Malé"]},
        {"name": "Colombia", "names": [], "demonyms": ["Colombian"], "capitals": ["Bogotá", "Bogota"]},
    ],
}
OFFICIALS = {"officials": [
    {"name": "Yoon Suk Yeol", "country": "South Korea", "aliases": ["Yoon Suk Yeol", "Yoon Suk-yeol", "윤석열"]},
    {"name": "Wang Yi", "country": "China", "aliases": ["Wang Yi", "王毅"]},
    {"name": "John Smith", "country": "United Kingdom", "aliases": ["John Smith", "J. Smith"]},
    {"name": "Jane Smith", "country": "Canada", "aliases": ["Jane Smith", "J. Smith"]},
]}


@pytest.fixture(scope="module")
def table():
    return build_table(COUNTRIES, OFFICIALS)


@pytest.fixture(scope="module")
def bundled():
    return Knowledge.load().compiled(alias_table)


@pytest.mark.parametrize(
    "text, key",
    [
        ("U.N.", "un"),
        ("UN", "un"),
        ("N. Korea", "n korea"),
        ("N.Korea", "n korea"),
        ("Yoon Suk-yeol", "yoon suk yeol"),
        ("YOON SUK YEOL", "yoon suk yeol"),
        ("Shinzō Abe", "shinzo abe"),
        ("People’s Republic", "peoples republic"),
        ("George H. W. Bush", "george hw bush"),
        ("George H.W. Bush", "george hw bush"),
        ("王毅", "王毅"),
        ("윤석열", "윤석열"),
        ("ガイド", "ガイド"),  # the dakuten is no accent
    ],
)
def test_fold(text, key):
    assert fold(text) == key


def test_an_acronym_names_its_country_with_every_other_form(table):
    assert table.expand(["DPRK", "missile"]) == [
        Expansion(
            0, 1, "DPRK", "country", "North Korea",
            added=("North Korea", "N. Korea", "D.P.R.K.", "North Korean", "Pyongyang"),
            shown=("North Korea", "N. Korea", "North Korean", "Pyongyang"),  # D.P.R.K. is DPRK with dots
        )
    ]


def test_the_longest_form_wins_and_punctuation_does_not_matter(table):
    assert [(e.start, e.end, e.value) for e in table.expand(["talks", "with", "N.", "Korea", "and", "America"])] == [
        (2, 4, "North Korea"),
        (4 + 1, 6, "United States"),
    ]
    assert [e.value for e in table.expand(["north", "koreans"])] == ["North Korea"]  # a demonym's plural


def test_forms_that_find_nothing_new_are_not_added(table):
    (china,) = table.expand(["China"])
    assert china.added == ("PRC", "Chinese", "Beijing")  # "People's Republic of China" holds "China"


def test_ambiguous_and_unsafe_forms_stay_out_of_queries(table):
    assert table.expand(["us", "talks"]) == []  # "us" is a word; only US or U.S. name the country
    (us,) = table.expand(["US"])
    assert "US" not in us.added and "U.S." in us.added  # the index reads "US" as "us"
    assert "Washington" not in us.added  # ambiguous in countries.json
    assert table.expand(["Washington"]) == []
    assert table.expand(["Beijing"]) == []  # a capital stands for a government, not for all of China
    assert table.expand(["South", "China", "Sea", "ruling"]) == []  # named as no country
    (maldives,) = table.expand(["Maldives"])
    assert "Malé" not in maldives.added  # the index folds it into "male"
    (colombia,) = table.expand(["Colombia"])
    assert colombia.added == ("Colombian", "Bogotá")  # "Bogota" is listed: safe, and one spelling finds both


def test_a_form_two_entities_share_expands_to_neither(table):
    assert table.expand(["J.", "Smith"]) == []
    assert table.canonical_facet_value("official", "J. Smith") is None
    assert table.canonical_facet_value("official", "jane smith") == "Jane Smith"


def test_dotted_and_plain_acronyms_find_each_other(table):
    assert table.expand(["U.N.", "envoy"]) == [Expansion(0, 1, "U.N.", "acronym", "UN", ("UN",), ("UN",))]
    assert table.expand(["UN"]) == [Expansion(0, 1, "UN", "acronym", "UN", ("U.N.",), ("U.N.",))]
    assert table.expand(["un", "I.T."]) == []  # "un" may be a word; "it" is one


@pytest.mark.parametrize(
    "facet, text, value",
    [
        ("official", "Yoon Suk-yeol", "Yoon Suk Yeol"),
        ("official", "yoon suk yeol", "Yoon Suk Yeol"),
        ("official", "윤석열", "Yoon Suk Yeol"),
        ("official", "王毅", "Wang Yi"),
        ("official", "WANG YI", "Wang Yi"),
        ("official", "Shinzō Abe", "Shinzo Abe"),
        ("official", "岸田文雄", "Fumio Kishida"),
        ("official", "Lee Jae Myung", "Lee Jae-myung"),
        ("country", "DPRK", "North Korea"),
        ("country", "dprk", "North Korea"),
        ("country", "n. korea", "North Korea"),
        ("country", "us", "United States"),  # a filter value is never the pronoun
        ("country", "Türkiye", "Turkey"),
        ("country", "turkiye", "Turkey"),
        ("country", "Georgia", "Georgia"),  # ambiguous in text, not as a filter
        ("country", "Atlantis", None),
        ("official", "Nobody Known", None),
        ("topic", "DPRK", None),  # only countries and officials have forms
    ],
)
def test_canonical_facet_value_with_the_bundled_knowledge(bundled, facet, text, value):
    assert bundled.canonical_facet_value(facet, text) == value


def test_the_bundled_knowledge_expands_what_the_issue_asks(bundled):
    (dprk,) = bundled.expand(["DPRK"])
    assert dprk.value == "North Korea"
    assert {"North Korea", "N. Korea", "North Korean", "Pyongyang"} <= set(dprk.shown)
    assert [(e.value, e.added) for e in bundled.expand(["王毅"])] == [("Wang Yi", ("Wang Yi",))]
    (yoon,) = bundled.expand(["윤석열"])
    assert yoon.value == "Yoon Suk Yeol" and "Yoon Suk Yeol" in yoon.added
    (kishida,) = bundled.expand(["Fumio", "Kishida"])
    assert "岸田文雄" in kishida.added


# ---------------------------------------------------------------- through Whoosh's parser, on an index

DOCS = {
    "nk-name": "North Korea fired a missile into the sea on Tuesday.",
    "nk-capital": "Pyongyang said the drills were a rehearsal for invasion.",
    "nk-acronym": "The DPRK delegation left the talks early.",
    "nk-abbrev": "N. Korea talks stalled again.",
    "sk": "South Korea held talks with Japan.",
    "un-dotted": "The U.N. envoy arrived in Geneva.",
    "un-plain": "A UN report on sanctions was published.",
    "us-name": "The United States imposed sanctions.",
    "pronoun": "Tell us what the talks achieved.",
    "wang-en": "Foreign Minister Wang Yi met his counterpart.",
    "wang-zh": "中国外交部长王毅表示，中方愿加强沟通。",
    "yoon-ko": "윤석열 대통령은 서울에서 기자회견을 열었다.",
    "scs": "The arbitration ruling on the South China Sea angered Beijing.",
}


@pytest.fixture(scope="module")
def searcher(bundled):
    analyzer = RegexTokenizer() | CJKFilter() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter(cachesize=-1)
    schema = Schema(id=ID(stored=True, unique=True), title=TEXT(analyzer=analyzer, phrase=True),
                    body=TEXT(analyzer=analyzer, phrase=True), country=KEYWORD(commas=True))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for doc_id, body in DOCS.items():
            writer.add_document(id=doc_id, title="", body=body, country="")
    parser = MultifieldParser(["title", "body"], schema=schema, group=AndGroup)
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+(?=\S)", minusexpr=r"(?<![^\s(])-(?=\S)"))
    parser.add_plugin(AliasPlugin(bundled))
    with ix.searcher() as s:
        yield lambda q: sorted(hit["id"] for hit in s.search(parser.parse(q), limit=None))


@pytest.mark.parametrize(
    "q, expected",
    [
        ("DPRK", ["nk-abbrev", "nk-acronym", "nk-capital", "nk-name"]),
        ("north korea", ["nk-abbrev", "nk-acronym", "nk-capital", "nk-name"]),
        ('"DPRK"', ["nk-acronym"]),  # a quoted word is never expanded
        ("DPRK talks", ["nk-abbrev", "nk-acronym"]),
        ("talks NOT DPRK", ["nk-abbrev", "pronoun", "sk"]),  # NOT keeps its strict meaning
        ("talks -DPRK", ["nk-abbrev", "pronoun", "sk"]),
        ("UN", ["un-dotted", "un-plain"]),
        ("U.N.", ["un-dotted", "un-plain"]),
        ("us", ["pronoun"]),
        ("U.S. sanctions", ["us-name"]),
        ("王毅", ["wang-en", "wang-zh"]),
        ("wang yi", ["wang-en", "wang-zh"]),
        ("Yoon Suk-yeol", ["yoon-ko"]),
        ("South China Sea", ["scs"]),
        ("China ruling", ["scs"]),  # Beijing stands for China
    ],
)
def test_queries_through_the_parser(searcher, q, expected):
    assert searcher(q) == expected


def test_the_parser_says_what_it_added(bundled):
    parser = MultifieldParser(["title", "body"], schema=Schema(title=TEXT(phrase=True), body=TEXT(phrase=True)))
    parser.add_plugin(AliasPlugin(bundled))
    with collected() as found:
        parser.parse('DPRK "Wang Yi" OR (UN AND talks)')
    assert sorted((e.typed, e.value) for e in found) == [("DPRK", "North Korea"), ("UN", "UN")]
    assert "Pyongyang" in next(e for e in found if e.typed == "DPRK").shown
    parser.parse("DPRK")  # outside collected(): nothing kept
    assert len(found) == 2


# ---------------------------------------------------------------- the product: reindex, /api/search

ARTICLES = {
    "nk.md": "# Missile launch\n\nMarch 7, 2024\n\nNorth Korea fired a missile into the sea, officials in Seoul said.\n",
    "py.md": "# Drills\n\nMarch 8, 2024\n\nPyongyang said the drills were a rehearsal for invasion.\n",
    "dprk.md": "# Delegation\n\nMarch 9, 2024\n\nThe DPRK delegation left the talks early.\n",
    "yoon.md": "# Press conference\n\nMay 9, 2024\n\nPresident Yoon Suk Yeol held a press conference in Seoul.\n",
    "un.md": "# Envoy\n\nMay 10, 2024\n\nThe U.N. envoy arrived in Geneva.\n",
    "wang.md": "# 外长会晤\n\n2024年3月7日\n\n中国外交部长王毅表示，中方愿加强沟通。\n",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_over(ARTICLES, tmp_path_factory.mktemp("aliases")) as client:
        yield client


def api(client, **params):
    answer = client.get("/api/search", query_string=params)
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def titles(answer):
    return sorted(hit["title"] for hit in answer["hits"])


def test_api_search_expands_an_acronym_and_says_so(client):
    answer = api(client, q="DPRK")
    assert titles(answer) == ["Delegation", "Drills", "Missile launch"]
    (also,) = answer["also_matched"]
    assert (also["typed"], also["value"]) == ("DPRK", "North Korea")
    assert {"North Korea", "Pyongyang"} <= set(also["forms"])


def test_api_search_never_expands_a_quoted_word(client):
    answer = api(client, q='"DPRK"')
    assert (titles(answer), answer["also_matched"]) == (["Delegation"], [])


def test_api_search_dotted_acronyms_and_native_names(client):
    assert titles(api(client, q="UN envoy")) == ["Envoy"]
    assert titles(api(client, q="Wang Yi")) == ["外长会晤"]


@pytest.mark.parametrize(
    "facet, value, stored, expected",
    [
        ("official", "Yoon Suk-yeol", "Yoon Suk Yeol", ["Press conference"]),
        ("official", "yoon suk yeol", "Yoon Suk Yeol", ["Press conference"]),
        ("official", "윤석열", "Yoon Suk Yeol", ["Press conference"]),
        ("country", "DPRK", "North Korea", ["Delegation", "Drills", "Missile launch"]),
        ("country", "n. korea", "North Korea", ["Delegation", "Drills", "Missile launch"]),
    ],
)
def test_api_facet_filters_match_through_aliases(client, facet, value, stored, expected):
    answer = api(client, **{facet: value})
    assert titles(answer) == expected == titles(api(client, **{facet: stored}))
    assert [f["value"] for f in answer["facets"][facet] if f["selected"]] == [stored]


def test_a_field_in_the_query_matches_through_aliases(client):
    assert titles(api(client, q="country:dprk")) == ["Delegation", "Drills", "Missile launch"]


def test_the_page_says_what_was_also_matched(client):
    page = client.get("/", query_string={"q": "DPRK"}).get_data(as_text=True)
    also = page[page.index('id="also-matched"') : page.index("</p>", page.index('id="also-matched"'))]
    assert "Pyongyang" in also and "North Korea" in also and "“DPRK”" in also
    quoted = client.get("/", query_string={"q": '"DPRK"'}).get_data(as_text=True)
    assert 'id="also-matched"' not in quoted

"""CJKFilter: Chinese, Japanese and Korean text searchable by words, in a real Whoosh index, English untouched."""

import pytest
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import AndGroup, MultifieldParser
from whoosh.support.charset import accent_map
from written_archive import client_over

from searchapp.index.cjk import CJKFilter, cjk_pieces, korean_stem


def plain_analyzer():
    """The index schema's analyzer as it was before CJK words."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter(cachesize=-1)


def cjk_analyzer():
    """The same chain with CJKFilter right after the tokenizer, as the schema wires it."""
    return RegexTokenizer() | CJKFilter() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter(cachesize=-1)


def tokens(analyzer, text):
    return [(t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True)]


DOCS = {
    "wang": ("中国外交部长王毅表示，中方愿同美方加强沟通。", "外交部长王毅"),
    "china-us": ("中美关系的发展需要双方共同努力。", "中美关系"),
    "kishida": ("岸田文雄首相は、東京で記者会見を開いた。", "首相会見"),
    "scattered": ("岸田田文文雄という文字列はどの語でもない。", "文字列"),
    "yoon": ("윤석열 대통령은 서울에서 기자회견을 열었다.", "대통령 기자회견"),
    "lee": ("이재명 대표가 국회에서 연설했다.", "국회 연설"),
    "mixed": ("Foreign Minister Wang Yi (王毅) said the talks on North Korea would resume at the G20峰会 summit.",
              "Wang Yi talks"),
    "english": ("Talks between Seoul and Tokyo resumed after the summit.", "Seoul Tokyo talks"),
}


@pytest.fixture(scope="module")
def index():
    schema = Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=cjk_analyzer(), phrase=True, stored=True),
        body=TEXT(analyzer=cjk_analyzer(), phrase=True, chars=True, stored=True),
    )
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for doc_id, (body, title) in DOCS.items():
            writer.add_document(id=doc_id, title=title, body=body)
    return ix


def found(ix, q):
    parser = MultifieldParser(["title", "body"], schema=ix.schema, group=AndGroup)
    with ix.searcher() as searcher:
        return sorted(hit["id"] for hit in searcher.search(parser.parse(q), limit=None))


@pytest.mark.parametrize(
    "q, expected",
    [
        ("王毅", ["mixed", "wang"]),  # inside a Chinese sentence and between brackets in English
        ("岸田", ["kishida", "scattered"]),  # a bigram of 岸田文雄首相
        ("首相", ["kishida"]),
        ('"岸田文雄"', ["kishida"]),  # the phrase needs its bigrams in a row; "scattered" holds them apart
        ("윤석열", ["yoon"]),
        ("윤석열은", ["yoon"]),  # the query's particle goes too
        ("대통령", ["yoon"]),  # 대통령은 in the text
        ("서울", ["yoon"]),  # 서울에서
        ("이재명이", ["lee"]),
        ("talk", ["english", "mixed"]),  # English still stemmed
        ('"north korea"', ["mixed"]),  # positions after a split word stay consecutive
        ("talks 王毅", ["mixed"]),
        ('"Wang Yi 王毅"', ["mixed"]),  # a phrase across Latin and Han
        ('"the G20峰会 summit"', ["mixed"]),  # the words after a split word move up by its extra pieces
        ("中美", ["china-us"]),  # 中方愿同美方 holds 中 and 美 apart: no 中美 there
    ],
)
def test_queries_find_cjk_words(index, q, expected):
    assert found(index, q) == expected


def test_words_that_are_not_there_find_nothing(index):
    assert found(index, "李强") == []
    assert found(index, "이재명 서울") == []


def test_english_text_is_analysed_exactly_as_before():
    text = "U.S. envoy met N.Korea's café-owner; 2,500 troops stayed in Jong-un's Pyongyang."
    assert tokens(cjk_analyzer(), text) == tokens(plain_analyzer(), text)


def test_pieces_carry_consecutive_positions_and_their_own_offsets():
    text = "G20峰会 윤석열은 Seoul 岸田文雄"
    assert tokens(cjk_analyzer(), text) == [
        ("g20", 0, 0, 3),
        ("峰会", 1, 3, 5),
        ("윤석열", 2, 6, 9),  # the particle's syllable is not part of the word's span
        ("seoul", 3, 11, 16),
        ("岸田", 4, 17, 19),
        ("田文", 5, 18, 20),
        ("文雄", 6, 19, 21),
    ]


def test_offsets_point_at_the_pieces_in_the_original_text():
    text = "中国外交部长王毅表示 and 김정은 위원장이 평양에서 말했다"
    for piece, _, start, end in tokens(cjk_analyzer(), text):
        assert text[start:end] == piece


@pytest.mark.parametrize(
    "text, expected",
    [
        ("王毅", [("王毅", 0, 2)]),
        ("中", [("中", 0, 1)]),  # a lone character stays a unigram
        ("王毅表示", [("王毅", 0, 2), ("毅表", 1, 3), ("表示", 2, 4)]),
        ("ガイド", [("ガイ", 0, 2), ("イド", 1, 3)]),
        ("2024年", [("2024", 0, 4), ("年", 4, 5)]),
        ("王毅.com", [("王毅", 0, 2), ("com", 3, 6)]),
        ("대통령은", [("대통령", 0, 3)]),
        ("LG전자", [("LG", 0, 2), ("전자", 2, 4)]),
    ],
)
def test_cjk_pieces(text, expected):
    assert cjk_pieces(text) == expected


@pytest.mark.parametrize(
    "word, stem",
    [
        ("윤석열은", "윤석열"),
        ("대통령이", "대통령"),
        ("한국의", "한국"),
        ("서울에서", "서울"),
        ("북한으로", "북한"),  # 으로, not 로 leaving 북한으
        ("정상회의에서는", "정상회"),  # 는, then 에서, then 의: as 정상회의 itself becomes
        ("정상회의", "정상회"),
        ("한반도는", "한반"),
        ("한반도", "한반"),
        ("국가", "국가"),  # one syllable would be left: 가 belongs to the word
        ("대만", "대만"),
        ("대만은", "대만"),
        ("외교부", "외교부"),
    ],
)
def test_korean_stem(word, stem):
    assert korean_stem(word) == stem


def test_a_word_and_the_word_with_a_particle_agree():
    for word in ["윤석열", "이재명", "한반도", "정상회의", "북한", "일본", "김정은", "외교부", "미국"]:
        for particle in ["은", "는", "이", "가", "을", "를", "의", "에서", "으로", "와", "과", "도", "에서는"]:
            assert korean_stem(word + particle) == korean_stem(word), word + particle


# ---------------------------------------------------------------- the product: the index schema, reindex, /api/search

ARTICLES = {
    "wang.md": "# 中美外长会晤\n\n2024年3月7日\n\n中国外交部长王毅表示，中方愿同美方加强沟通，管控分歧。\n",
    "kishida.md": "# 首相が記者会見\n\n2023年5月21日\n\n岸田文雄首相は、広島で記者会見を開き、核軍縮について語った。\n",
    "yoon.md": "# 대통령 기자회견\n\n2024년 5월 9일\n\n윤석열 대통령은 서울에서 기자회견을 열고 한반도 정세를 설명했다.\n",
    "talks.md": "# Talks resume\n\nMarch 7, 2024\n\nWang Yi said talks with Washington would resume after the summit.\n",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_over(ARTICLES, tmp_path_factory.mktemp("cjk")) as client:
        yield client


@pytest.mark.parametrize(
    "q, expected",
    [
        ("王毅", ["talks.md", "wang.md"]),  # talks.md says Wang Yi: the officials' aliases add it
        ("外交部长", ["wang.md"]),
        ("岸田", ["kishida.md"]),
        ("記者会見", ["kishida.md"]),
        ("윤석열은", ["yoon.md"]),
        ("한반도", ["yoon.md"]),
        ("기자회견", ["yoon.md"]),
        ("talks", ["talks.md"]),
    ],
)
def test_api_search_finds_cjk_words(client, q, expected):
    answer = client.get("/api/search", query_string={"q": q})
    assert answer.status_code == 200
    assert sorted(hit["url"].rsplit("/", 1)[-1] for hit in answer.get_json()["hits"]) == sorted(
        _id(client, name) for name in expected
    )


def _id(client, name):
    """The article id the index gave a file: the one hit of a search for its whole title."""
    title = ARTICLES[name].split("\n", 1)[0].lstrip("# ")
    hits = client.get("/api/search", query_string={"q": f'"{title}"'}).get_json()["hits"]
    assert len(hits) == 1, title
    return hits[0]["id"]


def test_api_snippet_marks_the_cjk_word(client):
    hits = client.get("/api/search", query_string={"q": "王毅"}).get_json()["hits"]
    (hit,) = [h for h in hits if h["id"] == _id(client, "wang.md")]
    assert "<mark>王毅</mark>" in hit["snippet"]

"""The search service on a small archive of our own (tests/data/index/small) and on the seed."""

import dataclasses
import html
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from whoosh import query

from searchapp.index.prepare import stored_meetings
from searchapp.engine import budget as budget_module
from searchapp.engine.budget import Budget, Limits
from searchapp.reading import archive_files, read_file
from searchapp.facets import extract
from searchapp.index import EXTRACTED, recurring_lines, reindex
from searchapp.engine import (
    ArticleRecord,
    FACET_FIELDS,
    BadRequest,
    FacetCount,
    IndexMissing,
    Marked,
    SearchRequest,
    UNDATED,
    SearchService,
    queries,
)
from searchapp.internals.readers import expanded_words
from searchapp.web.highlight import snippet_json
from searchapp.web.params import read_search_request

SMALL = Path(__file__).parent / "data" / "index" / "small"
A, B, C, D, E = "a_beijing_seoul.txt", "b_thaad.txt", "c_south_china_sea.txt", "d_pandemic.txt", "e_summit.txt"
F1, F3 = "f_wire.jsonl#1", "f_wire.jsonl#3"
ALL = sorted([A, B, C, D, E, F1, F3])
NEWEST = [F1, F3, B, A, C, E, D]  # by date, the undated article last


@pytest.fixture(scope="module")
def small(tmp_path_factory, knowledge, indexed_copy):
    """(service, articles by id, facets by id) over the small archive."""
    articles_dir, index_dir = indexed_copy(SMALL, tmp_path_factory.mktemp("small"))
    files = archive_files(articles_dir)
    boilerplate = recurring_lines(files, articles_dir)
    articles = {a.id: a for p in files for a in read_file(p, articles_dir, boilerplate).articles}
    facets = {id: extract(a, knowledge) for id, a in articles.items()}
    service = SearchService(index_dir)
    yield service, articles, facets
    service.close()


def run(service, **params):
    """Search with query parameters given as keywords ("from_" for "from")."""
    params = {k.rstrip("_"): v if isinstance(v, list) else [v] for k, v in params.items()}
    params.setdefault("per_page", ["100"])
    return service.search(read_search_request(params))


def ids(result) -> list[str]:
    return sorted(h.id for h in result.hits)


# --- query forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    "q, expected",
    [
        ("talks", [A, E]),
        ("security talks", [A]),  # words combine with AND
        ("Seoul", [A, B]),
        ("seoul OR manila", [A, B, C]),
        ("seoul NOT thaad", [A]),
        ("NOT seoul", [C, D, E, F1, F3]),
        ("talks -security", [E]),  # a leading minus excludes
        ("-seoul", [C, D, E, F1, F3]),
        ("-seoul -sanctions", [C, D, E, F1]),
        ("seoul -title:thaad", [A]),
        ('"security talks" -nuclear', [A]),
        ("Eui-yong", [A]),  # a hyphen inside a word does not
        ("COVID-19", [D]),
        ("(seoul OR manila) AND sanctions", [B]),
        ('"security talks"', [A]),
        ('"talks security"', []),
        ('"Beijing Seoul"~2', [A]),
        ('"Beijing Seoul"~100000000', [A, B]),  # any slop is one search (it was a loop over every gap)
        ('"Beijing Seoul"', []),
        ("title:thaad", [B]),
        ("title:seoul", [A, B]),
        ("body:panmunjom", [E]),
        ('source:"Harbor Times"', [C, D]),
        ('source:"harbor times"', [C, D]),
        ("year:2019", [E]),
        ("sanction*", [B, F3]),
        ("reclam*", [C]),
        ("Pyongyng~", [B, E]),
        ("missle~", [B]),
        ("Pyongyng~9", [B, E]),  # at most two edits
        ("Panmunjóm", [E]),  # accents fold
        ("defences", [B]),  # stemming
        ("date:2021", [A, B, F3]),
        ("date:[2020 to 2021]", [A, B, C, F3]),
        ("vaccine AND date:2021", []),
        ("zzyzx", []),
        ("", ALL),
    ],
)
def test_query_forms(small, q, expected):
    service, _, _ = small
    result = run(service, q=q)
    assert (ids(result), result.total) == (expected, len(expected))


@pytest.mark.parametrize(
    "q, expected",
    [
        # Syntax the parser cannot read: its plain words are searched, AND-ed.
        ("<security> talks", [A]),
        ("<talks>", [A, E]),
        ("<script>alert(1)</script>", []),
        ("date:[x to y]", []),  # the words date, x, to, y
        ("NOT NOT sanctions", []),  # "not" is a word then
        # Syntax that reads, however odd: searched as Whoosh reads it.
        ('"security talks', [A]),  # an unclosed quote ends the text
        ("(seoul OR manila", [A, B, C]),
        ("seoul)", [A, B]),
        ("[seoul", [A, B]),
        ("{seoul", [A, B]),
        ("^seoul", [A, B]),
        ("talks:", [A, E]),  # a field with no value is a word
        ("security:talks", [A]),  # an unknown field is a word too: "Note: talks" was pasted text
        ("seoul 💥", [A, B]),
        ("seoul\ttalks\n", [A]),  # control characters are spaces
        ("seoul\x00", [A, B]),
        ("\x00\x07", ALL),  # nothing but control characters is no query
        ("*", ALL),
    ],
)
def test_malformed_queries_search_their_words(small, q, expected):
    service, _, _ = small
    result = run(service, q=q)
    assert (ids(result), result.total) == (expected, len(expected))


@pytest.mark.parametrize("q", ["(((", "<", ">", "[", "{", "^", "~", "~~", "-", '""', "\\", "💥", "<<>>", "( ) [ ]"])
def test_a_query_with_no_words_is_refused_in_plain_words(small, q):
    service, _, _ = small
    with pytest.raises(BadRequest) as info:
        run(service, q=q)
    assert (info.value.code, info.value.message) == ("bad_query", "The query has no words to search for: use letters or digits.")


@pytest.mark.parametrize(
    "q, same_as",
    [("AND", "and"), ("OR OR", "or"), ("NOT", "not"), ("title:", "title"), ("country:", "country"), ("date:>", "date"), ('official:""', "official")],
)
def test_lone_operators_and_empty_fields_are_words(small, q, same_as):
    service, _, _ = small
    assert ids(run(service, q=q)) == ids(run(service, q=same_as))


@pytest.mark.parametrize("facet", ["country", "official", "topic"])
def test_extracted_facet_field_queries(small, facet):
    """field:value finds exactly the articles whose extracted facets carry the value, in any case."""
    service, _, facets = small
    carried = Counter(v for f in facets.values() for v in f.values(EXTRACTED[facet]))
    for value in carried:
        expected = sorted(id for id, f in facets.items() if value in f.values(EXTRACTED[facet]))
        assert ids(run(service, q=f'{facet}:"{value}"')) == expected
        assert ids(run(service, q=f'{facet}:"{value.lower()}"')) == expected


# --- filters ------------------------------------------------------------------


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"source": "Test Wire"}, [A, B, E]),
        ({"source": "Test Wire", "year": "2021"}, [A, B]),
        ({"year": ["2021", "2022"]}, []),  # every value must match
        ({"year": UNDATED}, [D]),
        ({"year": [UNDATED, "2019"]}, [D, E]),  # but "undated" with a year means either
        ({"year": [UNDATED, "2019", "2020"]}, [D]),  # undated, or both years (none)
        ({"year": [UNDATED], "from_": "2019"}, []),  # date bounds leave every undated article out
        ({"year": "2021", "q": "seoul OR sanctions"}, [A, B, F3]),
        ({"from_": "2021"}, [A, B, F1, F3]),
        ({"to": "2020"}, [C, E]),
        ({"from_": "April 2021", "to": "April 2021"}, [A, B]),
        ({"from_": "2021-04-03", "to": "2021-04-03"}, [A]),
        ({"from_": "2019-07", "to": "2021-04-19"}, [A, C]),
        ({"source": "No Such Source"}, []),
    ],
)
def test_filters(small, params, expected):
    service, _, _ = small
    assert ids(run(service, **params)) == expected


@pytest.mark.parametrize("facet", ["country", "official", "topic"])
def test_extracted_facet_filters_need_every_value(small, facet):
    service, _, facets = small
    values = sorted({v for f in facets.values() for v in f.values(EXTRACTED[facet])})
    for pair in zip(values, values[1:]):
        expected = sorted(id for id, f in facets.items() if set(pair) <= set(f.values(EXTRACTED[facet])))
        assert ids(run(service, **{facet: list(pair)})) == expected


# --- facet counts ---------------------------------------------------------------


def expected_facets(articles, facets, matched, filters):
    """Facet counts computed from the reader and the extractor for the matched ids."""
    values = {
        "source": lambda id: [articles[id].source] if articles[id].source else [],
        "year": lambda id: [str(articles[id].date.year)] if articles[id].date else [UNDATED],
    }
    for name, attr in EXTRACTED.items():
        values[name] = lambda id, attr=attr: facets[id].values(attr)
    out = {}
    for name in ("country", "official", "topic", "source", "year"):
        counts = Counter(v for id in matched for v in values[name](id))
        ranked = sorted(counts.items(), key=lambda vn: (-vn[1], vn[0]))
        out[name] = [FacetCount(v, n, v in filters.get(name, ())) for v, n in ranked]
    return out


@pytest.mark.parametrize(
    "params, matched",
    [
        ({}, ALL),
        ({"q": "officials"}, [B, D, E, F1]),
        ({"q": "seoul OR sanctions"}, [A, B, F3]),
        ({"source": "Test Wire"}, [A, B, E]),
        ({"year": "2021", "per_page": "1"}, [A, B, F3]),  # counts cover every match, not the page
    ],
)
def test_facet_counts_cover_every_match(small, params, matched):
    service, articles, facets = small
    result = run(service, **params)
    filters = {k: (v,) for k, v in params.items() if k in ("source", "year")}
    assert result.total == len(matched)
    expected = expected_facets(articles, facets, matched, filters)  # country_pair: tests/test_pairs.py
    assert {name: counts for name, counts in result.facets.items() if name in expected} == expected


def test_selected_extracted_facet_values_are_marked(small):
    service, _, facets = small
    carried = Counter(v for f in facets.values() for v in f.values("countries"))
    if not carried:
        pytest.skip("the extractor finds no countries in the small archive yet")
    value = carried.most_common(1)[0][0]
    result = run(service, country=value)
    assert [fc for fc in result.facets["country"] if fc.selected] == [FacetCount(value, len(result.hits), True)]


# --- sorting and paging ---------------------------------------------------------


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, NEWEST),  # newest is the default without a query
        ({"sort": "newest"}, NEWEST),
        ({"sort": "oldest"}, [E, C, A, B, F3, F1, D]),
        ({"q": "officials", "sort": "oldest"}, [E, B, F1, D]),
        ({"q": "officials", "sort": "newest"}, [F1, B, E, D]),
        ({"year": [UNDATED, "2019"], "sort": "newest"}, [E, D]),
        ({"year": [UNDATED, "2019"], "sort": "oldest"}, [E, D]),
    ],
)
def test_date_sorts_put_undated_last(small, params, expected):
    service, _, _ = small
    assert [h.id for h in run(service, **params).hits] == expected


@pytest.mark.parametrize(
    "params, excluded",
    [
        ({}, None),
        ({"q": "vaccine"}, None),
        ({"from_": "2021"}, 1),
        ({"to": "2021", "q": "Tokyo"}, 1),
        ({"from_": "2021", "source": "Test Wire"}, 0),
        ({"from_": "2021", "year": UNDATED}, 1),
        ({"from_": "2021", "year": "2021"}, 0),
    ],
)
def test_date_bounds_count_the_undated_articles_they_leave_out(small, params, excluded):
    service, _, _ = small
    result = run(service, **params)
    assert result.undated_excluded == excluded
    assert all(h.date for h in result.hits) or not ("from" in params or "to" in params)


def test_relevance_is_the_default_with_a_query(small):
    service, _, _ = small
    hits = run(service, q="seoul OR thaad").hits
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and None not in scores
    assert hits[0].id == B  # THAAD and Seoul both, THAAD in the title


@pytest.mark.parametrize("per_page", ["1", "2", "3", "7"])
def test_pages_cover_the_whole_result_once(small, per_page):
    service, _, _ = small
    first = run(service, per_page=per_page)
    seen = [h.id for page in range(1, first.pages + 1) for h in run(service, per_page=per_page, page=str(page)).hits]
    assert seen == NEWEST
    assert first.pages == -(-len(ALL) // int(per_page))


@pytest.mark.parametrize("page", ["8", "100000000000"])
def test_a_page_past_the_end_is_empty_not_an_error(small, page):
    service, _, _ = small
    result = run(service, per_page="1", page=page)
    assert (result.hits, result.total, result.pages) == ([], len(ALL), len(ALL))


# --- snippets, suggestion, articles -------------------------------------------------


def snippet(hit) -> str:
    """The hit's snippet as the API gives it: HTML-escaped text, <mark> the only markup."""
    return snippet_json(hit.snippet)


def test_snippets_mark_the_matches_and_escape_the_rest(small):
    service, _, _ = small
    (hit,) = run(service, q="partners").hits
    assert hit.id == D
    assert "<mark>Partners</mark>" in snippet(hit)
    assert "&lt;4&gt; All &amp;" in snippet(hit)
    assert "<" not in re.sub(r"</?mark>", "", snippet(hit))


@pytest.mark.parametrize("q, word", [("THAAD", "THAAD"), ("sanction*", "sanctions"), ("missle~", "missiles")])
def test_snippets_mark_stemmed_wildcard_and_fuzzy_matches(small, q, word):
    service, _, _ = small
    assert f"<mark>{word}</mark>" in snippet(run(service, q=q).hits[0])


def test_without_a_query_the_snippet_is_the_opening(small):
    service, articles, _ = small
    hit = next(h for h in run(service).hits if h.id == D)
    assert snippet(hit).startswith(html.escape(articles[D].body[:60], quote=False))


@pytest.mark.parametrize(
    "q, suggestion",
    [("Pyongyng", "Pyongyang"), ("reclamaton", "reclamation"), ("seoul", None), ("xqzv", None)],  # in the typed case
)
def test_did_you_mean(small, q, suggestion):
    service, _, _ = small
    assert run(service, q=q).suggestion == suggestion


def test_article_is_the_whole_record(small, knowledge):
    service, articles, facets = small
    for id, a in articles.items():
        f = facets[id]
        assert service.article(id) == ArticleRecord(
            id=a.id,
            path=a.path,
            title=a.title,
            body=a.body,
            date=a.date,
            source=a.source,
            url=a.url,
            countries=f.values("countries"),
            officials=f.values("officials"),
            topics=f.values("topics"),
            evidence={
                name: {fv.value: [(s.start, s.end) for s in fv.evidence] for fv in getattr(f, attr)}
                for name, attr in EXTRACTED.items()
            },
            byline=a.byline,
            date_from=a.date_from if a.date else None,
            meetings=stored_meetings(f, knowledge),
            official_titles=f.official_titles,
        )
    assert service.article("no/such.txt") is None
    assert service.article(A).date_from and service.article(D).date_from is None  # kept for dated articles only


def test_articles_keep_their_bylines(seed_index, seed_service):
    articles_dir = seed_index[0]
    files = archive_files(articles_dir)
    boilerplate = recurring_lines(files, articles_dir)
    read = {a.id: a.byline for p in files for a in read_file(p, articles_dir, boilerplate).articles}
    assert {id: seed_service.article(id).byline for id in read} == read
    assert any(read.values()) and not all(read.values())


def test_more_like_this_leaves_out_the_article_itself(small):
    service, _, _ = small
    similar = service.more_like_this(B, limit=3)
    assert 0 < len(similar) <= 3 and B not in [h.id for h in similar]
    assert service.more_like_this("no/such.txt") == []


def highlight_text(service, text: str, q: str) -> str:
    """text HTML-escaped with the words q matches in <mark>: the service's spans as the web layer renders them."""
    return snippet_json(Marked(text, tuple(service.highlight_spans(text, q))))


def test_highlight_text_marks_query_words_in_the_whole_text(small):
    service, _, _ = small
    assert service.highlight_terms("sanction* OR Seoul") == ["sanction", "seoul"]
    assert highlight_text(service, "Seoul's sanctions <now> & later", "sanction* OR Seoul") == (
        "<mark>Seoul</mark>'s <mark>sanctions</mark> &lt;now&gt; &amp; later"
    )
    assert highlight_text(service, "a <b>", "") == "a &lt;b&gt;"


# --- the service's life -----------------------------------------------------------


def test_no_index_raises_index_missing(tmp_path):
    service = SearchService(tmp_path / "index")
    with pytest.raises(IndexMissing):
        service.search(SearchRequest())
    with pytest.raises(IndexMissing):
        service.article("a.txt")


def test_an_index_with_no_articles_answers_with_nothing(tmp_path):
    """An archive whose every file was skipped leaves an index with no segment at all: no 500."""
    from whoosh.filedb.filestore import FileStorage

    from searchapp.index.schema import schema

    FileStorage(str(tmp_path)).create_index(schema())
    service = SearchService(tmp_path)
    for request in (SearchRequest(), SearchRequest(q="seoul OR s* OR seoul~"), SearchRequest(q='"a b"', sort="oldest")):
        result = service.search(request)
        assert (result.total, result.hits, result.facets) == (0, [], {name: [] for name in FACET_FIELDS})
    assert service.warm() is True and service.ranked_ids(SearchRequest(q="seoul"), 5) == []
    service.close()


def test_service_sees_a_finished_reindex_without_reopening(tmp_path, knowledge, indexed_copy):
    articles_dir, _ = indexed_copy(SMALL, tmp_path)
    service = SearchService(tmp_path / "index")
    assert run(service, q="seoul").total == 2
    (articles_dir / "z_new.txt").write_text(
        "Title: Seoul hosts envoys\nDate: 2023-05-05\n\nEnvoys gathered in Seoul on Friday for talks on trade.\n",
        encoding="utf-8",
    )
    reindex(articles_dir, tmp_path / "index", knowledge)
    assert run(service, q="seoul").total == 3
    service.close()


def test_the_seed_archive_answers_thaad(seed_service):
    result = seed_service.search(SearchRequest(q="THAAD"))
    assert result.total >= 1
    assert all("<mark>THAAD</mark>" in snippet(h) for h in result.hits)


def test_updated_and_deleted_articles_leave_hits_and_counts(tmp_path, knowledge, indexed_copy):
    """The service opens a fresh searcher on change (Whoosh's refresh keeps old deletions) and
    its facet tables are cached per segment: neither may let an old document linger."""
    articles_dir, _ = indexed_copy(SMALL, tmp_path)
    service = SearchService(tmp_path / "index")
    assert run(service).facets["source"] == [
        FacetCount("Test Wire", 3, False), FacetCount("Harbor Times", 2, False), FacetCount("Island Post", 2, False),
    ]
    thaad = articles_dir / B
    thaad.write_text(thaad.read_text(encoding="utf-8").replace("Source: Test Wire", "Source: Harbor Times"), encoding="utf-8")
    (articles_dir / C).unlink()
    reindex(articles_dir, tmp_path / "index", knowledge)
    result = run(service)
    assert ids(result) == sorted([A, B, D, E, F1, F3])
    assert ids(run(service, q="reclamation")) == []
    assert result.facets["source"] == [
        FacetCount("Harbor Times", 2, False), FacetCount("Island Post", 2, False), FacetCount("Test Wire", 2, False),
    ]
    assert result.facets["year"] == [
        FacetCount("2021", 3, False), FacetCount("2019", 1, False), FacetCount("2022", 1, False), FacetCount(UNDATED, 1, False),
    ]
    service.close()


def test_threads_share_one_service_while_the_index_changes(tmp_path, knowledge, indexed_copy):
    """Searches from several threads, a reindex in between: no errors, and each total is old or new."""
    import threading

    articles_dir, _ = indexed_copy(SMALL, tmp_path)
    service = SearchService(tmp_path / "index")
    totals, errors = [], []

    def searches():
        try:
            for _ in range(30):
                result = run(service, q="officials", per_page="2")
                totals.append(result.total)
                service.article(B)
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=searches) for _ in range(4)]
    for t in threads:
        t.start()
    (articles_dir / "z_new.txt").write_text(
        "Title: Envoys meet\nDate: 2023-05-05\n\nOfficials from both sides met on Friday.\n", encoding="utf-8"
    )
    reindex(articles_dir, tmp_path / "index", knowledge)
    for t in threads:
        t.join()
    assert errors == []
    assert set(totals) <= {4, 5} and len(totals) == 120
    assert run(service, q="officials").total == 5
    service.close()


def test_filters_match_in_any_case_and_mark_the_stored_value(small):
    service, _, _ = small
    result = run(service, source="harbor TIMES")
    assert ids(result) == [C, D]
    assert result.facets["source"] == [FacetCount("Harbor Times", 2, True)]


def test_suggestions_and_fuzzy_terms_after_an_incremental_reindex(tmp_path, knowledge, indexed_copy):
    articles_dir, _ = indexed_copy(SMALL, tmp_path)
    service = SearchService(tmp_path / "index")
    assert run(service, q="Kaesng").suggestion is None
    (articles_dir / "z_kaesong.txt").write_text(
        "Title: Envoys meet\nDate: 2023-05-05\n\nNegotiators met in Kaesong on Friday.\n", encoding="utf-8"
    )
    reindex(articles_dir, tmp_path / "index", knowledge)
    assert run(service, q="Kaesng").suggestion == "Kaesong"
    assert ids(run(service, q="Kaesng~")) == ["z_kaesong.txt"]
    assert ids(run(service, q="Pyongyng~")) == [B, E]  # over both segments
    service.close()


def test_a_word_only_headlines_hold_is_no_misspelling(tmp_path, knowledge, indexed_copy):
    """A portal's feed items are headlines alone: their words are in no body, yet the query found them; respelling
    them to a word the bodies hold ("윤석열" -> "윤") would lead away from what was asked."""
    articles_dir, _ = indexed_copy(SMALL, tmp_path)
    (articles_dir / "portal.xml").write_text(
        """<rss version="2.0"><channel><title>Portal</title><item><title>윤석열 대통령, 대국민 사과</title>
<link>https://v.daum.net/v/20241107132051256</link><pubDate>Thu, 07 Nov 2024 04:21:03 GMT</pubDate>
<description>전자신문 · 13:20</description></item><item><title>Envoys meet</title><link>https://example.net/2</link>
<pubDate>Thu, 07 Nov 2024 05:00:00 GMT</pubDate><description>윤 대통령은 오늘 대사들을 만났다.</description></item>
<item><title>Envoys meet again</title><link>https://example.net/3</link><pubDate>Fri, 08 Nov 2024 05:00:00 GMT</pubDate>
<description>윤 대통령은 회담 후 기자들에게 말했다.</description></item></channel></rss>""", encoding="utf-8")
    reindex(articles_dir, tmp_path / "index", knowledge)
    service = SearchService(tmp_path / "index")
    result = run(service, q="윤석열")
    assert ids(result) == ["portal.xml#1"] and result.suggestion is None
    service.close()


def test_snippets_are_one_line(small):
    service, _, _ = small
    snippets = [snippet(h) for h in run(service, q="officials OR ministers").hits] + [snippet(h) for h in run(service).hits]
    assert snippets and all("\n" not in s and "  " not in s for s in snippets)


def test_opening_retries_when_a_commit_removes_a_segment_under_it(small, monkeypatch):
    """A reindex may delete a merged segment between our reading the TOC and opening the files."""
    from searchapp.index import storage

    service, _, _ = small
    fresh = SearchService(service.index_dir)
    real_open, calls = storage.open_index, []

    def open_once_too_late(index_dir):
        calls.append(index_dir)
        if len(calls) == 1:
            raise FileNotFoundError("MAIN_gone.seg")
        return real_open(index_dir)

    monkeypatch.setattr(storage, "open_index", open_once_too_late)
    assert run(fresh, q="seoul").total == 2 and len(calls) == 2
    fresh.close()


# --- snippets from stored offsets, the result cache, warming ------------------------


@pytest.mark.parametrize("q", ["officials", "seoul talks", '"South China Sea"', "minist*", "pandemic OR summit"])
def test_snippet_fragments_are_whole_words_of_the_body(small, q):
    service, articles, _ = small
    for hit in run(service, q=q).hits:
        body = " ".join(articles[hit.id].body.split())
        for fragment in html.unescape(re.sub(r"</?mark>", "", snippet(hit))).removesuffix(" …").split(" … "):
            start = body.find(fragment)
            assert start >= 0, (hit.id, fragment)
            end = start + len(fragment)
            assert (start == 0 or body[start - 1] == " ") and (end == len(body) or body[end] == " "), fragment


def test_snippets_from_offsets_equal_the_marks_of_the_whole_text(small):
    """Every word marked in a snippet is one the article page marks too (same terms, same words)."""
    service, articles, _ = small
    for hit in run(service, q="officials talks").hits:
        whole = highlight_text(service, articles[hit.id].body, "officials talks")
        assert set(re.findall(r"<mark>(.*?)</mark>", snippet(hit))) <= set(re.findall(r"<mark>(.*?)</mark>", whole))


def without_timing(result):
    return dataclasses.replace(result, took_ms=0)


def test_cached_results_are_the_same_and_change_with_the_index(tmp_path, knowledge, indexed_copy):
    articles_dir, _ = indexed_copy(SMALL, tmp_path)
    cached, fresh = SearchService(tmp_path / "index", cache_size=2), SearchService(tmp_path / "index")
    request = read_search_request({"q": ["seoul"], "country": ["South Korea", "China"]})
    same = read_search_request({"q": ["seoul"], "country": ["China", "South Korea"]})
    assert without_timing(cached.search(request)) == without_timing(fresh.search(request))
    assert without_timing(cached.search(same)) == without_timing(fresh.search(same))
    (articles_dir / "z_new.txt").write_text(
        "Title: Seoul hosts envoys\nDate: 2023-05-05\n\nEnvoys from China and South Korea met in Seoul.\n",
        encoding="utf-8",
    )
    reindex(articles_dir, tmp_path / "index", knowledge)
    assert without_timing(cached.search(request)) == without_timing(fresh.search(request))
    assert "z_new.txt" in {h.id for h in cached.search(request).hits}
    cached.close(), fresh.close()


def test_the_cache_keeps_only_the_most_recent_requests(small):
    service = SearchService(small[0].index_dir, cache_size=2)
    for q in ("seoul", "talks", "seoul", "summit"):
        service.search(SearchRequest(q=q))
    assert [key[0] for key in service.results.keys()] == ["seoul", "summit"]
    service.close()


def test_warming_builds_the_tables_before_the_first_search(small, tmp_path):
    assert SearchService(tmp_path / "nothing").warm() is False
    service = SearchService(small[0].index_dir)
    assert service.warm() is True
    assert {"date", *(f"facet:{name}" for name in FACET_FIELDS)} <= service.opened().made
    assert without_timing(service.search(SearchRequest())) == without_timing(small[0].search(SearchRequest()))
    service.close()


def test_warming_postings_decodes_the_most_frequent_words_and_changes_no_answer(small):
    service = SearchService(small[0].index_dir)
    service.warm()
    opened = service.opened()
    words = [(reader, vocabulary.words[at].encode()) for reader, vocabulary in zip(opened.leaf_readers(), opened.vocabularies("body"))
             for at in vocabulary.by_frequency[:4]]
    assert not any(opened.tables.cached(reader, "body", word) for reader, word in words)
    assert service.warm_postings(words=4) == len(words) + len(opened.leaf_readers())  # and the title's most frequent
    assert all(opened.tables.cached(reader, "body", word) is not None for reader, word in words)
    assert service.warm_postings(words=4, seconds=0) == 0
    for q in ("seoul", "talks", '"foreign minister"', ""):
        assert without_timing(service.search(SearchRequest(q=q))) == without_timing(small[0].search(SearchRequest(q=q)))
    off = SearchService(small[0].index_dir, postings_cache_mb=0)
    assert off.warm() is True and off.warm_postings() == 0
    service.close(), off.close()


# --- budgets: limits on work, and on time (issue 11) ----------------------------


def words_for(service, q, limits, fieldname="body") -> list[str]:
    """The words each wildcard, prefix or fuzzy term of q stands for in fieldname, as the search chose them."""
    opened = service.opened()
    parsed = queries.parse(opened, q, Budget(limits))
    return [w.decode() for leaf in parsed.leaves() if leaf.field() == fieldname for w in expanded_words(leaf, opened.reader)]


def most_frequent(service, words, n) -> list[str]:
    reader = service.opened().reader
    return sorted(words, key=lambda w: (-reader.doc_frequency("body", w), w))[:n]


@pytest.mark.parametrize("q", ["s*", "*e*", "*ea*", "?o*"])
def test_a_wildcard_stands_for_at_most_the_cap_of_its_most_frequent_words(small, q):
    """Before, "*e*" stood for every word holding an e, each one's postings read; leading wildcards are allowed."""
    service, _, _ = small
    reader = service.opened().reader
    every = [w.decode() for w in expanded_words(query.Wildcard("body", q), reader)]  # Whoosh's own expansion
    assert len(every) > 3
    chosen = words_for(service, q, Limits(max_expansions=3))
    assert chosen == most_frequent(service, every, 3)
    assert sorted(words_for(service, q, Limits(max_expansions=len(every)))) == sorted(every)


def test_a_fuzzy_term_keeps_its_own_word_first_then_the_most_frequent(small):
    service, _, _ = small
    assert most_frequent(service, ["korean", "korea"], 1) == ["korean"]
    assert words_for(service, "korea~", Limits(max_expansions=1)) == ["korea"]
    assert words_for(service, "korea~", Limits(max_expansions=20)) == ["korea", "korean"]


def test_short_fuzzy_words_take_fewer_edits_and_two_edits_keep_the_first_letter(small):
    """As Elasticsearch's AUTO: "the~2" would match "a" and "to"; two edits anywhere walk the whole vocabulary."""
    service, _, _ = small
    fuzzy = [leaf for leaf in queries.parse(service.opened(), "it~2 talk~2 missile~2").leaves() if leaf.field() == "body"]
    assert [(f.text, f.maxdist, f.prefixlength) for f in fuzzy] == [("it", 0, 0), ("talk", 1, 0), ("missil", 2, 1)]


def test_the_expansion_work_is_counted(small):
    service, _, _ = small
    budget = Budget(Limits(max_expansions=2))
    queries.parse(service.opened(), "s* t*", budget)
    assert budget.expanded == 8  # two words for each term in each of title and body


@pytest.mark.parametrize(
    "q, limits, code",
    [
        # The query: 124 fuzzy terms ran 94.9 s.
        (" ".join(f"w{i:03d}q~2" for i in range(1, 125)), Limits(), "too_many_words"),
        ("talks~ seoul~ summit~ missile~ sanction~", Limits(), "too_many_fuzzy_terms"),
        ("talks~ seoul~", Limits(max_fuzzy_terms=1), "too_many_fuzzy_terms"),
        ("*a* *b* *c* *d* *e*", Limits(), "too_many_wildcards"),
        ("s* t* [a TO c] *x", Limits(max_wildcards=3), "too_many_wildcards"),
        (" OR ".join(["seoul"] * 17), Limits(), "too_many_words"),  # 33 words and operators
        ("(" * 11 + "seoul" + ")" * 11, Limits(), "too_deep"),
    ],
)
def test_a_query_over_the_limits_is_refused_with_what_to_change(small, q, limits, code):
    service, _, _ = small
    with pytest.raises(BadRequest) as info:
        service.search(SearchRequest(q=q), limits)
    assert info.value.code == code and "at most" in info.value.message


@pytest.mark.parametrize(
    "q",
    ["talks~ OR seoul~ OR summit~ OR missile~", "*a* *e* s* t*", " OR ".join(["seoul"] * 16), "(" * 10 + "seoul" + ")" * 10],
)
def test_a_query_at_the_limits_runs(small, q):
    service, _, _ = small
    result = service.search(SearchRequest(q=q))
    assert result.total > 0 and result.timed_out is False


def test_a_search_within_its_time_is_not_timed_out(small):
    service, _, _ = small
    assert run(service, q="seoul OR manila").timed_out is False
    assert run(service).timed_out is False


def expiring_clock(monkeypatch, checks: int):
    """Make budgets expire after `checks` readings of the clock (the first sets the deadline)."""
    readings = iter(range(10**9))
    monkeypatch.setattr(budget_module, "now", lambda: 0.0 if next(readings) <= checks else 10.0**9)


def test_a_search_out_of_time_answers_in_full_shape_and_is_marked(small, monkeypatch):
    service, _, _ = small
    result = service.search(SearchRequest(q="seoul OR manila", per_page=100), Limits(time_ms=0))
    assert result.timed_out is True
    assert result.total == len(result.hits) == 0  # the budget ran out before the first term was read
    assert set(result.facets) == set(FACET_FIELDS) and result.pages == 1


@pytest.mark.parametrize("q", ["seoul OR manila OR pandemic OR summit", "seoul -thaad", "NOT seoul", "s* OR talks~"])
def test_a_search_that_runs_out_finds_only_matches_and_some_of_them(small, monkeypatch, q):
    """Whenever the budget runs out, the answer is a subset of the full one: never a document that does not match."""
    service, _, _ = small
    full = run(service, q=q)
    partial = []
    for checks in range(0, 60):
        expiring_clock(monkeypatch, checks)
        result = service.search(SearchRequest(q=q, per_page=100), Limits(time_ms=1000))
        assert set(ids(result)) <= set(ids(full)) and result.total == len(result.hits)
        if result.timed_out:
            partial.append(result.total)
        else:
            assert ids(result) == ids(full)
    assert partial and 0 in partial
    if q.startswith("seoul OR"):
        assert any(0 < n < full.total for n in partial)


def test_a_timed_out_result_is_not_cached(small):
    service = SearchService(small[0].index_dir, cache_size=4)
    assert service.search(SearchRequest(q="seoul"), Limits(time_ms=0)).timed_out is True
    assert not service.results.keys()
    assert service.search(SearchRequest(q="seoul")).timed_out is False
    assert len(service.results.keys()) == 1
    service.close()


def test_the_hostile_load_benchmark_sends_floods_refused_and_the_rest_at_the_limits(small):
    """bench/hostile_load.py measures the worst admitted queries: they must stay admitted as the limits change."""
    import hostile_load

    service, _, _ = small
    rng = random.Random(1)
    for kind, make in hostile_load.ATTACKS.items():
        try:
            service.search(SearchRequest(q=make(rng)["q"]))
            refused = None
        except BadRequest as exc:
            refused = exc.code
        assert (refused is not None) == kind.endswith("_flood"), (kind, refused)


# --- coordination, question marks and did-you-mean case, through /api/search ---------------------

WRITTEN = {
    "all_three.txt": "Title: Manila protests reef reclamation\nDate: 2024-03-01\n\n"
    "Manila lodged a protest on Friday against the reclamation of a reef near Thitu Island.\n",
    # relevant, but never says "protest": all but one of three words finds it
    "no_protest.txt": "Title: Satellite images show new building on a reef\nDate: 2024-03-02\n\n"
    "Satellite images show land reclamation at a reef the Philippines claims, analysts said.\n",
    "one_word.txt": "Title: Divers survey the reef\nDate: 2024-03-03\n\n"
    "Marine scientists surveyed the reef's coral on a show of cooperation. The show went on.\n",
    "shoal.txt": "Title: Coast guard at Scarborough Shoal\nDate: 2024-03-04\n\n"
    "The IAEA was not involved; Chinese vessels fired water cannon near Scarborough Shoal, a test of resolve.\n",
}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    from written_archive import client_over

    with client_over(WRITTEN, tmp_path_factory.mktemp("coordination")) as client:
        yield client


def api_search(client, q: str) -> dict:
    response = client.get("/api/search", query_string={"q": q})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def hit_ids(body: dict) -> list[str]:
    return [h["id"] for h in body["hits"]]


def test_a_missing_word_no_longer_hides_an_article(written):
    body = api_search(written, "reef reclamation protest")
    # all three words first, then the article lacking one; one word of three is not enough
    assert hit_ids(body) == ["all_three.txt", "no_protest.txt"]
    assert body["total"] == 2 and body["pages"] == 1
    assert sum(f["count"] for f in body["facets"]["year"]) == 2  # facets count the same match set


def test_two_words_stay_both_required(written):
    assert hit_ids(api_search(written, "reef protest")) == ["all_three.txt"]


def test_a_quoted_phrase_stays_strict(written):
    # "new building" is no_protest's phrase; with it quoted, the other words cannot stand in for it
    assert hit_ids(api_search(written, '"new building" reef reclamation')) == ["no_protest.txt"]
    assert hit_ids(api_search(written, '"reef reclamation" manila protest')) == ["all_three.txt"]
    assert api_search(written, '"reclamation reef" manila protest')["total"] == 0


def test_not_and_and_stay_strict(written):
    assert hit_ids(api_search(written, "reef reclamation NOT protest")) == ["no_protest.txt"]
    assert hit_ids(api_search(written, "reef AND reclamation AND protest")) == ["all_three.txt"]
    assert hit_ids(api_search(written, "reef reclamation -protest")) == ["no_protest.txt"]


def test_a_question_mark_ending_a_word_is_punctuation(written):
    body = api_search(written, "Did the Philippines protest reef reclamation?")
    assert hit_ids(body)[0] == "all_three.txt"
    assert hit_ids(body) == ["all_three.txt", "no_protest.txt"]  # "did", "the" not required; 3 of 4 words
    assert hit_ids(api_search(written, "Who fired water cannon at Scarborough Shoal ?")) == ["shoal.txt"]
    assert hit_ids(api_search(written, "te?t")) == ["shoal.txt"]  # inside a word, still a wildcard


def test_did_you_mean_keeps_the_typed_case_and_finds_more(written):
    # "Show" is nearer in the corrector's order (two articles say it); "Shoal" is what finds an article
    body = api_search(written, "Scarborough Shaol")
    assert (body["total"], body["suggestion"]) == (0, "Scarborough Shoal")
    assert api_search(written, body["suggestion"])["total"] > 0
    assert api_search(written, "IAEE")["suggestion"] == "IAEA"  # an acronym stays upper case
    assert api_search(written, "scarborough shaol")["suggestion"] == "scarborough shoal"

"""The benchmark's parts: a deterministic archive generator and an FTS5 baseline that counts right."""

import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import curve  # noqa: E402
import fts5  # noqa: E402
import make_archive  # noqa: E402
import real_run  # noqa: E402
import tantivy_peer  # noqa: E402
from peer_reading import DocumentFile, read_documents  # noqa: E402
from queries import COMMON_PHRASES, REAL_KINDS, Query, make_queries  # noqa: E402

from searchapp.reading import archive_files, read_file  # noqa: E402
from searchapp.facets import Knowledge, extract  # noqa: E402

NAMES = make_archive.SMALL_NAMES


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*")) if p.is_file()}


def test_archive_is_the_same_for_the_same_seed(tmp_path):
    make_archive.make_archive(40, tmp_path / "a", seed=7, names=NAMES)
    make_archive.make_archive(40, tmp_path / "b", seed=7, names=NAMES)
    make_archive.make_archive(40, tmp_path / "c", seed=8, names=NAMES)
    a, b, c = tree(tmp_path / "a"), tree(tmp_path / "b"), tree(tmp_path / "c")
    assert len([p for p in a if p.endswith(".txt")]) == 40
    assert a == b
    assert {k: v for k, v in a.items() if k.endswith(".txt")} != {k: v for k, v in c.items() if k.endswith(".txt")}


def test_interrupted_archive_resumes_to_the_same_files(tmp_path):
    make_archive.make_archive(30, tmp_path / "whole", seed=3, names=NAMES)
    partial = tmp_path / "partial"
    make_archive.make_archive(30, partial, seed=3, names=NAMES)
    for path in sorted(partial.rglob("*.txt"))[10:]:
        path.unlink()
    (partial / make_archive.STAMP).write_text(json.dumps({"kind": "synthetic", "n": 30, "seed": 3,
                                                          "names": make_archive.names_digest(NAMES), "complete": False}))
    make_archive.make_archive(30, partial, seed=3, names=NAMES)
    assert tree(partial) == tree(tmp_path / "whole")


def test_archive_refuses_a_folder_holding_another_archive(tmp_path):
    make_archive.make_archive(5, tmp_path, seed=1, names=NAMES)
    with pytest.raises(SystemExit):
        make_archive.make_archive(5, tmp_path, seed=2, names=NAMES)


def test_reader_takes_title_date_and_source_from_the_header_block(tmp_path):
    make_archive.make_archive(3, tmp_path, seed=5, names=NAMES)
    generator = make_archive.Generator(5, NAMES)
    for i in range(3):
        title, date, source, body = generator.article(i)
        [article] = read_file(make_archive.article_path(tmp_path, i), tmp_path).articles
        assert (article.title, str(article.date), article.source) == (title, date, source)
        assert article.body.split()[:20] == body.split()[:20]


def test_article_mentions_names_and_has_a_news_length(tmp_path):
    generator = make_archive.Generator(1, NAMES)
    lengths = []
    for i in range(50):
        title, date, source, body = generator.article(i)
        lengths.append(len(body.split()))
        assert "2010-01-01" <= date <= "2024-12-31"
        assert any(country in body for country in NAMES.countries)
        assert any(signal in body for _, signals in NAMES.topics for signal in signals)
    assert 300 <= min(lengths) and max(lengths) <= 1000


def test_from_jsonl_writes_header_block_files_and_skips_bad_lines(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    records = [
        {"title": "Talks in Hanoi", "date": "2019-02-27", "source": "Reuters", "body": "Leaders met in Hanoi.\n\nNo deal."},
        "not json",
        {"title": "No body"},
        {"title": "Seoul\nbriefing", "text": "The ministry briefed reporters."},
    ]
    corpus.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    stamp = make_archive.from_jsonl([corpus], tmp_path / "archive", limit=10)
    files = {k: v for k, v in tree(tmp_path / "archive").items() if k.endswith(".txt")}
    assert (stamp["n"], stamp["bad_lines"]) == (2, 2)
    assert files == {
        "0000/a0000000.txt": "Title: Talks in Hanoi\nDate: 2019-02-27\nSource: Reuters\n\nLeaders met in Hanoi.\n\nNo deal.\n",
        "0000/a0000001.txt": "Title: Seoul briefing\n\nThe ministry briefed reporters.\n",
    }


@pytest.mark.parametrize(
    "query, expected",
    [
        (Query("words1", words=("sanctions",)), '"sanctions"'),
        (Query("words2", words=("wang", "talks")), '"wang" AND "talks"'),
        (Query("phrase", phrase=("freedom", "navigation")), '"freedom navigation"'),
        (Query("field", field=("title", "summit"), words=("hanoi",)), '"hanoi" AND title : "summit"'),
        (Query("field", field=("country", "South Korea")), None),
    ],
)
def test_queries_translate_to_fts5_match_syntax(query, expected):
    assert fts5.match_expression(query) == expected


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """Eight generated articles indexed in FTS5, with what our reader and extractor make of each."""
    root = tmp_path_factory.mktemp("tiny")
    make_archive.make_archive(8, root, seed=11, names=NAMES)
    knowledge = Knowledge.load()
    db = root.parent / "tiny.sqlite"
    report = fts5.build(root, db, knowledge)
    articles = [(a, extract(a, knowledge)) for p in archive_files(root) for a in read_file(p, root).articles]
    return root, sqlite3.connect(db), articles, report


def expected_counts(articles, ids) -> dict[str, list[tuple[str, int]]]:
    chosen = [(a, f) for a, f in articles if a.id in ids]
    counts = {name: Counter() for name in ("country", "official", "topic", "source", "year")}
    for article, facets in chosen:
        for name, attr in (("country", "countries"), ("official", "officials"), ("topic", "topics")):
            counts[name].update(set(facets.values(attr)))
        counts["source"][article.source] += 1
        counts["year"][str(article.date.year)] += 1
    return {k: sorted(c.items(), key=lambda vn: (-vn[1], vn[0])) for k, c in counts.items()}


def test_fts5_counts_every_facet_over_the_whole_match_set(tiny):
    root, conn, articles, report = tiny
    assert (report.articles, report.skipped) == (8, 0)
    # "said" is in every article: the match set is all of them, facets count each article once.
    result = fts5.search_full(conn, Query("words1", words=("said",)), limit=3)
    assert result.total == 8
    assert len(result.hits) == 3 and all("<mark>" in snippet for _, _, snippet in result.hits)
    assert result.facets == expected_counts(articles, {a.id for a, _ in articles})


def test_fts5_filter_narrows_matches_and_counts(tiny):
    root, conn, articles, _ = tiny
    source = articles[0][0].source
    ids = {a.id for a, _ in articles if a.source == source}
    result = fts5.search_full(conn, Query("words1", words=("said",), filters={"source": (source,)}))
    assert result.total == len(ids)
    assert {hit[0] for hit in result.hits} == ids
    assert result.facets == expected_counts(articles, ids)


def test_query_mix_is_deterministic_and_draws_from_the_archive(tiny):
    root, conn, articles, _ = tiny
    knowledge = Knowledge.load()
    first = make_queries(root, knowledge, count=40, seed=2)
    assert first == make_queries(root, knowledge, count=40, seed=2)
    assert {q.kind for q in first} == {"words1", "words2", "words3", "phrase", "field"}
    unfiltered = [q for q in first if not q.filters]
    assert all(fts5.search_full(conn, q).total > 0 for q in unfiltered)


# ---------------------------------------------------------------- real text, tantivy, the growth curve


def write_corpus(path: Path, count: int) -> list[dict]:
    """A small JSON Lines corpus written here (no third-party text in the repository)."""
    records = [
        {"id": f"wire-{i}", "title": f"Talks number {i} in Hanoi", "date": f"2019-02-{1 + i % 27:02d}", "source": "Wire",
         "body": f"Foreign Minister Wang Yi said it expects talks with Japan in round {i}.\n\nThe United States said it "
                 f"would send its envoy to Hanoi, officials said on day {i}."}
        for i in range(count)
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n{}\n", encoding="utf-8")  # a record with no body
    return records


def test_real_archive_cycles_the_corpus_with_new_ids_in_jsonl_files(tmp_path, monkeypatch):
    monkeypatch.setattr(make_archive, "REAL_PER_FILE", 4)
    source = write_corpus(tmp_path / "corpus.jsonl", 3)
    stamp = make_archive.real_archive(tmp_path / "corpus.jsonl", 10, tmp_path / "real")
    files = sorted((tmp_path / "real").glob("*.jsonl"))
    assert [f.name for f in files] == ["wire-000.jsonl", "wire-001.jsonl", "wire-002.jsonl"]
    records = [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [f"wire-{i % 3}~{i // 3}" for i in range(10)]
    assert [r["body"] for r in records] == [source[i % 3]["body"] for i in range(10)]
    assert (stamp["n"], stamp["corpus_records"], stamp["complete"]) == (10, 3, True)
    # Read as our reader reads it: ten articles, one a record.
    assert sum(len(read_file(f, tmp_path / "real").articles) for f in files) == 10
    # A second call finds the archive made; another kind of archive in the folder is refused.
    assert make_archive.real_archive(tmp_path / "corpus.jsonl", 10, tmp_path / "real") == stamp
    make_archive.make_archive(3, tmp_path / "synthetic", seed=1, names=NAMES)
    with pytest.raises(SystemExit):
        make_archive.real_archive(tmp_path / "corpus.jsonl", 10, tmp_path / "synthetic")


def test_real_query_mix_has_common_word_phrases_drawn_from_jsonl_records(tmp_path):
    write_corpus(tmp_path / "corpus.jsonl", 30)
    make_archive.real_archive(tmp_path / "corpus.jsonl", 60, tmp_path / "real")
    queries = make_queries(tmp_path / "real", Knowledge.load(), count=80, seed=3, kinds=REAL_KINDS)
    kinds = {q.kind for q in queries}
    assert {"common_phrase", "phrase", "words1", "field"} <= kinds
    common = [q for q in queries if q.kind == "common_phrase"]
    assert {" ".join(q.phrase) for q in common} <= set(COMMON_PHRASES)
    assert any(q.q == '"said it"' or q.q == '"said it expects"' or q.q == '"the united states"' for q in common)


@pytest.fixture(scope="module")
def peers(tiny, tmp_path_factory):
    """The tiny archive in tantivy too, from the same documents FTS5 indexed."""
    root, conn, articles, _ = tiny
    index_dir = tmp_path_factory.mktemp("tantivy") / "index"
    report = tantivy_peer.build(root, index_dir, Knowledge.load())
    return conn, tantivy_peer.Peer(index_dir), articles, report


def test_tantivy_counts_every_facet_over_the_whole_match_set(peers):
    conn, peer, articles, report = peers
    assert (report.articles, report.skipped) == (8, 0)
    result = peer.full(Query("words1", words=("said",)), limit=3)
    assert result.total == 8
    assert len(result.hits) == 3 and all("<mark>" in snippet for _, _, snippet in result.hits)
    assert result.facets == expected_counts(articles, {a.id for a, _ in articles})


@pytest.mark.parametrize(
    "query",
    [
        Query("phrase", phrase=("south", "korea")),
        Query("common_phrase", phrase=("said", "the")),
        Query("words2", words=("said", "sanctions")),
        Query("field", field=("title", "discuss")),
        Query("field", field=("country", "Japan")),
        Query("words1", words=("said",), filters={"topic": ("maritime",)}),
    ],
)
def test_tantivy_finds_what_fts5_finds(peers, query):
    conn, peer, articles, _ = peers
    theirs, ours = fts5.search_full(conn, query), peer.full(query)
    assert ours.total == theirs.total
    assert {hit[0] for hit in ours.hits} == {hit[0] for hit in theirs.hits}
    assert ours.facets == {k: v for k, v in theirs.facets.items()}


def test_tantivy_builds_from_kept_documents_as_from_the_archive(tiny, tmp_path):
    root, _, articles, _ = tiny
    kept = DocumentFile(tmp_path / "documents.pickle")
    report = fts5.build(root, tmp_path / "again.sqlite", Knowledge.load(), keep=kept)
    kept.close()
    assert kept.count == report.articles == 8
    documents = list(read_documents(tmp_path / "documents.pickle"))
    assert sorted(d["id"] for d in documents) == sorted(a.id for a, _ in articles)
    tantivy_peer.index_documents(documents, tmp_path / "from-kept")
    peer = tantivy_peer.Peer(tmp_path / "from-kept")
    assert peer.full(Query("words1", words=("said",))).total == 8


def test_interleaved_runs_every_query_on_every_engine_rotating_the_first():
    order = []
    calls = {name: (lambda q, name=name: order.append((q, name)) or f"{name}:{q}") for name in ("a", "b", "c")}
    times, answers = real_run.interleaved(calls, ["q0", "q1", "q2", "q3"])
    assert answers == {name: [f"{name}:q{i}" for i in range(4)] for name in ("a", "b", "c")}
    assert [name for q, name in order if q == "q1"] == ["b", "c", "a"]
    assert [name for q, name in order if q == "q3"] == ["a", "b", "c"]
    assert all(len(ms) == 4 and min(ms) >= 0 for ms in times.values())


def test_by_kind_groups_queries_and_both_phrase_kinds():
    queries = [Query("phrase", phrase=("a", "b")), Query("words1", words=("c",)), Query("common_phrase", phrase=("said", "it"))]
    figures = real_run.by_kind(queries, {"ours": [1.0, 2.0, 3.0]})
    assert {kind: f["ours"]["max"] for kind, f in figures.items()} == {
        "phrase": 1.0, "words1": 2.0, "common_phrase": 3.0, "phrases (both kinds)": 3.0}


@pytest.mark.parametrize(
    "points, expected",
    [
        ([(25_000, 10.0), (50_000, 20.0), (100_000, 40.0)], 1.0),
        ([(25_000, 5.0), (100_000, 10.0), (400_000, 20.0)], 0.5),
        ([(1_000, 3.0), (8_000, 3.0)], 0.0),
    ],
)
def test_slope_is_the_log_log_exponent(points, expected):
    assert curve.slope(points) == pytest.approx(expected)


def test_slope_needs_two_sizes_with_a_figure():
    assert curve.slope([(25_000, 10.0), (50_000, None)]) is None


def test_retime_slowest_runs_the_slowest_again_and_keeps_the_best():
    queries = [Query("words1", words=("fast",)), Query("words1", words=("slow",)), Query("words1", words=("rare",))]
    ran = []
    calls = {"a": ran.append}
    first = {"a": [1.0, 400.0, 300.0]}  # as measured once: the last two were slow
    again = real_run.retime_slowest(calls, queries, first, count=2, repeat=3)
    assert sorted(q.q for q in ran) == ["rare"] * 3 + ["slow"] * 3
    assert [(f, q) for f, _, q in again["a"]] == [(400.0, "[words1] slow"), (300.0, "[words1] rare")]
    assert all(0 <= best < f for f, best, _ in again["a"])


def test_cold_warm_runs_every_query_three_times_and_prints_each_pass(tmp_path, capsys):
    import cold_warm
    from searchapp.index import reindex

    write_corpus(tmp_path / "corpus.jsonl", 30)
    make_archive.real_archive(tmp_path / "corpus.jsonl", 60, tmp_path / "real")
    reindex(tmp_path / "real", tmp_path / "index", Knowledge.load(), full=True)
    cold_warm.main(["--index", str(tmp_path / "index"), "--articles", str(tmp_path / "real"), "--queries", "25"])
    lines = capsys.readouterr().out.splitlines()
    passes = [line.split(" p50")[0].strip() for line in lines if " p50 " in line]
    assert passes == ["top 10, first pass", "top 10, second pass", "full request"]

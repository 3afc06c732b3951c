"""Word pairs (schema.WordPairs): the terms a phrase's candidates come from, and phrases found through them
exactly as Whoosh finds them by positions, in English and in CJK text, with the pairs of common words
(the schema's) and with every pair."""

import pickle

import pytest
from whoosh import query
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from searchapp.engine import matching
from searchapp.index.schema import analyzer, common_words, pair_terms, schema
from searchapp.internals.segment_tables import SegmentTables

TEXTS = [
    "The ministry said it expects the United States to act. It said it would wait.",
    "Said it? The united states of the region said nothing; the the talks went on.",
    "外交部长王毅表示，中国欢迎美国国务卿访华。王毅表示 said it expects talks",
    "윤석열 대통령은 한미 정상회의에서 북한 문제를 논의했다. 한미 정상회의는 서울에서 열렸다.",
    "Prime Minister Kishida said on Tuesday the foreign minister would travel; the prime minister said it too.",
    "It expects it said. States united the. Minister foreign.",  # the words side by side in another order
]
PHRASES = [
    "said it", "the united states", "said it expects", "it said it", "the the", "the the talks", "prime minister",
    "foreign minister would travel", "said on tuesday", "王毅表示", "外交部长王毅", "한미 정상회의", "정상회의에서",
    "united the", "states united the", "minister foreign", "said nothing said", "nosuchword said", "ministry expects",
]


def paired_schema(every_pair: bool):
    fields = schema()
    if every_pair:
        fields["title_pairs"].common = fields["body_pairs"].common = None
    return fields


@pytest.fixture(scope="module", params=[False, True], ids=["common pairs", "every pair"])
def index(request):
    ix = RamStorage().create_index(paired_schema(request.param))
    # Two segments, so pairs are read per segment.
    for batch in (TEXTS[:3], TEXTS[3:]):
        with ix.writer() as writer:
            for i, text in enumerate(batch):
                title = text.split(".")[0]
                writer.add_document(id=text[:20], title=title, title_pairs=title, body=text, body_pairs=text)
    return ix


def brute_pairs(positioned):
    return {f"{a} {b}" for p, a in positioned for q, b in positioned if q == p + 1}


@pytest.mark.parametrize("positioned", [
    [(0, "a"), (1, "b"), (2, "c")],
    [(3, "a"), (4, "a"), (5, "a")],
    [(0, "a"), (2, "b"), (3, "c")],  # a gap: no pair across it
    [(0, "a"), (0, "x"), (1, "b"), (1, "y"), (3, "c")],  # two words at one position pair with both neighbours
    [],
])
def test_pair_terms_are_the_words_at_consecutive_positions(positioned):
    assert pair_terms(positioned) == brute_pairs(positioned)
    common = frozenset({"a", "b", "y"})
    assert pair_terms(positioned, common) == {p for p in brute_pairs(positioned) if set(p.split()) <= common}


def test_common_words_are_stemmed_as_indexed():
    common = common_words()
    assert {"said", "it", "the", "unit", "state", "minist", "prime", "foreign"} <= common
    assert "expect" not in common and "quarter" not in common


def test_indexed_pairs_are_those_of_the_analysed_text(index):
    """The pairs noted while the body was indexed equal the pairs of the text analysed again."""
    common = index.schema["body_pairs"].common
    with index.reader() as reader:
        indexed = {t.decode() for t in reader.lexicon("body_pairs")}
    expected = set()
    for text in TEXTS:
        expected |= pair_terms([(t.pos, t.text) for t in analyzer()(text, positions=True, mode="index")], common)
    assert indexed == expected
    assert "said it" in indexed and "the unit" in indexed and "prime minist" in indexed
    assert ("王毅 毅表" in indexed) == (common is None) and ("it expect" in indexed) == (common is None)


def test_a_pairs_text_other_than_the_words_text_is_analysed_on_its_own():
    ix = RamStorage().create_index(schema())
    with ix.writer() as writer:
        writer.add_document(id="x", body="foreign minister", body_pairs="prime minister")
    with ix.reader() as reader:
        assert list(reader.lexicon("body_pairs")) == [b"prime minist"]


def test_the_pickled_schema_keeps_no_indexed_text(index):
    fields = pickle.loads(pickle.dumps(index.schema))
    assert "_last" not in fields["body"].__dict__
    assert fields["body_pairs"].words is fields["body"]


def run(index, q, pairs: bool):
    with index.searcher() as searcher:
        if not pairs:  # as in an index built before pairs: the field is not found
            original = matching.pairs_field
            matching.pairs_field = lambda name: f"{name}_no_such_field"
        try:
            return matching.match(searcher, q, True, SegmentTables())
        finally:
            if not pairs:
                matching.pairs_field = original


@pytest.mark.parametrize("phrase", PHRASES)
@pytest.mark.parametrize("fieldname", ["body", "title"])
def test_phrases_through_pairs_are_whooshs_phrases(index, phrase, fieldname):
    q = QueryParser(fieldname, index.schema).parse(f'"{phrase}"')
    with index.searcher() as searcher:
        whoosh = searcher.search(q, limit=None)
        expected = {docnum: score for score, docnum in whoosh.top_n}
    found = run(index, q, pairs=True)
    assert found.ids.tolist() == sorted(expected)
    assert found.scores.tolist() == pytest.approx([expected[d] for d in found.ids.tolist()], rel=1e-9)
    plain = run(index, q, pairs=False)
    assert found.ids.tolist() == plain.ids.tolist()
    assert found.scores.tolist() == plain.scores.tolist()


def test_the_phrases_find_what_they_should(index):
    """The comparisons above mean something only if the phrases match where expected."""
    def found(phrase):
        return len(run(index, QueryParser("body", index.schema).parse(f'"{phrase}"'), pairs=True).ids)

    assert found("said it") == 4 and found("the united states") == 2 and found("王毅表示") == 1
    assert found("한미 정상회의") == 1 and found("the the talks") == 1
    assert found("states united the") == 1 and found("foreign minister would travel") == 1 and found("it said it") == 1
    assert found("ministry expects") == 0 and found("said nothing said") == 0  # the words are there, not side by side


def test_a_phrase_with_slop_reads_positions(index, monkeypatch):
    told = []
    original = matching._SegmentRun._pair_candidates
    monkeypatch.setattr(matching._SegmentRun, "_pair_candidates",
                        lambda self, q, btexts: told.append(original(self, q, btexts)) or told[-1])
    q = query.Phrase("body", ["said", "it"], slop=3)
    with index.searcher() as searcher:
        expected = sorted(searcher.search(q, limit=None).docs())
        assert matching.match(searcher, q, False, SegmentTables()).ids.tolist() == expected
    assert told and all(candidates is None for candidates, _ in told)  # slop phrases keep the position check


def test_an_adjacent_phrase_takes_its_candidates_from_pairs(index, monkeypatch):
    told = []
    original = matching._SegmentRun._pair_candidates
    monkeypatch.setattr(matching._SegmentRun, "_pair_candidates",
                        lambda self, q, btexts: told.append(original(self, q, btexts)) or told[-1])
    run(index, QueryParser("body", index.schema).parse('"the united states"'), pairs=True)
    assert told and all(candidates is not None for candidates, _ in told)  # a segment without a pair: none, exactly
    assert sum(len(candidates) for candidates, _ in told) == 2  # the two documents holding both pairs
    told.clear()
    run(index, QueryParser("body", index.schema).parse('"said it"'), pairs=True)
    assert [exact for _, exact in told] == [True, True] and sum(len(c) for c, _ in told) == 4  # one pair: the answer


def test_queries_cannot_name_the_pair_fields(segmented_index):
    """The pair fields are the engine's own: "body_pairs:" in a query is read as a word, as any unknown field."""
    from searchapp.engine import queries

    opened = segmented_index.opened()
    parsed = queries.parse(opened, 'body_pairs:"said the" title_pairs:talks')
    assert parsed.leaves() and all(leaf.field() in queries.QUERY_FIELDS for leaf in parsed.leaves())

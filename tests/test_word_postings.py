"""The writer's postings from the analyzer's chain done in one loop (index/word_postings.py) are
Whoosh's own, byte for byte, for any text; and the schema an index keeps still takes that loop."""

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.fields import TEXT

from searchapp.index.schema import analyzer, schema
from searchapp.index.word_postings import WordPostings

# Letters that fold or stem, digits and dots (12.5, U.S.), Whoosh's "*", apostrophes, CJK, marks.
ALPHABET = st.sampled_from(list("aeiouyAEIsSnt ..-*'’0123é̂ÉßİﬁЖ\n\t王毅한국은ー_"))
TEXTS = st.text(alphabet=ALPHABET, max_size=80) | st.text(max_size=40)


def whooshs(field, text: str):
    """What Whoosh's own TEXT.index gives for the field's analyzer and format."""
    return list(TEXT.index(field, text))


def whooshs_positions(field, text: str):
    return [(t.pos, t.text) for t in field.analyzer(text, positions=True, mode="index") if not t.stopped]


@settings(max_examples=300)
@given(TEXTS)
def test_the_postings_of_any_text_are_whooshs(text):
    fields = schema()
    for name in ("title", "body"):
        field = fields[name]
        assert list(field.index(text)) == whooshs(field, text)
        assert field.positioned(text) == whooshs_positions(field, text)


def test_news_text_takes_the_loop_and_cjk_text_whooshs_chain():
    body = schema()["body"]
    postings = WordPostings(body.analyzer, body.format)
    english = "The ministers' talks on U.S. tariffs (12.5 pct) went on; Peña said talks*"
    assert postings.of(english) is not None
    assert postings.of("외교부장관 王毅 said") is None
    for text in (english, "외교부장관 王毅 said"):
        assert list(body.index(text)) == whooshs(body, text)


def test_the_schema_an_index_keeps_takes_the_loop():
    kept = pickle.loads(pickle.dumps(schema()))  # as Whoosh reads it back from the table of contents
    for name in ("title", "body"):
        field = kept[name]
        assert WordPostings(field.analyzer, field.format).usable
        assert list(field.index("Talks went on")) == whooshs(field, "Talks went on")


def test_another_analyzer_is_left_to_whoosh():
    field = TEXT(analyzer=analyzer() | analyzer().items[-1], phrase=True)  # stemmed twice
    assert not WordPostings(field.analyzer, field.format).usable
    field = TEXT()  # no positions: Whoosh's Frequency format
    assert not WordPostings(field.analyzer, field.format).usable


def test_words_past_the_small_int_table_are_whooshs():
    """A word at a position or character offset of 65,536 or more is pickled by pickle itself."""
    text = "said " * 66_000 + "tariffs rose. " + "x" * 70_000 + " once"
    fields = schema()
    for name in ("title", "body"):
        field = fields[name]
        assert list(field.index(text)) == whooshs(field, text)
        assert field.positioned(text)[-3:] == whooshs_positions(field, text)[-3:]

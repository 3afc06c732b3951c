"""Whether this whoosh-reloaded is one whose private structures the fast path may read; checked once a process.

postings.py and readers.py read parts of Whoosh that it does not publish (the
W3 posting blocks, length columns, the multi-term and corrector hooks, BM25F's
per-field B). They were checked against the versions in SUPPORTED, which
setup.cfg pins. At start-up the version is compared, each private name is looked
up, and a tiny in-memory index is read through postings.py and compared with
Whoosh's public readers. Any difference, and the engine takes Whoosh's public
path (engine/paths.py), with one warning in the log.
"""

from __future__ import annotations

import importlib.metadata
import logging
import threading
import uuid

import numpy as np
from whoosh import query, scoring, spelling, system
from whoosh.codec import whoosh3
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import RamStorage

from searchapp.internals import postings, readers

DISTRIBUTION = "whoosh-reloaded"
SUPPORTED = (">=2.7.5", "<2.8")  # as setup.cfg pins it
LOWEST, BELOW = (2, 7, 5), (2, 8)
LOG = logging.getLogger("searchapp.internals")
# The private names the fast path reads: (where, name).
PRIVATE_NAMES = (
    (whoosh3, "WHOOSH3_HEADER_MAGIC"),
    (whoosh3, "LENGTHS_COLUMN"),
    (whoosh3, "_lenfield"),
    (system, "_INT_SIZE"),
    (whoosh3.W3TermsReader, "matcher"),
    (whoosh3.W3PerDocReader, "_cached_reader"),
    (query.Wildcard, "_btexts"),
    (spelling.ListCorrector, "_suggestions"),
)
SAMPLE = [  # body, topic: enough shared words (and word pairs) for block-stored postings, one word in a single document (inline)
    ("Seoul and Beijing held security talks on Tuesday", "security"),
    ("Talks in Seoul went on; Beijing said the talks were useful", "security,trade"),
    ("Trade talks resumed in Geneva; Beijing said the talks would go on", "trade"),
    ("A quiet week", ""),
]

_verdict: bool | None = None
_lock = threading.Lock()


def internals_usable() -> bool:
    """Whether the fast path may run; the first call checks (and logs a failure once), later ones remember."""
    global _verdict
    with _lock:
        if _verdict is None:
            found = problems()
            if found:
                LOG.warning(
                    "Whoosh's internals are not as searchapp expects (%s); searching through Whoosh's public API "
                    "instead, which is slower. Supported: %s%s.", "; ".join(found), DISTRIBUTION, ",".join(SUPPORTED),
                )
            _verdict = not found
        return _verdict


def problems() -> list[str]:
    """What is not as expected: the version, a missing private name, or an answer unlike Whoosh's own."""
    found = [p for p in (version_problem(),) if p]
    found += [f"{getattr(where, '__name__', where)}.{name} is missing" for where, name in PRIVATE_NAMES
              if not hasattr(where, name)]
    if found:
        return found
    try:
        return round_trip_problems()
    except Exception as exc:  # any failure to read the sample means the layout is not the one known
        return [f"reading a sample index failed: {type(exc).__name__}: {exc}"]


def version_problem() -> str | None:
    try:
        text = importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return f"{DISTRIBUTION} is not installed as a distribution"
    numbers = tuple(int(part) for part in text.split(".")[:3] if part.isdigit())
    if not LOWEST <= numbers < BELOW:
        return f"{DISTRIBUTION} {text} is outside {','.join(SUPPORTED)}"
    return None


def sample_reader():
    """A reader over a tiny in-memory index with the field types the app uses.

    pairs holds terms without positions or weights (Whoosh's Existence format), as the
    index's word-pair fields do (index/schema.py's WordPairs).
    """
    schema = Schema(
        body=TEXT(phrase=True, chars=True, stored=True), topic=KEYWORD(commas=True, scorable=False), pairs=ID()
    )
    # Whoosh's writer keeps a scratch folder named after the index in the system's temp folder (MAIN.tmp for
    # the default name): a name of its own, so that two processes checking at once never delete each other's.
    ix = RamStorage().create_index(schema, indexname=f"searchapp-check-{uuid.uuid4().hex}")
    with ix.writer() as writer:
        for body, topic in SAMPLE:
            words = body.lower().replace(";", "").replace(",", "").split()
            writer.add_document(body=body, topic=topic, pairs=sorted({f"{a} {b}" for a, b in zip(words, words[1:])}))
    return ix.reader()


def round_trip_problems() -> list[str]:
    """The sample index read through postings.py and readers.py, compared with Whoosh's public readers."""
    reader = sample_reader()
    found = []
    for btext in reader.lexicon("body"):
        ids, weights, values = postings.read_matcher(reader.postings("body", btext))
        mine = postings.term_postings(reader, "body", btext)
        held, mine_values = postings.term_values(reader, "body", btext, np.array(ids, dtype=np.int64))
        positions = postings.position_keys(held, mine_values, reader.schema["body"].format).tolist()
        fmt = reader.schema["body"].format
        expected = [d << 32 | p for d, v in zip(ids, values) for p in fmt.decode_positions(v)]
        if mine.ids.tolist() != ids or mine.weights.tolist() != weights or mine_values != values or positions != expected:
            found.append(f"the postings of {btext!r} differ from Whoosh's")
    for btext in reader.lexicon("pairs"):
        ids, weights, _ = postings.read_matcher(reader.postings("pairs", btext))
        mine = postings.term_postings(reader, "pairs", btext)
        if mine.ids.tolist() != ids or mine.weights.tolist() != weights:
            found.append(f"the postings of the pair {btext!r} differ from Whoosh's")
    lengths = postings.field_lengths(reader, "body").tolist()
    if lengths != [reader.doc_field_length(d, "body", 0) for d in range(reader.doc_count_all())]:
        found.append("field lengths differ from Whoosh's")
    facet = postings.FacetPostings.read(reader, "topic")
    public_facet = postings.FacetPostings.read(
        reader, "topic", ids_of=lambda r, f, b: np.fromiter(r.postings(f, b).all_ids(), dtype=np.int64)
    )
    if facet.values != public_facet.values or facet.docs.tolist() != public_facet.docs.tolist():
        found.append("facet postings differ from Whoosh's")
    chosen = readers.with_words(query.Wildcard("body", "tal*"), (b"talks",))
    if readers.expanded_words(chosen, reader) != [b"talks"]:
        found.append("a multi-term query's chosen words are not read back")
    if not readers.is_plain_bm25(scoring.BM25F()):
        found.append("BM25F has per-field B values by default")
    return found

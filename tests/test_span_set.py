"""SpanSet: spans that overlap or touch become one, and its tests answer as over the plain union of spans."""

from hypothesis import given
from hypothesis import strategies as st

from searchapp.facets.text import SpanSet

SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)).map(lambda p: (p[0], p[0] + p[1])), max_size=12)


def union(spans) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


@given(SPANS, st.integers(0, 55), st.integers(1, 10))
def test_spans_added_in_any_order_are_their_union(spans, start, length):
    spanset = SpanSet(spans)
    expected = union(spans)
    assert list(zip(spanset.starts, spanset.ends)) == expected
    end = start + length
    assert spanset.covers(start, end) == any(s <= start and end <= e for s, e in expected)
    assert spanset.overlaps(start, end) == any(s < end and start < e for s, e in expected)

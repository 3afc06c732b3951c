"""Country pairs: the pairs of countries whose relations an article covers, not every pair it names.

A pair comes from a meeting whose participants are of two countries, or from one
sentence where two governments act on each other: "China warned Japan", "talks
between Seoul and Tokyo", "Beijing and Washington signed". Precision first: two
countries merely named in one sentence ("visited China and Japan") make no pair.
"""

from __future__ import annotations

import re
from typing import Iterable

from searchapp.facets.model import Facets

PAIR_SEPARATOR = "–"  # en dash: "China–United States"
MAX_GAP = 60  # characters between the two countries' names in "China warned Japan"

# A verb by which one government acts on another, between the two names.
_ACTS_ON = re.compile(
    r"\b(?:warn|urg|accus|criticiz|criticis|condemn|sanction|threaten|press|rebuk|slam|summon|expell?|"
    r"protest|invad|attack|strik|struck|recogni[sz]|back|support|host|met|meet|hold talks with|held talks with|"
    r"sign(?:ed|s)? (?:a|an|the)?\s*\w* ?(?:deal|pact|agreement|treaty) with|call(?:ed|s)? on|demand|"
    r"retaliat|impos\w* (?:sanctions|tariffs) on|negotiat\w* with|clash\w* with|agree[ds]? with)\w*\b",
    re.IGNORECASE,
)
# Words that report what someone said or cover two countries together rather than one acting on the other.
_NOT_ACTING = re.compile(r"\b(?:said|says|say|told|and|or|as well as|both|including|visit\w*)\b|[;:()\"“”]", re.IGNORECASE)
# "talks between A and B", "relations between A and B", "A-B summit".
_RELATION_NOUN = re.compile(
    r"\b(?:talks|relations|ties|tensions?|summit|dialogue|negotiations|agreement|deal|treaty|dispute|meeting|"
    r"alliance|rift|rapprochement|trade war|spat|standoff)\s+between\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "A and B signed ...": two governments as one subject of a joint act.
_JOINT_ACT = re.compile(
    r"^\s*(?:have |had |on \w+ )?(?:signed|agreed|reached|held talks|pledged|vowed|normali[sz]ed|"
    r"established|restored|resumed)\b",
    re.IGNORECASE,
)


def pair_value(a: str, b: str) -> str:
    """One spelling of a pair: alphabetical, joined by an en dash."""
    return PAIR_SEPARATOR.join(sorted((a, b)))


def country_pairs(text: str, facets: Facets, bounds: Iterable[tuple[int, int]], meeting_countries=()) -> list[str]:
    """The article's pairs, sorted: from meetings (each a set of participants' countries) and sentences.

    bounds: the (start, end) of each sentence of text."""
    pairs = set()
    for countries in meeting_countries:
        countries = sorted(set(countries))
        pairs.update(pair_value(a, b) for i, a in enumerate(countries) for b in countries[i + 1 :])
    mentions = sorted((s.start, s.end, fv.value) for fv in facets.countries for s in fv.evidence)
    for start, end in bounds:
        inside = [m for m in mentions if start <= m[0] and m[1] <= end]
        for (a_start, a_end, a), (b_start, b_end, b) in zip(inside, inside[1:]):  # neighbours only
            if a != b and _related(text, (a_start, a_end), (b_start, b_end), (start, end)):
                pairs.add(pair_value(a, b))
    return sorted(pairs)


def _related(text: str, a: tuple[int, int], b: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """The two names a and b (neighbours in one sentence) are two governments acting on each other."""
    gap = text[a[1] : b[0]]
    if len(gap) > MAX_GAP:
        return False
    if gap.strip().lower() == "and":
        return bool(_RELATION_NOUN.search(text[sentence[0] : a[0]]) or _JOINT_ACT.match(text[b[1] : sentence[1]]))
    return bool(_ACTS_ON.search(gap)) and not _NOT_ACTING.search(gap)

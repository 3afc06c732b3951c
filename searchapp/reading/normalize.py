"""The comparable form of a line and of an outlet's name."""

from __future__ import annotations

import re
import unicodedata

_TRIM = " \t\"'“”‘’«»()[]{}<>.,;:!?*·•|/\\-–—_=+~#…"


def normalize_line(line: str) -> str:
    """The comparable form of a line: NFKC, lower case, one space, no punctuation around it."""
    text = unicodedata.normalize("NFKC", line).casefold()
    return " ".join(text.split()).strip(_TRIM)


def outlet_key(name: str) -> str:
    key = normalize_line(name)
    key = re.sub(r"^the\s+", "", key)
    return " ".join(re.sub(r"[^\w&]+", " ", key).split())



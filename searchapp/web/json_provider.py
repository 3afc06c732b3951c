"""The app's JSON answers written by orjson, byte for byte what Flask's own provider writes.

Encoding a broad search's answer (thousands of facet values) took the standard library
milliseconds; orjson takes a tenth of that. Flask's provider sorts keys, escapes every
character past "~" as \\uXXXX and writes small floats as 1e-05; orjson does none of that
by itself, so the characters past "~" are escaped afterwards with the standard library's
own escaper, and anything orjson would write differently (a float under 1e-4, a value it
refuses) goes to the standard encoder instead. (The text is searched with bytes methods,
not regular expressions: those took a millisecond a broad answer.)
"""

from __future__ import annotations

import codecs
import json
import re

import orjson
from flask.json.provider import DefaultJSONProvider

COMPACT = (",", ":")
# Dates, datetimes, dataclasses and subclasses of str, int, dict and list go to Flask's
# default() as before: orjson would write them its own way (a date in ISO form, a
# MultiDict's every value where the standard encoder takes its items()). Markup comes
# back from default() as its text; what default() refuses goes to the standard encoder.
OPTIONS = (
    orjson.OPT_SORT_KEYS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)
ESCAPE_PAST_ASCII = "searchapp-json-escape"


class OrjsonProvider(DefaultJSONProvider):
    """Flask's DefaultJSONProvider, with the compact dumps its responses use done by orjson.

    Other calls (templates' tojson, debug mode's indented answers) keep the standard encoder.
    """

    def dumps(self, obj, **kwargs) -> str:
        data = self._compact(obj) if kwargs == {"separators": COMPACT} else None
        return super().dumps(obj, **kwargs) if data is None else data.decode("ascii")

    def response(self, *args, **kwargs):
        """Flask's JSON response, its body kept as the bytes orjson wrote: a broad answer is
        a hundred kilobytes, once decoded to text only for the response to encode it again."""
        obj = self._prepare_response_obj(args, kwargs)
        indented = (self.compact is None and self._app.debug) or self.compact is False
        data = None if indented else self._compact(obj, orjson.OPT_APPEND_NEWLINE)  # no copy to add it
        if data is None:
            return super().response(obj)
        # direct_passthrough: the server is handed the body as the list it is, not an iterator over it
        # (granian writes a list at once; an iterator it steps through, 0.03 ms more an answer). Nothing
        # here registers call_on_close, which only the iterator would have called.
        return self._app.response_class(data, mimetype=self.mimetype, direct_passthrough=True)

    def _compact(self, obj, option: int = 0) -> bytes | None:
        """obj as the standard encoder writes it compactly (ASCII bytes), or None where orjson
        would write it differently, for the standard encoder to write. option: orjson's, added."""
        if not (self.sort_keys and self.ensure_ascii):
            return None
        try:
            data = orjson.dumps(obj, default=self.default, option=OPTIONS | option)
        except TypeError:  # a big int, a subclass, a non-text key, a lone surrogate, deep nesting: the standard encoder's
            return None
        if has_small_float(data):
            return None
        if b"\x7f" in data:  # ASCII, but escaped by the standard encoder; orjson leaves it raw, in strings only
            data = data.replace(b"\x7f", b"\\u007f")
        if data.isascii():
            return data
        return data.decode().encode("ascii", ESCAPE_PAST_ASCII)


def has_small_float(data: bytes) -> bool:
    """Whether orjson may have written a float under 1e-4, which it writes as 0.000015 or 1.5e-7
    where the standard encoder writes 1.5e-05 and 1.5e-07. Text that only looks so ("0.00001",
    "1e-5" inside a string) merely takes the slower road.

    The regular expression looks for "e-" and one digit, which text seldom holds; only those
    are looked at in Python. (Visiting every "e-" of the text ("re-elected": a score of them an
    answer) in a loop of find() took a third more.)"""
    if b"0.0000" in data:
        return True
    for found in ONE_DIGIT_EXPONENT.finditer(data):
        at = found.start()
        if at and data[at - 1] in DIGITS:
            return True
    return False


ONE_DIGIT_EXPONENT = re.compile(rb"e-[0-9](?![0-9])")  # not a lookbehind: a leading literal is searched for fast
DIGITS = frozenset(b"0123456789")


def escape_past_ascii(error: UnicodeEncodeError) -> tuple[str, int]:
    """A run of characters past ASCII as the standard encoder writes them: \\u00e9, surrogate pairs past U+FFFF."""
    run = error.object[error.start : error.end]
    return json.encoder.encode_basestring_ascii(run)[1:-1], error.end


codecs.register_error(ESCAPE_PAST_ASCII, escape_past_ascii)

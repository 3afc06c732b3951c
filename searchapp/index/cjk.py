"""Chinese, Japanese and Korean words for the index: Han and Kana as overlapping bigrams, Korean without particles.

These scripts write no spaces between words (Chinese, Japanese) or glue particles to
nouns (Korean), so Whoosh's RegexTokenizer makes 外交部长王毅表示 one word and 王毅 is
never a term of its own. CJKFilter sits right after the tokenizer and splits such words:

- a run of Han and Kana becomes its overlapping character pairs (岸田文雄 -> 岸田 田文 文雄),
  the usual bigram indexing for text without a dictionary; a lone character stays itself;
- a run of Hangul loses the particles at its end (윤석열은 -> 윤석열, 정상회의에서는 -> 정상회의
  -> 정상회), as long as two syllables are left;
- Latin text and digits pass unchanged, so the filters after it (lowercase, accent folding,
  stemming) see exactly what they saw before.

Each piece gets its own position and its own character offsets, so phrases, snippets and
highlights work as for English. Queries go through the same analyzer, so 윤석열은 finds 윤석열.
"""

from __future__ import annotations

import re

from whoosh.analysis import Filter

# Han ideographs (with 々 〆 〇 and the extension blocks), Hiragana, Katakana (with ー) and half-width Katakana.
HAN_KANA = "\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff"
CJK = re.compile(f"[{HAN_KANA}{HANGUL}]")
RUNS = re.compile(f"(?P<han_kana>[{HAN_KANA}]+)|(?P<hangul>[{HANGUL}]+)|(?P<other>[^{HAN_KANA}{HANGUL}]+)")

# Korean particles (josa) that end a noun; longest first, so 으로 goes before 로 would.
PARTICLES = (
    "에서", "에게", "께서", "한테", "으로", "부터", "까지", "보다", "처럼",
    "은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로", "만",
)
MIN_STEM = 2  # syllables a Korean word keeps: 한국의 -> 한국, but 국가 stays (가 is part of it)


def korean_stem(word: str) -> str:
    """The word without its trailing particles, stripped one at a time while two syllables are left.

    Stripping until no particle is left makes a word and the word with a particle agree:
    한반도 and 한반도는 both become 한반, 정상회의 and 정상회의에서 both 정상회.
    """
    while True:
        for particle in PARTICLES:
            if word.endswith(particle) and len(word) - len(particle) >= MIN_STEM:
                word = word[: -len(particle)]
                break
        else:
            return word


def _bigrams(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    if end - start == 1:
        return [(text[start:end], start, end)]
    return [(text[i : i + 2], i, i + 2) for i in range(start, end - 1)]


def _trimmed(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """A Latin piece cut from a mixed word, without the dots that joined it to the CJK ("王毅.com")."""
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip("."))
    piece = piece.strip(".")
    return [(piece, start + lead, start + lead + len(piece))] if piece else []


def cjk_pieces(text: str) -> list[tuple[str, int, int]]:
    """The index words of one tokenizer word, with their offsets inside it: (text, start, end)."""
    pieces: list[tuple[str, int, int]] = []
    for run in RUNS.finditer(text):
        start, end = run.span()
        if run.lastgroup == "han_kana":
            pieces.extend(_bigrams(text, start, end))
        elif run.lastgroup == "hangul":
            stem = korean_stem(run.group())
            pieces.append((stem, start, start + len(stem)))
        else:
            pieces.extend(_trimmed(text, start, end))
    return pieces


class CJKFilter(Filter):
    """Splits the tokenizer's words that hold Chinese, Japanese or Korean into searchable words.

    Put it right after the tokenizer (it reads offsets off the word as written):
    RegexTokenizer() | CJKFilter() | LowercaseFilter() | ... Later words' positions move
    up by the pieces added, so phrases stay consecutive.
    """

    def __call__(self, tokens):
        shift = 0  # positions added so far by splitting
        for t in tokens:
            text = t.text
            if text.isascii() or not CJK.search(text):
                if shift and t.positions:
                    t.pos += shift
                yield t
                continue
            pieces = cjk_pieces(text)
            pos = t.pos + shift if t.positions else 0
            start = t.startchar if t.chars else 0
            # Offsets map into the word only while it is still as written (this filter comes first).
            exact = t.chars and t.endchar - t.startchar == len(text)
            for i, (piece, s, e) in enumerate(pieces):
                t.text = piece
                if t.positions:
                    t.pos = pos + i
                if exact:
                    t.startchar, t.endchar = start + s, start + e
                yield t
            shift += len(pieces) - 1

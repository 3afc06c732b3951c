"""Country names in scripts whose words change their form: Arabic, Hebrew and Cyrillic.

English and the other Latin-script languages name a country with a fixed word, matched whole. Arabic and
Hebrew write particles and the article onto the word ("والصين": and China; "בישראל": in Israel) and give an
adjective endings ("الإيرانية": the Iranian, feminine); Russian and Ukrainian decline a name ("России",
"Україною") and make adjectives of it in lower case ("российский"). countries.json lists each country's
stems under "inflected"; each script has its own pattern, tried only on the runs of text in that script.
"""

from __future__ import annotations

import re

from searchapp.knowledge.loader import INFLECTING_SCRIPTS

ARABIC, HEBREW, CYRILLIC = (INFLECTING_SCRIPTS[script] for script in ("arabic", "hebrew", "cyrillic"))

# Arabic: "و"/"ف" (and, so), then "ب"/"ك" (in, like) before the article, or "لل" (to the), or a lone "ب"/"ك"/"ل"
ARABIC_PREFIX = "(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"
ARABIC_ARTICLE = "(?:[وف]?(?:[بك]?ال|لل))"  # a stem written with its article keeps one, perhaps contracted
ARABIC_ADJECTIVE_ENDING = "(?:ة|ين|ون|تين|تان|ان)?"  # "إيراني" -> "إيرانية", "إيرانيين", "إيرانيون"
ALIFS = "[اأإآ]"  # alif is written with or without its hamza ("امريكي", "أمريكي")
# Hebrew: up to three one-letter particles ("ו", "ש", "ה", "ב", "ל", "מ", "כ": and, that, the, in, to, from, as)
HEBREW_PREFIX = "[ושהבלמכ]{0,3}"
HEBREW_ADJECTIVE_ENDING = "(?:ת|ם|ים|ות|יות)?"  # "ישראלי" -> "ישראלית", "ישראלים", "ישראליים", "ישראליות"
CYRILLIC_ENDING = f"[{CYRILLIC}'’]{{0,7}}"  # a case ending, or an adjective's ("росси" -> "российского")


class InflectedCountries:
    """The stems of every country, a pattern a script; finditer gives (start, end, country)."""

    def __init__(self, countries: list[dict]):
        stems: dict[str, list[tuple[str, str]]] = {"arabic": [], "hebrew": [], "cyrillic": []}
        for entry in countries:
            for stem in entry.get("inflected", []):
                stems[_script(stem)].append((stem, entry["name"]))
        self.scripts = []
        for script, letters, form in (
            ("arabic", ARABIC, _arabic_form), ("hebrew", HEBREW, _hebrew_form), ("cyrillic", CYRILLIC, _cyrillic_form),
        ):
            found = sorted(stems[script], key=lambda item: -len(item[0]))  # the longest stem first
            if not found:
                continue
            body = "|".join(f"(?:{form(stem)})" for stem, _ in found)
            pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)")  # "،", the Arabic comma, ends a word as "," does
            # a run of the script's letters, with the spaces inside a stem of two words ("كوريا الشمالية") and the
            # quotes inside a Hebrew acronym ("ארה״ב")
            run = re.compile(rf"[{letters}](?:[{letters}\s\"'״׳]*[{letters}])?")
            self.scripts.append((run, pattern, [name for _, name in found]))

    def finditer(self, text: str):
        if text.isascii():
            return
        for run, pattern, names in self.scripts:
            for stretch in run.finditer(text):
                for m in pattern.finditer(text, stretch.start(), stretch.end()):
                    yield m.start(), m.end(), names[m.lastindex - 1]


def _script(stem: str) -> str:
    if re.search(f"[{ARABIC}]", stem):
        return "arabic"
    if re.search(f"[{HEBREW}]", stem):
        return "hebrew"
    return "cyrillic"  # the knowledge loader let in no stem of another script


def _arabic_form(stem: str) -> str:
    """The stem (one capturing group) between its particles and its adjective's endings."""
    core = ALIFS.join(re.escape(part) for part in re.split(ALIFS, stem.removeprefix("ال")))
    ending = ARABIC_ADJECTIVE_ENDING if stem.endswith("ي") else ""
    prefix = ARABIC_ARTICLE if stem.startswith("ال") else ARABIC_PREFIX
    return f"{prefix}({core}){ending}"


def _hebrew_form(stem: str) -> str:
    ending = HEBREW_ADJECTIVE_ENDING if stem.endswith("י") else ""
    return f"{HEBREW_PREFIX}({re.escape(stem)}){ending}"


def _cyrillic_form(stem: str) -> str:
    """A lower-case stem in any case ("Китай", "китайский"); a capitalized one as written ("Грузия", not
    "грузить"); an acronym whole ("США", "РФ")."""
    if stem.isupper():
        return f"({re.escape(stem)})"
    written = re.escape(stem) if stem[0].isupper() else f"(?i:{re.escape(stem)})"
    return f"({written}){CYRILLIC_ENDING}"

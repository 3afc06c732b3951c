"""Front matter: the YAML (`---`), TOML (`+++`) or JSON block static-site and scraper files open with.

python-frontmatter reads the YAML; TOML is read with the standard library's tomllib, JSON with json:
Hugo's JSON front matter is an object at the file's very start, gray-matter's (Eleventy and other
JavaScript site builders) a block opened by `---json`.
The keys real files use differ (Jekyll's post_title, Hugo's publishDate, scrapers'
canonical_url, publishedDateTime): each field takes the first key of its list that the block
has, case, "_" and "-" ignored as in JSON records.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib

import frontmatter
import yaml

from searchapp.reading.lines import is_long, is_placeholder
from searchapp.reading.record_fields import blocks_text
from searchapp.reading.sources import WEB_ADDRESS

FIELD_KEYS = {
    "title": ("title", "post_title", "headline", "name", "titulo", "título", "titre", "titel", "titolo"),
    # a bot's repost keeps the story's own date apart from its post's: "original_published: 2023-08-24"
    "date": ("original_published", "originally_published", "original_date", "original_pub_date", "date", "post_date",
             "published", "published_at", "publishdate", "pubdate", "date_published", "publish_date", "published_date",
             "published_date_time", "created", "created_at", "fecha", "fecha_publicacion", "datum"),
    # "provider: {name: ..., domain: ...}": a news aggregator's post names the outlet it links to
    "source": ("source", "publisher", "site_name", "sitename", "outlet", "publication", "site", "provider",
               "provider_name", "source_name", "fuente", "fonte", "medio", "quelle"),
    "url": ("url", "canonical_url", "canonical", "permalink", "link", "source_url", "original_url", "web_url",
            "from"),  # a mirror's post of the page it copied: "from: https://www.rfa.org/..."
    "author": ("author", "authors", "byline", "autor", "auteur", "autore"),
    "category": ("categories", "category"),  # an aggregator's blog files stories under their outlet: "fox-news"
    # the story's picture, often on its outlet's own image host ("https://i.dailymail.co.uk/...")
    "image": ("image", "image_url", "featured_image", "cover_image", "thumbnail", "og_image"),
    # a post that links to a story keeps only its summary: the text when the post has none of its own
    "summary": ("excerpt", "summary", "description", "abstract", "teaser", "standfirst", "short_description",
                "resumen", "resumo", "résumé", "chapo", "bajada", "zusammenfassung"),
    # a scraper that keeps the whole story in the block, nothing after it: "contenido: >-" then the paragraphs
    "text": ("content", "body", "text", "article_text", "article_body", "contenido", "conteudo", "contenu", "inhalt",
             "texto", "testo"),
}
TOML_BLOCK = re.compile(r"\A\ufeff?\+\+\+[ \t]*\r?\n(?P<meta>.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)", re.S)
YAML_START = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
# "# dp_241215_001_pol_georgia_crisis.md" over the block: an export that heads each note with its file's name
FILE_NAME_OVER = re.compile(r"\A\ufeff?(?:#{1,6}[ \t]+)?[\w.-]+\.(?:md|markdown|mdx|txt)[ \t]*\r?\n(?:[ \t]*\r?\n)*(?=---[ \t]*\r?\n)")
JSON_BLOCK = re.compile(r"\A\ufeff?---json[ \t]*\r?\n(?P<meta>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
# A plain "key: value" line at the block's left margin: what a broken block still says plainly.
PLAIN_LINE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]+(?P<value>[^\s\[{&*!|>%@`#].*?)[ \t]*")
SLUG = re.compile(r"[a-z0-9]+(?:[_-][a-z0-9]+)+")
FLAG_WORDS = frozenset(("true", "false", "yes", "no"))
# A digest page kept as data: its stories listed in the front matter ("articles:" then "- title: ...")
LIST_KEYS = ("articles", "items", "posts", "stories", "entries", "links", "news", "headlines")
LIST_KEY_LINE = re.compile(rf"(?m)^(?:{'|'.join(LIST_KEYS)})[ \t]*:[ \t]*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str, str | None]:
    """(fields, text after the block, problem): fields as strings under our names; problem says why a block
    that is there could not be read (its text is then dropped, not indexed as prose)."""
    text = FILE_NAME_OVER.sub("", text, count=1)
    toml = TOML_BLOCK.match(text)
    if toml:
        try:
            return _fields(tomllib.loads(toml["meta"])), text[toml.end():], None
        except tomllib.TOMLDecodeError as exc:
            return {}, text[toml.end():], f"TOML front matter cannot be read ({exc}); ignored"
    block = JSON_BLOCK.match(text)
    if block:
        try:
            meta = json.loads(block["meta"])
        except json.JSONDecodeError as exc:
            return {}, text[block.end():], f"JSON front matter cannot be read ({exc.msg}, line {exc.lineno}); ignored"
        return (_fields(meta) if isinstance(meta, dict) else {}), text[block.end():], None
    if text.lstrip("\ufeff").startswith("{"):
        return _hugo_json(text.lstrip("\ufeff"))
    if not YAML_START.match(text):
        return {}, text, None
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError) as exc:
        problem = " ".join(str(exc).split())[:120]
        block, after = _yaml_block(text)
        fields = _fields(_plain_lines(block))
        if fields:  # a scraper's block broken by one odd value (a tab-indented author) keeps its plain lines
            return fields, after, f"YAML front matter cannot be read ({problem}); its plain 'key: value' lines were read"
        return {}, after, f"YAML front matter cannot be read ({problem}); ignored"
    if not post.metadata and post.content == text:
        return {}, text, None  # a lone "---" rule, not a block
    return _fields(post.metadata), post.content, None


def listed_stories(text: str) -> tuple[list[dict], dict] | None:
    """The stories a YAML block lists under one of LIST_KEYS, two or more, each with a title and an address
    (a Jekyll digest page: "articles: - title: ... url: ... source: ..."), as records a dump's reader reads, and
    the block itself (its date stamps them as a dump's does); None for any other file, or when the text under
    the block holds prose of its own."""
    if not YAML_START.match(text) or not LIST_KEY_LINE.search(_yaml_block(text)[0]):
        return None
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError):
        return None
    if any(is_long(line) for line in post.content.splitlines()):
        return None
    for key, value in post.metadata.items():
        if _folded(str(key)) in LIST_KEYS and isinstance(value, list) and len(value) >= 2 and all(
            isinstance(item, dict) and (fields := _fields(item)).get("title") and fields.get("url") for item in value
        ):
            return json.loads(json.dumps([value, post.metadata], default=str))  # YAML's dates as text
    return None


def _hugo_json(text: str) -> tuple[dict[str, str], str, str | None]:
    """An object at the start, then the text on the lines after it; anything else is no front matter."""
    try:
        meta, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError:
        return {}, text, None
    rest = text[end:]
    if not isinstance(meta, dict) or not (rest.startswith(("\n", "\r\n")) or not rest.strip()):
        return {}, text, None
    return _fields(meta), rest.lstrip("\r\n"), None


def _yaml_block(text: str) -> tuple[str, str]:
    """(the block's lines, the text after it); no closing line: no block, the text whole."""
    lines = text.splitlines(keepends=True)
    for n, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return "".join(lines[1:n]), "".join(lines[n + 1:])
    return "", text


def _plain_lines(block: str) -> dict[str, str]:
    """The block's plain one-line "key: value" pairs, quotes off; flow values, anchors and the like left out."""
    found: dict[str, str] = {}
    for line in block.splitlines():
        m = PLAIN_LINE.fullmatch(line)
        if not m:
            continue
        value = m["value"]
        if value[0] in "'\"":
            if len(value) < 2 or value[-1] != value[0]:
                continue  # a quote left open
            value = value[1:-1]
        found.setdefault(m[1], value)
    return found


def _fields(metadata: dict) -> dict[str, str]:
    """Our field names, each from the first of its keys the block has, as text; "{field}_key" says which key."""
    folded = {_folded(str(key)): (str(key), value) for key, value in metadata.items()}
    found: dict[str, str] = {}
    for field, keys in FIELD_KEYS.items():
        for key in keys:
            written, value = folded.get(_folded(key), (key, None))
            text = _story_text(value) if field == "text" else _as_text(value)
            if field == "date" and text and text.casefold() in FLAG_WORDS:
                continue  # Jekyll's "published: 'true'" says whether to publish, not when
            if field == "title" and text and not any(ch.isalnum() for ch in text):
                continue  # "title: ---": a generator's slip, no headline
            if key == "from" and text and not WEB_ADDRESS.match(text):
                continue  # "from: Reuters": a name, not the copied page's address
            if text and is_placeholder(text):
                continue  # "source_name: Unknown Source": the generator had no value to give
            later = keys[keys.index(key) + 1:]
            if field == "source" and text and SLUG.fullmatch(text) and any(_folded(k) in folded for k in later):
                continue  # "source: federal_register" is the generator's id for what "source_name" names
            if text:
                found[field] = text
                found[f"{field}_key"] = written
                break
    return found


def _folded(key: str) -> str:
    """"publishedDateTime", "published_date_time" and "Published-Date-Time" are one key."""
    return re.sub(r"[_\-\s]", "", key.casefold())


def _story_text(value: object) -> str | None:
    """The story kept in the block: a text, its paragraphs kept, or a list of paragraphs or of an editor's blocks
    (Statamic's Bard: {"type": "paragraph", "content": [{"type": "text", "text": ...}]})."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n\n".join(item for item in value if item.strip()) or None
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return blocks_text(value)
    return None


def _as_text(value: object) -> str | None:
    """A front matter value as text: dates in ISO form, a list's first item, a mapping's name."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return _as_text(value[0]) if value else None
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title"))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None

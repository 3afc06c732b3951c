"""The one knowledge loader: a newsroom's files merged into the bundled ones, each file by its own
rule, checked when loaded, and each stage's patterns compiled once per Knowledge."""

import dataclasses
import json

import pytest

from searchapp.knowledge import KNOWLEDGE_DIR, KNOWLEDGE_FILES, Knowledge, KnowledgeError, bundled_knowledge


def bundled(name: str) -> dict:
    return json.loads((KNOWLEDGE_DIR / name).read_text(encoding="utf-8"))


def newsroom(tmp_path, files: dict[str, object]):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return folder


def test_without_a_newsroom_folder_every_file_is_the_bundled_one():
    knowledge = Knowledge.load()
    assert knowledge.folder is None
    for name in KNOWLEDGE_FILES:
        assert getattr(knowledge, name.removesuffix(".json")) == bundled(name)


def test_newsroom_outlets_replace_by_name_and_are_added_and_their_lists_grow(tmp_path):
    extra = {
        "outlets": [{"name": "Reuters", "aliases": ["R"]}, {"name": "Harbour Light News", "domains": ["hln.example"]}],
        "brand_furniture": ["^get hln's mail$"],
        "credit_prefixes": ["as told to"],
    }
    knowledge = Knowledge.load(newsroom(tmp_path, {"outlets.json": extra}))
    base = bundled("outlets.json")
    outlets = {o["name"]: o for o in knowledge.outlets["outlets"]}
    assert outlets["Reuters"] == {"aliases": ["R"], "domains": [], "name": "Reuters"}
    assert outlets["Harbour Light News"] == {"aliases": [], "domains": ["hln.example"], "name": "Harbour Light News"}
    assert len(outlets) == len(base["outlets"]) + 1
    assert knowledge.outlets["brand_furniture"] == [*base["brand_furniture"], "^get hln's mail$"]
    assert knowledge.outlets["credit_prefixes"] == [*base["credit_prefixes"], "as told to"]


def test_newsroom_boilerplate_classes_and_lists_grow_and_numbers_are_replaced(tmp_path):
    extra = {"patterns": {"store": ["visit our store"], "list_headings": ["more from us"]},
             "section_words": ["harbour"], "max_words": 12, "_about": "ignored"}
    knowledge = Knowledge.load(newsroom(tmp_path, {"boilerplate.json": extra}))
    base = bundled("boilerplate.json")
    assert knowledge.boilerplate == {
        **base,
        "patterns": {**base["patterns"], "store": ["visit our store"],
                     "list_headings": [*base["patterns"]["list_headings"], "more from us"]},
        "section_words": [*base["section_words"], "harbour"],
        "max_words": 12,
    }
    assert knowledge.outlets == bundled("outlets.json")  # a file the newsroom does not have stays bundled


@pytest.mark.parametrize(
    "files, message",
    [
        ({"outlets.json": {"outlets": [{"aliases": ["X"]}]}}, "'outlets' must be a list of entries, each with a \"name\""),
        ({"boilerplate.json": "{not json"}, r"boilerplate\.json is not valid JSON"),
        ({"outlets.json": "[]"}, r"outlets\.json must hold a JSON object"),
        ({"topics.json": {"topics": {"space": {"lunar": "high"}}}}, "numeric weights"),
        ({"topics.json": {"between_governments": "visits"}}, "'between_governments' must be a list of topic ids"),
    ],
)
def test_a_bad_newsroom_file_is_a_clear_error_when_loaded(tmp_path, files, message):
    with pytest.raises(KnowledgeError, match=message):
        Knowledge.load(newsroom(tmp_path, files))


def test_each_stage_compiles_once_per_knowledge():
    built = []

    def build(knowledge):
        built.append(knowledge)
        return object()

    knowledge = Knowledge.load()
    assert knowledge.compiled(build) is knowledge.compiled(build)
    changed = dataclasses.replace(knowledge, topics={})
    assert changed.compiled(build) is not knowledge.compiled(build)  # a changed copy compiles its own
    assert built == [knowledge, changed]


def test_the_bundled_knowledge_is_loaded_once():
    assert bundled_knowledge() is bundled_knowledge()
    assert bundled_knowledge().folder is None

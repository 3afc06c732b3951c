"""Reindexing: incremental adds, updates and removals, bad files, the lock, and surviving kill -9."""

import dataclasses
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from searchapp.reading import Skip, archive_files, find_recurring_lines
from searchapp.index import (
    META_FILE,
    ArchiveMissing,
    IndexBusy,
    ReindexReport,
    indexed_files,
    open_index,
    reindex,
)
from searchapp.engine import SearchRequest, SearchService
from searchapp.knowledge import Knowledge

REPO = Path(__file__).parents[1]


def article(title: str, body: str, date: str = "2021-04-03") -> str:
    return f"Title: {title}\nDate: {date}\nSource: Test Wire\n\n{body}\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def doc_ids(index_dir: Path) -> list[str]:
    with open_index(index_dir).searcher() as s:
        return sorted(f["id"] for f in s.all_stored_fields())


def total(index_dir: Path, q: str) -> int:
    service = SearchService(index_dir)
    try:
        return service.search(SearchRequest(q=q)).total
    finally:
        service.close()


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "articles"
    write(folder, "a.txt", article("Seoul and Beijing talk", "Ministers from Seoul and Beijing held talks on Saturday."))
    write(folder, "sub/b.txt", article("Manila protests", "The Philippines protested reclamation near disputed reefs."))
    write(folder, "c.txt", article("Tokyo pledges vaccines", "Japan pledged vaccine doses to its neighbours on Monday."))
    return folder


def test_first_build_adds_every_file(archive, tmp_path, knowledge):
    calls = []
    report = reindex(archive, tmp_path / "index", knowledge, progress=lambda done, n: calls.append((done, n)))
    assert report == ReindexReport(added=["a.txt", "c.txt", "sub/b.txt"], full=True, articles=3)
    assert doc_ids(tmp_path / "index") == ["a.txt", "c.txt", "sub/b.txt"]
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_nothing_changed_means_nothing_done(archive, tmp_path, knowledge):
    reindex(archive, tmp_path / "index", knowledge)
    os.utime(archive / "a.txt")  # touched, same content
    assert reindex(archive, tmp_path / "index", knowledge) == ReindexReport(unchanged=3, articles=3)


def test_incremental_adds_updates_and_removes(archive, tmp_path, knowledge):
    index_dir = tmp_path / "index"
    reindex(archive, index_dir, knowledge)
    write(archive, "d.txt", article("Hanoi hosts envoys", "Envoys met in Hanoi to discuss fisheries."))
    write(archive, "a.txt", article("Seoul and Beijing talk", "Ministers from Seoul and Beijing discussed THAAD."))
    (archive / "sub" / "b.txt").unlink()
    report = reindex(archive, index_dir, knowledge)
    assert report == ReindexReport(added=["d.txt"], updated=["a.txt"], removed=["sub/b.txt"], unchanged=1, articles=3)
    assert doc_ids(index_dir) == ["a.txt", "c.txt", "d.txt"]
    assert (total(index_dir, "THAAD"), total(index_dir, "saturday"), total(index_dir, "reclamation")) == (1, 0, 0)
    with open_index(index_dir).reader() as reader:
        assert sorted(indexed_files(reader)) == ["a.txt", "c.txt", "d.txt"]


def test_bad_files_are_skipped_with_their_reason_and_the_rest_indexed(archive, tmp_path, knowledge):
    (archive / "empty.txt").write_bytes(b"")
    (archive / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    write(archive, "wire.jsonl", '{"title": "Good", "body": "A good record about Seoul."}\n{"title": broken\n')
    report = reindex(archive, tmp_path / "index", knowledge)
    assert report.added == ["a.txt", "c.txt", "sub/b.txt", "wire.jsonl"]
    assert [s.path for s in report.skipped] == ["binary.txt", "empty.txt", "wire.jsonl#2"]
    assert all(s.reason for s in report.skipped)
    assert doc_ids(tmp_path / "index") == ["a.txt", "c.txt", "sub/b.txt", "wire.jsonl#1"]


def test_a_file_that_turns_bad_leaves_the_index(archive, tmp_path, knowledge):
    reindex(archive, tmp_path / "index", knowledge)
    (archive / "c.txt").write_bytes(b"")
    report = reindex(archive, tmp_path / "index", knowledge)
    assert (report.removed, report.skipped) == (["c.txt"], [Skip("c.txt", "empty file")])
    assert doc_ids(tmp_path / "index") == ["a.txt", "sub/b.txt"]


def test_full_rebuild_keeps_open_readers_working(archive, tmp_path, knowledge):
    index_dir = tmp_path / "index"
    reindex(archive, index_dir, knowledge)
    (archive / "c.txt").unlink()
    reader = open_index(index_dir).searcher()
    report = reindex(archive, index_dir, knowledge, full=True)
    assert report == ReindexReport(added=["a.txt", "sub/b.txt"], removed=["c.txt"], full=True, articles=2)
    assert reader.doc_count() == 3 and reader.document(id="c.txt")["title"] == "Tokyo pledges vaccines"
    reader.close()
    assert doc_ids(index_dir) == ["a.txt", "sub/b.txt"]


def test_recurring_lines_are_kept_for_incremental_runs(tmp_path, knowledge):
    archive = tmp_path / "articles"
    for n in range(4):
        write(archive, f"{n}.txt", article(f"Story {n}", f"Envoys met in city number {n} for talks.\n\nShare this story now"))
    reindex(archive, tmp_path / "index", knowledge)
    stored = json.loads((tmp_path / "index" / META_FILE).read_text())["boilerplate"]
    assert stored == sorted(find_recurring_lines(archive_files(archive), archive)) and stored
    write(archive, "new.txt", article("Story new", "Envoys met in a new city for talks.\n\nShare this story now"))
    reindex(archive, tmp_path / "index", knowledge)
    assert total(tmp_path / "index", '"share this story"') == 0
    assert total(tmp_path / "index", "envoys") == 5


@pytest.mark.parametrize("make", [lambda p: None, lambda p: p.write_text("not a folder")])
def test_a_missing_archive_is_a_clear_error_and_changes_nothing(tmp_path, knowledge, make):
    make(tmp_path / "nowhere")
    with pytest.raises(ArchiveMissing, match="nowhere"):
        reindex(tmp_path / "nowhere", tmp_path / "index", knowledge)
    assert not (tmp_path / "index").exists()


def test_a_held_writer_lock_refuses_the_reindex_and_changes_nothing(archive, tmp_path, knowledge):
    index_dir = tmp_path / "index"
    reindex(archive, index_dir, knowledge)
    write(archive, "d.txt", article("Hanoi hosts envoys", "Envoys met in Hanoi."))
    writer = open_index(index_dir).writer()  # another writer, e.g. a script
    try:
        with pytest.raises(IndexBusy):
            reindex(archive, index_dir, knowledge)
    finally:
        writer.cancel()
    assert doc_ids(index_dir) == ["a.txt", "c.txt", "sub/b.txt"]
    assert reindex(archive, index_dir, knowledge).added == ["d.txt"]


# --- a reindex in another process ---------------------------------------------------

RUNNER = """
import sys
from pathlib import Path
from searchapp.index import pool
from searchapp.facets import Knowledge
from searchapp.index import reindex

if sys.argv[3].endswith("parallel"):
    pool.PARALLEL_MIN_FILES = 0  # read in worker processes however few the files

def progress(done, total):
    if done == int(sys.argv[4]):
        print("paused", flush=True)
        sys.stdin.readline()  # hold the writer open until the test lets go (or kills us)

reindex(Path(sys.argv[1]), Path(sys.argv[2]), Knowledge.load(), full=sys.argv[3].startswith("full"), progress=progress)
print("finished", flush=True)
"""


def big_archive(folder: Path, n: int) -> None:
    for i in range(n):
        body = " ".join(f"Envoy {i} met counterpart {j} in Seoul to discuss sanctions and trade." for j in range(10))
        write(folder, f"big/{i:05d}.txt", article(f"Meeting number {i}", body))


def start_reindex(archive: Path, index_dir: Path, mode: str, pause_at: int) -> subprocess.Popen:
    """A reindex in a child process, returned while it waits after writing pause_at files."""
    child = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(archive), str(index_dir), mode, str(pause_at)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    if child.stdout.readline() != "paused\n":
        child.kill()
        child.wait()
        pytest.fail(f"the child reindex did not reach file {pause_at}")
    return child


@pytest.mark.parametrize("mode, kill_at", [("incremental", 3), ("incremental", 140), ("full", 75), ("full-parallel", 75)])
def test_a_killed_reindex_leaves_the_old_index_whole(archive, tmp_path, knowledge, mode, kill_at):
    index_dir = tmp_path / "index"
    reindex(archive, index_dir, knowledge)
    before = doc_ids(index_dir)
    big_archive(archive, 150)
    child = start_reindex(archive, index_dir, mode, kill_at)
    child.send_signal(signal.SIGKILL)  # mid-way: kill_at files are in the open writer
    child.wait()
    assert child.returncode == -signal.SIGKILL
    assert doc_ids(index_dir) == before
    assert total(index_dir, "seoul") == 1
    report = reindex(archive, index_dir, knowledge)
    assert (len(report.added), report.unchanged, report.articles) == (150, 3, 153)
    assert total(index_dir, "seoul") == 151


def test_a_second_reindex_while_one_runs_is_refused(archive, tmp_path, knowledge):
    index_dir = tmp_path / "index"
    reindex(archive, index_dir, knowledge)
    big_archive(archive, 20)
    child = start_reindex(archive, index_dir, "incremental", 3)
    try:
        with pytest.raises(IndexBusy, match="another reindex is running"):
            reindex(archive, index_dir, knowledge)
        assert doc_ids(index_dir) == ["a.txt", "c.txt", "sub/b.txt"]
    finally:
        child.stdin.write("go on\n")
        child.stdin.close()
        output = child.stdout.read()
        child.wait()
    assert (child.returncode, output) == (0, "finished\n")
    assert len(doc_ids(index_dir)) == 23


def test_an_index_with_another_schema_is_rebuilt(archive, tmp_path, knowledge):
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema

    from searchapp.index import write_meta

    index_dir = tmp_path / "index"
    index_dir.mkdir()
    old = index.create_in(str(index_dir), Schema(id=ID(unique=True, stored=True), path=ID(stored=True), text=TEXT()))
    with old.writer() as writer:
        writer.add_document(id="gone.txt", path="gone.txt", text="an article indexed the old way")
    write_meta(index_dir, {"schema_version": 0})
    report = reindex(archive, index_dir, knowledge)
    assert (report.full, report.added, report.articles) == (True, ["a.txt", "c.txt", "sub/b.txt"], 3)
    assert "text" not in open_index(index_dir).schema and doc_ids(index_dir) == ["a.txt", "c.txt", "sub/b.txt"]
    assert total(index_dir, "seoul") == 1


def test_changed_knowledge_suggests_a_full_rebuild(archive, tmp_path, knowledge):
    from searchapp.facets import Knowledge

    reindex(archive, tmp_path / "index", knowledge)
    bundled = Knowledge.load()
    changed = dataclasses.replace(bundled, topics={**bundled.topics, "made-up": {"signals": ["zzz"]}})
    report = reindex(archive, tmp_path / "index", changed)
    assert len(report.warnings) == 1 and "--full" in report.warnings[0]
    assert reindex(archive, tmp_path / "index", changed, full=True).warnings == []
    assert reindex(archive, tmp_path / "index", changed).warnings == []


def test_the_vocabulary_counts_articles_per_word_and_grows_incrementally(archive, tmp_path, knowledge):
    from searchapp.index import VOCABULARY_FILE, read_json

    index_dir = tmp_path / "index"
    reindex(archive, index_dir, knowledge)
    words = read_json(index_dir / VOCABULARY_FILE)
    assert (words["seoul"], words["pledged"], words.get("hanoi")) == (1, 1, None)
    write(archive, "d.txt", article("Hanoi hosts envoys", "Envoys from Seoul met in Hanoi."))
    reindex(archive, index_dir, knowledge)
    words = read_json(index_dir / VOCABULARY_FILE)
    assert (words["seoul"], words["pledged"], words["hanoi"]) == (2, 1, 1)


def newsroom_knowledge(folder: Path) -> Path:
    """A newsroom knowledge folder that names one outlet and drops one furniture line."""
    folder.mkdir()
    outlets = {"outlets": [{"name": "Harbour Light News", "aliases": ["HLN"]}]}
    (folder / "outlets.json").write_text(json.dumps(outlets), encoding="utf-8")
    (folder / "boilerplate.json").write_text(json.dumps({"patterns": {"store": ["visit our store"]}}), encoding="utf-8")
    return folder


def stored(index_dir: Path, id: str) -> tuple[str | None, str]:
    service = SearchService(index_dir)
    try:
        record = service.article(id)
        return record.source, record.body
    finally:
        service.close()


def test_the_newsroom_knowledge_folder_reaches_the_reader(tmp_path, knowledge):
    body = "Ministers from Seoul and Beijing held talks on Saturday about trade and security."
    write(tmp_path / "articles", "a.txt", f"Ministers meet for talks\n\n{body}\n\nVisit our store\n\nSource: HLN\n")
    newsroom = newsroom_knowledge(tmp_path / "knowledge")
    reindex(tmp_path / "articles", tmp_path / "bundled", knowledge)
    reindex(tmp_path / "articles", tmp_path / "newsroom", Knowledge.load(newsroom))
    assert stored(tmp_path / "bundled", "a.txt") == ("HLN", f"{body}\n\nVisit our store")
    assert stored(tmp_path / "newsroom", "a.txt") == ("Harbour Light News", body)


def test_changed_newsroom_reading_files_suggest_a_full_rebuild(archive, tmp_path, knowledge):
    index_dir = tmp_path / "index"
    reindex(archive, index_dir, knowledge)
    newsroom = newsroom_knowledge(tmp_path / "knowledge")
    extended = Knowledge.load(newsroom)
    assert len(reindex(archive, index_dir, extended).warnings) == 1
    assert reindex(archive, index_dir, extended, full=True).warnings == []
    assert reindex(archive, index_dir, extended).warnings == []
    (newsroom / "outlets.json").write_text(json.dumps({"outlets": []}), encoding="utf-8")
    report = reindex(archive, index_dir, Knowledge.load(newsroom))
    assert len(report.warnings) == 1 and "--full" in report.warnings[0]


def test_a_broken_newsroom_reading_file_is_a_clear_error_when_the_knowledge_is_loaded(tmp_path):
    """One loader reads every knowledge file before a run starts, so a broken outlets.json stops it
    there, named (the reader used to meet it halfway through a run; flask reindex: test_cli)."""
    from searchapp.knowledge import KnowledgeError

    newsroom = tmp_path / "knowledge"
    write(newsroom, "outlets.json", "{not json")
    with pytest.raises(KnowledgeError, match=r"^knowledge file .*outlets\.json is not valid JSON"):
        Knowledge.load(newsroom)


def test_an_index_from_before_bylines_is_rebuilt_with_them(tmp_path, knowledge):
    from searchapp.index import SCHEMA_VERSION, read_meta, write_meta

    body = "Ministers from Seoul and Beijing held talks on Saturday about trade and security."
    write(tmp_path / "articles", "a.txt", f"Ministers meet for talks\n\nBy Kim Min-ji (kim@example.com)\n\n{body}\n")
    index_dir = tmp_path / "index"
    reindex(tmp_path / "articles", index_dir, knowledge)
    write_meta(index_dir, {**read_meta(index_dir), "schema_version": 3})  # the version before bylines
    assert reindex(tmp_path / "articles", index_dir, knowledge).full is True
    assert read_meta(index_dir)["schema_version"] == SCHEMA_VERSION
    service = SearchService(index_dir)
    try:
        assert service.article("a.txt").byline == "By Kim Min-ji (kim@example.com)"
    finally:
        service.close()


def all_stored(index_dir: Path) -> list[dict]:
    with open_index(index_dir).searcher() as s:
        return sorted(s.all_stored_fields(), key=lambda fields: fields["id"])


def test_reading_in_worker_processes_builds_the_same_index(archive, tmp_path, knowledge, monkeypatch):
    big_archive(archive, 40)
    write(archive, "broken.txt", "")  # a skipped file comes back from a worker too
    serial = reindex(archive, tmp_path / "serial", knowledge, full=True)
    monkeypatch.setattr("searchapp.index.pool.PARALLEL_MIN_FILES", 0)
    monkeypatch.setattr("searchapp.index.pool.CHUNK_FILES", 3)
    parallel = reindex(archive, tmp_path / "parallel", knowledge, full=True)
    assert parallel == serial
    assert all_stored(tmp_path / "parallel") == all_stored(tmp_path / "serial")
    assert total(tmp_path / "parallel", "seoul") == total(tmp_path / "serial", "seoul") == 41
    vocabulary = "searchapp-words.json"
    assert (tmp_path / "parallel" / vocabulary).read_text() == (tmp_path / "serial" / vocabulary).read_text()


def whole_index(index_dir: Path) -> dict:
    """Every posting (document, weight, encoded value, its block's length bounds), term statistic,
    stored field and field length of an index."""
    with open_index(index_dir).reader() as reader:
        postings = {}
        for fieldname, text in reader.all_terms():
            matcher, rows = reader.postings(fieldname, text), []
            while matcher.is_active():
                bounds = (matcher.block_min_length(), matcher.block_max_length())
                rows.append((matcher.id(), matcher.weight(), matcher.value(), bounds))
                matcher.next()
            info = reader.term_info(fieldname, text)
            stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(), info.max_weight())
            postings[(fieldname, text)] = (rows, stats)
        docs = range(reader.doc_count_all())
        return {
            "postings": postings,
            "stored": [reader.stored_fields(d) for d in docs],
            "lengths": [(reader.doc_field_length(d, "title"), reader.doc_field_length(d, "body")) for d in docs],
        }


@pytest.mark.parametrize("aside", [True, False], ids=["body-aside", "one-process"])
@pytest.mark.parametrize("limitmb", [0.25, None], ids=["runs-spilled", "in-memory"])
def test_our_writer_writes_what_whoosh_writes(tmp_path, knowledge, limitmb, aside, monkeypatch):
    """Postings gathered by term (spilled to runs or not), preloaded field lengths, postings written a
    term at a time and the largest field's encoded in a forked process (aside) change how fast the commit
    is, not what it holds: every posting, block bound, term statistic, stored field and length read back
    through Whoosh's public reader is Whoosh's own, and the columns are the very bytes.
    The postings and term files differ where blocks too small to gain from zlib are stored as they are
    (internals/postings_writer.py, COMPRESS_FROM), and with them the term table's offsets;
    tests/test_writer_blocks.py checks that rule. The stored fields' column is compressed by libdeflate
    (internals/writer.py, STORED_LEVEL): its bytes differ, what Whoosh's reader reads from it does not."""
    from whoosh import index, writing

    from searchapp.index.prepare import Reading, prepare_file
    from searchapp.index.schema import schema
    from searchapp.internals import postings_writer
    from searchapp.internals.writer import FastWriter

    monkeypatch.setattr(postings_writer, "ASIDE_FROM", 1 if aside else 10**12)  # else only big commits fork
    finished = []
    monkeypatch.setattr(postings_writer.Aside, "finish", spy(postings_writer.Aside.finish, finished))

    sys.path.insert(0, str(REPO / "bench"))
    import make_archive

    archive = tmp_path / "archive"
    make_archive.make_archive(120, archive, seed=5)
    files = archive_files(archive)
    reading = Reading(knowledge)
    documents = [d for p in files for d in prepare_file(p, archive, reading, frozenset(), None).documents]
    for name, make_writer in (("whoosh", writing.SegmentWriter), ("ours", FastWriter)):
        (tmp_path / name).mkdir()
        ix = index.create_in(str(tmp_path / name), schema())
        writer = make_writer(ix, limitmb=limitmb) if limitmb else make_writer(ix)
        for document in documents:
            writer.add_document(**document)
        if name == "ours":
            assert (len(writer.pool.runs) >= 3) == bool(limitmb)  # a tiny pool spills runs, merged at the commit
        writer.commit()
    assert [a.fieldname for a in finished] == (["body"] if aside else [])
    ours, theirs = whole_index(tmp_path / "ours"), whole_index(tmp_path / "whoosh")
    assert len(ours["postings"]) > 5000
    assert ours == theirs
    our_parts, their_parts = segment_parts(tmp_path / "ours"), segment_parts(tmp_path / "whoosh")
    assert our_parts.keys() == their_parts.keys() and {"pst", "trm"} < our_parts.keys()
    columns = [name for name in our_parts if name not in ("pst", "trm", STORED_PART)]
    assert len(columns) >= 5 and [our_parts[n] for n in columns] == [their_parts[n] for n in columns]  # the very bytes
    assert len(our_parts["pst"]) <= len(their_parts["pst"])
    assert len(our_parts[STORED_PART]) <= len(their_parts[STORED_PART]) * 1.02  # libdeflate's level 1, read above


STORED_PART = "_stored.col"  # the stored fields' column, compressed by libdeflate (internals/writer.py, STORED_LEVEL)


def spy(method, calls: list):
    """method, noting each object it is called on in calls."""

    def noted(self, *args, **kwargs):
        calls.append(self)
        return method(self, *args, **kwargs)

    return noted


def segment_parts(index_dir: Path) -> dict[str, bytes]:
    """The parts of an index's one segment (postings, terms, columns), by extension, as written on disk."""
    ix = open_index(index_dir)
    [segment] = ix._segments()
    parts = segment.open_compound_file(ix.storage)
    return {name.split(".", 1)[1]: parts.open_file(name).read() for name in parts.list()}


LOADED = "import json, sys, {module}; print(json.dumps(sorted(m for m in sys.modules if m.startswith('searchapp.'))))"


def loaded_by(module: str) -> list[str]:
    """The searchapp modules a fresh interpreter has loaded after importing module."""
    found = subprocess.run([sys.executable, "-c", LOADED.format(module=module)], capture_output=True, text=True, cwd=REPO)
    return json.loads(found.stdout)


BUILDING = tuple(f"searchapp.index.{name}" for name in ("build", "cleanup", "document", "filestate", "pool", "prepare"))


def test_the_index_modules_the_search_side_reads_load_none_of_the_builder_the_reading_or_the_facets():
    loaded = loaded_by("searchapp.index.schema, searchapp.index.storage, searchapp.index.record")
    assert "searchapp.index.schema" in loaded
    assert [m for m in loaded if m.startswith(BUILDING + ("searchapp.reading", "searchapp.facets"))] == []


def test_the_engine_loads_no_index_building_module():
    loaded = loaded_by("searchapp.engine.service")
    assert "searchapp.index.storage" in loaded and [m for m in loaded if m.startswith(BUILDING)] == []


def test_naming_a_result_type_loads_neither_the_search_machinery_nor_the_readers():
    """The web's modules name Hit and Article at import; a reindex command need not load numpy for them."""
    loaded = loaded_by("searchapp.engine, searchapp.reading")
    assert loaded == ["searchapp.engine", "searchapp.lazy_names", "searchapp.reading"]
    loaded = loaded_by("searchapp.engine.results")
    assert "searchapp.reading.model" in loaded and "searchapp.reading.html" not in loaded
    assert "searchapp.engine.service" not in loaded


def test_the_index_names_others_use_are_found_at_the_package():
    import searchapp.index as package
    from searchapp.index import build, storage

    assert (package.reindex, package.open_index) == (build.reindex, storage.open_index)
    with pytest.raises(AttributeError):
        package.no_such_name


def test_the_pinned_whoosh_has_the_private_structures_the_fast_writer_uses():
    from searchapp.internals.writer import fast_writer_supported, write_side_problems

    assert (write_side_problems(), fast_writer_supported()) == ([], True)


def searched(index_dir: Path, queries) -> list:
    """Each query's total, ranked hits (id, score, snippet) and facet counts."""
    service = SearchService(index_dir)
    try:
        results = [service.search(SearchRequest(q=q)) for q in queries]
        return [(r.total, [(h.id, h.score, h.snippet) for h in r.hits], r.facets) for r in results]
    finally:
        service.close()


def test_without_the_expected_internals_whooshs_own_writer_builds_an_index_that_searches_the_same(
    archive, tmp_path, knowledge, monkeypatch, caplog
):
    from whoosh import writing

    from searchapp.internals import writer as writer_internals

    big_archive(archive, 30)
    fast, plain = tmp_path / "fast", tmp_path / "plain"
    queries = ["seoul", "envoy 7", '"met counterpart"', "sanctions OR vaccines", "hanoi", ""]
    reindex(archive, fast, knowledge)
    writers = []
    with monkeypatch.context() as changed_whoosh:  # a release without one of the hooks FastWriter overrides
        missing = (writing.PostingPool, ("_write_run_in_chunks",), ())
        changed_whoosh.setattr(writer_internals, "EXPECTED", writer_internals.EXPECTED + (missing,))
        changed_whoosh.setattr(writer_internals, "_problems", None)  # not checked yet in this process
        real_open_writer = writer_internals.open_writer
        changed_whoosh.setattr(
            writer_internals, "open_writer", lambda ix, timeout: writers.append(real_open_writer(ix, timeout)) or writers[-1]
        )
        reindex(archive, plain, knowledge)
        assert all_stored(plain) == all_stored(fast) and searched(plain, queries) == searched(fast, queries)
        write(archive, "d.txt", article("Hanoi hosts envoys", "Envoys from Seoul met in Hanoi."))
        write(archive, "a.txt", article("Seoul and Beijing talk", "Ministers from Seoul and Beijing discussed THAAD."))
        (archive / "big" / "00003.txt").unlink()
        plain_report = reindex(archive, plain, knowledge)
    assert reindex(archive, fast, knowledge) == plain_report
    assert all_stored(plain) == all_stored(fast) and searched(plain, queries) == searched(fast, queries)
    assert [type(writer) for writer in writers] == [writing.SegmentWriter] * 2
    warnings = [r.getMessage() for r in caplog.records if "Whoosh's own writer" in r.getMessage()]
    assert len(warnings) == 1 and "_write_run_in_chunks" in warnings[0]  # once a process


# --- a changed file is read once -----------------------------------------------------


def test_each_new_or_changed_file_is_opened_once_and_unchanged_ones_not_at_all(archive, tmp_path, knowledge, monkeypatch):
    import io

    index_dir = tmp_path / "index"
    write_wire(archive, range(1, 4))
    reindex(archive, index_dir, knowledge)
    write(archive, "a.txt", article("Seoul and Beijing talk", "Ministers from Seoul and Beijing discussed THAAD."))
    write(archive, "d.txt", article("Hanoi hosts envoys", "Envoys met in Hanoi to discuss fisheries."))
    write_wire(archive, range(1, 5))
    os.utime(archive / "c.txt")  # touched: its hash is read to tell
    opened = []
    real_os_open, real_io_open = os.open, io.open

    def os_open(path, flags, *args, **kwargs):
        opened.append(os.fsdecode(path))
        return real_os_open(path, flags, *args, **kwargs)

    def io_open(file, *args, **kwargs):
        opened.append(os.fsdecode(file) if isinstance(file, (str, bytes, os.PathLike)) else file)
        return real_io_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    report = reindex(archive, index_dir, knowledge)
    assert (report.added, report.updated, report.unchanged) == (["d.txt"], ["a.txt", "wire.jsonl"], 2)
    archive_opens = sorted(Path(p).relative_to(archive).as_posix() for p in opened if str(p).startswith(f"{archive}/"))
    assert archive_opens == ["a.txt", "c.txt", "d.txt", "wire.jsonl"]


def test_a_record_file_over_its_limit_is_skipped_unread_as_the_reader_does(archive, tmp_path, knowledge):
    from searchapp.reading.limits import ReadLimits

    wire = write_wire(archive, range(1, 41))
    limits = ReadLimits(records_bytes=wire.stat().st_size - 1)
    report = reindex(archive, tmp_path / "index", knowledge, read_limits=limits)
    assert [s.path for s in report.skipped] == ["wire.jsonl"] and "larger than" in report.skipped[0].reason
    assert doc_ids(tmp_path / "index") == ["a.txt", "c.txt", "sub/b.txt"]


# --- record files: only the records that changed are read again -----------------------------


def wire_record(n: int, extra: str = "") -> str:
    body = f"Envoy {n} met counterparts in Seoul to discuss sanctions and trade. {extra}".strip()
    return json.dumps({"title": f"Wire story {n}", "date": "2021-04-03", "source": "Test Wire", "body": body})


def write_wire(folder: Path, numbers, name: str = "wire.jsonl") -> Path:
    return write(folder, name, "".join(wire_record(n) + "\n" for n in numbers))


@pytest.fixture
def extracted(monkeypatch):
    """The ids of the articles extracted in this process, in order: the work a reindex did."""
    from searchapp.index import prepare

    seen = []

    def counting(article, knowledge):
        seen.append(article.id)
        return real(article, knowledge)

    real = prepare.extract
    monkeypatch.setattr(prepare, "extract", counting)
    return seen


def test_appending_rows_to_a_csv_dump_reads_only_the_new_rows(archive, tmp_path, knowledge, extracted):
    index_dir = tmp_path / "index"
    row = 'Wire story {0},2021-04-03,Test Wire,"Envoy {0} met counterparts in Seoul, then in Tokyo, about trade."\n'
    dump = write(archive, "dump.csv", "title,date,publication,content\n" + "".join(row.format(n) for n in range(1, 21)))
    reindex(archive, index_dir, knowledge)
    extracted.clear()
    with dump.open("a", encoding="utf-8") as f:
        f.write(row.format(21).replace("trade", "fisheries"))
    report = reindex(archive, index_dir, knowledge)
    assert extracted == ["dump.csv#21"]
    assert report == ReindexReport(updated=["dump.csv"], unchanged=3, articles=24)
    assert total(index_dir, "fisheries") == 1 and total(index_dir, "envoy") == 21


def test_appending_to_a_jsonl_reads_only_the_new_records(archive, tmp_path, knowledge, extracted):
    index_dir = tmp_path / "index"
    wire = write_wire(archive, range(1, 31))
    reindex(archive, index_dir, knowledge)
    extracted.clear()
    with wire.open("a", encoding="utf-8") as f:
        f.write("".join(wire_record(n, "The talks were about fisheries.") + "\n" for n in (31, 32, 33)))
    report = reindex(archive, index_dir, knowledge)
    assert extracted == ["wire.jsonl#31", "wire.jsonl#32", "wire.jsonl#33"]
    assert report == ReindexReport(updated=["wire.jsonl"], unchanged=3, articles=36)
    assert total(index_dir, "fisheries") == 3 and total(index_dir, "envoy") == 33
    extracted.clear()
    assert reindex(archive, index_dir, knowledge) == ReindexReport(unchanged=4, articles=36)
    assert extracted == []


def test_changed_and_removed_records_are_rewritten_and_deleted_alone(archive, tmp_path, knowledge, extracted):
    index_dir = tmp_path / "index"
    write_wire(archive, range(1, 11))
    reindex(archive, index_dir, knowledge)
    extracted.clear()
    lines = [wire_record(n) for n in range(1, 9)]  # the last two records are gone
    lines[3] = wire_record(4, "A typhoon delayed the talks.")
    write(archive, "wire.jsonl", "\n".join(lines) + "\n")
    report = reindex(archive, index_dir, knowledge)
    assert extracted == ["wire.jsonl#4"]
    assert (report.updated, report.removed, report.articles) == (["wire.jsonl"], [], 11)
    assert sorted(i for i in doc_ids(index_dir) if i.startswith("wire")) == sorted(f"wire.jsonl#{n}" for n in range(1, 9))
    assert total(index_dir, "typhoon") == 1 and total(index_dir, "envoy") == 8


def test_records_only_removed_leave_a_file_the_next_run_sees_unchanged(archive, tmp_path, knowledge, extracted):
    """With no record to read, one unchanged record is read again to carry the file's new state."""
    index_dir = tmp_path / "index"
    write_wire(archive, range(1, 11))
    reindex(archive, index_dir, knowledge)
    extracted.clear()
    write_wire(archive, range(1, 8))
    report = reindex(archive, index_dir, knowledge)
    assert len(extracted) == 1 and (report.updated, report.articles) == (["wire.jsonl"], 10)
    extracted.clear()
    assert reindex(archive, index_dir, knowledge) == ReindexReport(unchanged=4, articles=10)
    assert extracted == []


def test_a_blank_or_bad_line_appended_changes_no_article(archive, tmp_path, knowledge, extracted):
    index_dir = tmp_path / "index"
    wire = write_wire(archive, range(1, 6))
    reindex(archive, index_dir, knowledge)
    with wire.open("a", encoding="utf-8") as f:
        f.write("\n{broken\n")
    extracted.clear()
    report = reindex(archive, index_dir, knowledge)
    assert (report.added, report.updated, report.unchanged, report.articles) == ([], [], 4, 8)
    assert [s.path for s in report.skipped] == ["wire.jsonl#7"]
    assert len(extracted) == 1  # the carrier of the file's new state
    assert reindex(archive, index_dir, knowledge).unchanged == 4


def test_a_record_file_indexed_whole_by_an_older_version_is_read_whole_once(archive, tmp_path, knowledge, monkeypatch, extracted):
    from searchapp.index import prepare

    index_dir = tmp_path / "index"
    wire = write_wire(archive, range(1, 6))
    with monkeypatch.context() as old_version:  # documents without record digests, as before them
        old_version.setattr(prepare, "record_filestate", lambda a, file, g, d: json.dumps([a.path, *file]).encode())
        reindex(archive, index_dir, knowledge)
    with wire.open("a", encoding="utf-8") as f:
        f.write(wire_record(6) + "\n")
    extracted.clear()
    assert reindex(archive, index_dir, knowledge).updated == ["wire.jsonl"]
    assert len(extracted) == 6
    assert sorted(i for i in doc_ids(index_dir) if i.startswith("wire")) == [f"wire.jsonl#{n}" for n in range(1, 7)]
    with wire.open("a", encoding="utf-8") as f:
        f.write(wire_record(7) + "\n")
    extracted.clear()
    reindex(archive, index_dir, knowledge)
    assert extracted == ["wire.jsonl#7"]


def test_a_big_record_file_is_read_in_parts_by_workers_into_the_same_index(archive, tmp_path, knowledge, monkeypatch):
    from searchapp.index import pool

    write_wire(archive, range(1, 41))
    write(archive, "wire.jsonl", (archive / "wire.jsonl").read_text() + "[1, 2]\n")  # a bad line comes back too
    big_archive(archive, 5)
    serial = reindex(archive, tmp_path / "serial", knowledge, full=True)
    parts = []
    real = pool._record_parts
    monkeypatch.setattr(pool, "_record_parts", lambda path, root, old: parts.append(real(path, root, old)) or parts[-1])
    monkeypatch.setattr(pool, "_worker_count", lambda: 2)
    monkeypatch.setattr(pool, "PARALLEL_MIN_FILES", 10_000)  # not for the number of files: for the big one
    monkeypatch.setattr(pool, "SPLIT_RECORD_BYTES", 1000)
    monkeypatch.setattr(pool, "CHUNK_RECORDS", 3)
    parallel = reindex(archive, tmp_path / "parallel", knowledge, full=True)
    assert [len(found) for found in parts] == [14]  # 41 records in parts of 3
    assert parallel == serial and serial.skipped == [Skip("wire.jsonl#41", "expected a JSON object, got list")]
    assert all_stored(tmp_path / "parallel") == all_stored(tmp_path / "serial")
    with open_index(tmp_path / "parallel").reader() as p, open_index(tmp_path / "serial").reader() as s:
        assert indexed_files(p) == indexed_files(s)
    vocabulary = "searchapp-words.json"
    assert (tmp_path / "parallel" / vocabulary).read_text() == (tmp_path / "serial" / vocabulary).read_text()


def append_lines(path: Path, lines: list[str]) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


def same_index(one: Path, other: Path) -> bool:
    with open_index(one).reader() as a, open_index(other).reader() as b:
        states = indexed_files(a) == indexed_files(b)
    vocabulary = "searchapp-words.json"
    words = (one / vocabulary).read_text() == (other / vocabulary).read_text()
    return states and words and all_stored(one) == all_stored(other)


def test_a_big_record_file_changed_is_read_in_parts_by_workers_as_it_is_read_here(archive, tmp_path, knowledge, monkeypatch):
    """Incremental runs too: the workers get only the new and changed records, the first part deletes
    what changed or went, and when no article comes of the parts one kept record carries the file's state."""
    from searchapp.index import pool

    wire = write_wire(archive, range(1, 41))
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    reindex(archive, serial, knowledge)
    reindex(archive, parallel, knowledge)
    parts = []
    real = pool._record_parts
    monkeypatch.setattr(pool, "_record_parts", lambda path, root, old: parts.append(real(path, root, old)) or parts[-1])
    monkeypatch.setattr(pool, "SPLIT_RECORD_BYTES", 1000)  # a kilobyte of new lines is a big part
    monkeypatch.setattr(pool, "CHUNK_RECORDS", 3)
    edits = [
        lambda: append_lines(wire, [wire_record(n, "Fisheries talks.") for n in range(41, 61)] + ["[1, 2]"]),
        lambda: write(archive, "wire.jsonl", "".join(
            wire_record(n, "A typhoon delayed the talks." if n == 5 else "") + "\n" for n in [*range(1, 38), *range(61, 101)]
        )),
        lambda: append_lines(wire, ['{"title": "cut off", "body": "' + "x" * 80] * 20),  # no article: the carrier
    ]
    reports = []
    for edit in edits:
        edit()
        with monkeypatch.context() as here:
            here.setattr(pool, "_worker_count", lambda: 0)
            expected = reindex(archive, serial, knowledge)
        monkeypatch.setattr(pool, "_worker_count", lambda: 2)
        found = reindex(archive, parallel, knowledge)
        assert found == expected and same_index(parallel, serial)
        reports.append((found.added, found.updated, found.unchanged, len(found.skipped), found.articles))
    fresh = [[len(task.records) for task, _ in found] for found in parts]
    assert fresh == [[3] * 7, [3] * 13 + [2], [3] * 6 + [2]]  # 21 records, then 41 (#5 and #38 to #77), then 20
    assert reports == [([], ["wire.jsonl"], 3, 1, 63), ([], ["wire.jsonl"], 3, 0, 80), ([], [], 4, 20, 80)]
    assert total(parallel, "typhoon") == 1 and total(parallel, "fisheries") == 0 and total(parallel, "envoy") == 77
    assert reindex(archive, parallel, knowledge).unchanged == 4


# --- odd archive entries, links out of the archive, a full disk ----------------------

ODD_SKIPS = ["caf\\xe9.txt", "dangling.txt", "locked", "loop.txt", "pipe.txt", "secret.txt", "zero.txt"]


def add_odd_entries(archive: Path, outside: Path, monkeypatch) -> None:
    """Beside the archive's articles, every kind of entry that once failed a run or vanished from its report."""
    with open(os.path.join(os.fsencode(archive), b"caf\xe9.txt"), "wb") as f:  # a Latin-1 name
        f.write(article("Cafe", "Envoys met in a cafe.").encode("utf-8"))
    write(archive, "line\nbreak.txt", article("Hanoi hosts envoys", "Envoys met in Hanoi."))  # a good name: indexed
    (archive / "loop.txt").symlink_to("loop.txt")
    (archive / "dangling.txt").symlink_to("missing.txt")
    os.mkfifo(archive / "pipe.txt")
    (archive / "zero.txt").symlink_to("/dev/zero")
    write(archive, "locked/hidden.txt", article("Locked away", "Envoys met behind a locked door."))
    write(outside, "secret.txt", article("Unpublished", "Envoys met in secret in Vientiane."))
    (archive / "secret.txt").symlink_to(outside / "secret.txt")
    (archive / "alias.txt").symlink_to("a.txt")  # a link inside the archive is an article
    lock_folder(monkeypatch, archive / "locked")


def lock_folder(monkeypatch, folder: Path) -> None:
    """Make one folder unreadable: the tests run as root, whom chmod 000 does not stop, so scandir refuses it."""
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fsdecode(path) == str(folder):
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


@pytest.mark.parametrize("full", [True, False])
def test_odd_entries_are_skipped_with_their_reasons_and_the_rest_indexed(archive, tmp_path, knowledge, monkeypatch, full):
    index_dir = tmp_path / "index"
    if not full:
        reindex(archive, index_dir, knowledge)
    add_odd_entries(archive, tmp_path / "outside", monkeypatch)
    report = reindex(archive, index_dir, knowledge, full=full)
    assert sorted(report.added) == sorted(["alias.txt", "line\nbreak.txt"] + (["a.txt", "c.txt", "sub/b.txt"] if full else []))
    assert [skip.path for skip in report.skipped] == ODD_SKIPS
    assert all(skip.reason for skip in report.skipped)
    assert doc_ids(index_dir) == ["a.txt", "alias.txt", "c.txt", "line\nbreak.txt", "sub/b.txt"]
    assert (total(index_dir, "vientiane"), total(index_dir, "hanoi")) == (0, 1)
    again = reindex(archive, index_dir, knowledge)  # the next run says the same, and changes nothing
    assert ([skip.path for skip in again.skipped], again.added, again.removed) == (ODD_SKIPS, [], [])


def test_an_indexed_file_that_turns_into_an_odd_entry_leaves_the_index(archive, tmp_path, knowledge):
    index_dir = tmp_path / "index"
    reindex(archive, index_dir, knowledge)
    (archive / "c.txt").unlink()
    (archive / "c.txt").symlink_to("c.txt")
    report = reindex(archive, index_dir, knowledge)
    assert (report.removed, [skip.path for skip in report.skipped]) == (["c.txt"], ["c.txt"])
    assert doc_ids(index_dir) == ["a.txt", "sub/b.txt"]


def test_links_out_of_the_archive_are_followed_only_when_allowed(archive, tmp_path, knowledge):
    index_dir = tmp_path / "index"
    write(tmp_path / "outside", "secret.txt", article("Unpublished", "Envoys met in secret in Vientiane."))
    (archive / "secret.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    (archive / "inside.txt").symlink_to(archive / "sub" / "b.txt")
    report = reindex(archive, index_dir, knowledge)
    assert "inside.txt" in report.added and [skip.path for skip in report.skipped] == ["secret.txt"]
    assert "outside the archive" in report.skipped[0].reason and total(index_dir, "vientiane") == 0
    allowed = reindex(archive, index_dir, knowledge, follow_links_outside=True)
    assert (allowed.added, allowed.skipped, total(index_dir, "vientiane")) == (["secret.txt"], [], 1)
    report = reindex(archive, index_dir, knowledge)  # turned off again: the article goes
    assert (report.removed, total(index_dir, "vientiane")) == (["secret.txt"], 0)


def test_a_reader_that_fails_on_one_file_costs_only_that_file(archive, tmp_path, knowledge, monkeypatch):
    from searchapp.index import prepare

    real_read_file = prepare.read_file

    def read_file(path, *args, **kwargs):
        if path.name == "c.txt":
            raise RuntimeError("a reader's bug")
        return real_read_file(path, *args, **kwargs)

    monkeypatch.setattr(prepare, "read_file", read_file)
    report = reindex(archive, tmp_path / "index", knowledge)
    assert report.skipped == [Skip("c.txt", "could not be read (RuntimeError: a reader's bug)")]
    assert doc_ids(tmp_path / "index") == ["a.txt", "sub/b.txt"]


class FullDisk:
    """A disk that fills up during the commit and stays full until free() is called.

    Whoosh's FileStorage opens every index file with open(); the files it gets here fail their
    writes with ENOSPC once `room` bytes are written after the commit starts.
    """

    def __init__(self, monkeypatch, room: int):
        from whoosh.filedb import filestore

        from whoosh.writing import SegmentWriter

        self.room, self.left = room, None
        monkeypatch.setattr(filestore, "open", lambda *args, **kwargs: DiskFile(self, open(*args, **kwargs)), raising=False)
        commit = SegmentWriter.commit  # the fast writer's, and Whoosh's own

        def filling_commit(writer, *args, **kwargs):
            self.left = self.room
            return commit(writer, *args, **kwargs)

        monkeypatch.setattr(SegmentWriter, "commit", filling_commit)
        self.monkeypatch, self.commit = monkeypatch, commit

    def take(self, size: int) -> None:
        if self.left is not None:
            if size > self.left:
                self.left = 0
                raise OSError(28, "No space left on device")
            self.left -= size

    def free(self) -> None:
        from whoosh.writing import SegmentWriter

        self.left = None
        self.monkeypatch.setattr(SegmentWriter, "commit", self.commit)


class DiskFile:
    def __init__(self, disk: FullDisk, file):
        self._disk, self._file = disk, file

    def __getattr__(self, name):
        return getattr(self._file, name)

    def write(self, data):
        self._disk.take(len(data))
        return self._file.write(data)


def partial_files(index_dir: Path) -> list[str]:
    """Files in the index folder that its table of contents does not name: what a failed run left."""
    ix = open_index(index_dir)
    named = {segment.segment_id() for segment in ix._segments()}
    toc = f"_MAIN_{ix.latest_generation()}.toc"
    keep = {toc, "MAIN_WRITELOCK", "searchapp_REINDEX", META_FILE, "searchapp-words.json"}
    found = [name for name in os.listdir(index_dir) if name not in keep and name.split(".")[0] not in named]
    temporary = index_dir / "MAIN.tmp"
    return found + (sorted(os.listdir(temporary)) if temporary.is_dir() else [])


@pytest.mark.parametrize("full, room", [(False, 0), (False, 20_000), (True, 0), (True, 20_000)])
def test_a_full_disk_leaves_the_old_index_searchable_and_no_partial_files(archive, tmp_path, knowledge, monkeypatch, full, room):
    from searchapp.index import DiskFull

    index_dir = tmp_path / "index"
    reindex(archive, index_dir, knowledge)
    before, files_before = doc_ids(index_dir), sorted(os.listdir(index_dir))
    big_archive(archive, 40)
    disk = FullDisk(monkeypatch, room)
    with pytest.raises(DiskFull, match="is full") as failure:
        reindex(archive, index_dir, knowledge, full=full)
    assert "damaged" not in str(failure.value) and "searchable" in str(failure.value)
    assert (doc_ids(index_dir), total(index_dir, "seoul")) == (before, 1)
    assert (partial_files(index_dir), sorted(os.listdir(index_dir))) == ([], files_before)
    disk.free()  # space again: the next run succeeds, in this same process (no lock left held)
    report = reindex(archive, index_dir, knowledge, full=full)
    assert (len(report.added), report.articles, total(index_dir, "seoul")) == (43 if full else 40, 43, 41)
    assert partial_files(index_dir) == []


def test_a_full_disk_after_the_commit_keeps_the_new_index_and_says_what_to_run(archive, tmp_path, knowledge, monkeypatch):
    from searchapp.index import DiskFull, build

    def no_room(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build, "write_json", no_room)
    with pytest.raises(DiskFull, match="the disk is full.*--full"):
        reindex(archive, tmp_path / "index", knowledge)
    assert doc_ids(tmp_path / "index") == ["a.txt", "c.txt", "sub/b.txt"]


def test_a_killed_runs_partial_files_go_even_when_the_disk_is_full(archive, tmp_path, knowledge, monkeypatch):
    from searchapp.index import DiskFull

    index_dir = tmp_path / "index"
    reindex(archive, index_dir, knowledge)
    big_archive(archive, 20)
    child = start_reindex(archive, index_dir, "incremental", 10)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert partial_files(index_dir)  # the killed run's new segment, half written
    FullDisk(monkeypatch, 0)
    with pytest.raises(DiskFull):
        reindex(archive, index_dir, knowledge)
    assert (partial_files(index_dir), doc_ids(index_dir)) == ([], ["a.txt", "c.txt", "sub/b.txt"])


def test_side_files_are_compact_sorted_utf8_json_and_a_bad_one_reads_as_empty(tmp_path):
    from searchapp.index.storage import read_json, write_json

    path = tmp_path / "side.json"
    write_json(path, {"zürich": 2, "abe": 1, "王毅": 3})
    assert path.read_bytes() == '{"abe":1,"zürich":2,"王毅":3}'.encode()  # as json.dumps(sort_keys, compact) writes it
    assert read_json(path) == {"abe": 1, "zürich": 2, "王毅": 3}
    write_json(path, {"b": 2**70})  # what orjson refuses (past 64 bits), the standard library writes
    assert path.read_bytes() == b"{\"b\":" + str(2**70).encode() + b"}"
    path.write_bytes(b'{"abe": 1,')
    assert read_json(path) == {}
    assert not list(tmp_path.glob(".side-*"))  # no temporary file left

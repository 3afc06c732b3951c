"""`flask reindex`: its summary, its exit codes, and one-line errors without tracebacks."""

import errno
import json
import os
from pathlib import Path

import pytest

from searchapp import create_app, get_service
from searchapp.index import open_index


def article(title: str, body: str) -> str:
    return f"Title: {title}\nDate: 2021-04-03\nSource: Test Wire\n\n{body}\n"


def doc_count(app) -> int:
    with open_index(Path(app.config["INDEX_DIR"])).searcher() as s:
        return s.doc_count()


def test_unchanged_archive(runner, app):
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "added 0, updated 0, removed 0, unchanged 5, skipped 0"


def test_summary_lists_what_changed_and_each_skipped_file(runner, app):
    articles = Path(app.config["ARTICLES_DIR"])
    (articles / "new.txt").write_text(article("Hanoi hosts envoys", "Envoys met in Hanoi on Monday."), encoding="utf-8")
    (articles / "empty.txt").write_bytes(b"")
    removed = sorted(articles.iterdir())[0]
    removed.unlink()
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        "added 1, updated 0, removed 1, unchanged 4, skipped 1",
        "skipped empty.txt: empty file",
    ]
    assert doc_count(app) == 5


def test_full_rebuild(runner, app):
    result = runner.invoke(args=["reindex", "--full"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Rebuilt the index in {app.config['INDEX_DIR']} from {app.config['ARTICLES_DIR']}: 5 articles.",
        "added 5, updated 0, removed 0, unchanged 0, skipped 0",
    ]


def test_articles_option_overrides_the_archive(runner, app, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "one.txt").write_text(article("Seoul talks", "Envoys met in Seoul."), encoding="utf-8")
    result = runner.invoke(args=["reindex", "--articles", str(other)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "added 1, updated 0, removed 5, unchanged 0, skipped 0"
    assert doc_count(app) == 1


def test_first_run_builds_the_index(tmp_path, seed_index):
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(seed_index[0]), "INDEX_DIR": str(tmp_path / "new" / "index")})
    result = app.test_cli_runner().invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "added 5, updated 0, removed 0, unchanged 0, skipped 0"


@pytest.mark.parametrize(
    "where, message", [("missing", "archive folder not found"), ("a_file", "the archive is not a folder")]
)
def test_missing_archive_is_one_line_and_non_zero(runner, app, tmp_path, where, message):
    path = tmp_path / where
    if where == "a_file":
        path.write_text("x")
    result = runner.invoke(args=["reindex", "--articles", str(path)])
    assert result.exit_code == 1
    assert result.output == f"Error: {message}: {path}\n"
    assert doc_count(app) == 5


def test_busy_index_is_one_line_and_changes_nothing(runner, app):
    articles = Path(app.config["ARTICLES_DIR"])
    (articles / "new.txt").write_text(article("Hanoi hosts envoys", "Envoys met in Hanoi."), encoding="utf-8")
    writer = open_index(Path(app.config["INDEX_DIR"])).writer()
    try:
        result = runner.invoke(args=["reindex"])
    finally:
        writer.cancel()
    assert result.exit_code == 1
    assert result.output.startswith("Error: the index in ") and result.output.count("\n") == 1
    assert "Traceback" not in result.output
    assert doc_count(app) == 5


def test_unwritable_index_folder_is_one_line(runner, app, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the index folder should be")
    app.config["INDEX_DIR"] = str(blocker / "index")
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1


def test_a_damaged_index_is_one_line(runner, app):
    index_dir = Path(app.config["INDEX_DIR"])
    for segment in index_dir.glob("*.seg"):
        segment.write_bytes(b"not a segment")
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert str(index_dir) in result.output and "Traceback" not in result.output
    assert "--full" in result.output
    rebuilt = runner.invoke(args=["reindex", "--full"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert doc_count(app) == 5


def test_a_missing_knowledge_folder_is_one_line(runner, app, tmp_path):
    app.config["KNOWLEDGE_DIR"] = str(tmp_path / "no-knowledge")
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot load the knowledge files: ") and result.output.count("\n") == 1
    assert "no-knowledge" in result.output


def test_the_knowledge_folder_setting_reaches_the_reader(runner, app, tmp_path):
    knowledge = tmp_path / "newsroom-knowledge"
    knowledge.mkdir()
    outlets = {"outlets": [{"name": "Harbour Light News", "aliases": ["HLN"]}]}
    (knowledge / "outlets.json").write_text(json.dumps(outlets), encoding="utf-8")
    body = "Ministers from Seoul and Beijing held talks on Saturday about trade and security."
    (Path(app.config["ARTICLES_DIR"]) / "hln.txt").write_text(f"Ministers meet for talks\n\n{body}\n\nSource: HLN\n", encoding="utf-8")
    app.config["KNOWLEDGE_DIR"] = str(knowledge)
    result = runner.invoke(args=["reindex", "--full"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert get_service().article("hln.txt").source == "Harbour Light News"


def test_a_broken_knowledge_file_is_one_line(runner, app, tmp_path):
    knowledge = tmp_path / "newsroom-knowledge"
    knowledge.mkdir()
    (knowledge / "boilerplate.json").write_text("{not json", encoding="utf-8")
    app.config["KNOWLEDGE_DIR"] = str(knowledge)
    result = runner.invoke(args=["reindex", "--full"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot load the knowledge files: knowledge file ")
    assert "boilerplate.json" in result.output and result.output.count("\n") == 1
    assert doc_count(app) == 5


# --- credentials for access control --------------------------------------------------


def test_hash_password_prints_a_hash_that_signs_in(runner):
    from werkzeug.security import check_password_hash

    result = runner.invoke(args=["hash-password"], input="s3cret words\ns3cret words\n")
    assert result.exit_code == 0, result.output
    hashed = result.output.splitlines()[-1]
    assert hashed.startswith("scrypt:") and "s3cret" not in result.output
    assert check_password_hash(hashed, "s3cret words")


def test_hash_password_refuses_an_empty_password(runner):
    result = runner.invoke(args=["hash-password", "--password", ""])
    assert (result.exit_code, result.output) == (1, "Error: the password is empty\n")


def test_new_token_prints_the_token_once_and_the_hash_to_configure(runner, app):
    from searchapp.web.auth import token_hash

    result = runner.invoke(args=["new-token", "build-bot"])
    assert result.exit_code == 0, result.output
    token_line, entry_line = result.output.splitlines()
    token = token_line.rsplit(" ", 1)[1]
    assert entry_line == f'API_TOKENS entry: "build-bot": "{token_hash(token)}"'
    secured = create_app({"INDEX_DIR": app.config["INDEX_DIR"], "SECRET_KEY": "x",
                          "API_TOKENS": json.loads("{" + entry_line.split(": ", 1)[1] + "}")})
    assert secured.test_client().get("/api/nope", headers={"Authorization": f"Bearer {token}"}).status_code == 404
    assert secured.test_client().get("/api/nope").status_code == 401


# --- odd archive entries, links out of the archive, a full disk ----------------------


def odd_archive(articles: Path, outside: Path, monkeypatch) -> list[str]:
    """Odd entries beside the seed articles; returns the skip lines `flask reindex` must print for them."""
    with open(os.path.join(os.fsencode(articles), b"caf\xe9.txt"), "wb") as f:  # a Latin-1 name
        f.write(article("Cafe", "Envoys met in a cafe.").encode("utf-8"))
    (articles / "line\nbreak.txt").write_text(article("Hanoi hosts envoys", "Envoys met in Hanoi."), encoding="utf-8")
    (articles / "empty\nname.txt").write_bytes(b"")
    (articles / "loop.txt").symlink_to("loop.txt")
    (articles / "dangling.txt").symlink_to("missing.txt")
    os.mkfifo(articles / "pipe.txt")
    (articles / "zero.txt").symlink_to("/dev/zero")
    (articles / "locked").mkdir()
    (articles / "locked" / "x.txt").write_text(article("Locked", "Envoys met."), encoding="utf-8")
    outside.mkdir()
    (outside / "secret.txt").write_text(article("Unpublished", "Envoys met in secret in Vientiane."), encoding="utf-8")
    (articles / "secret.txt").symlink_to(outside / "secret.txt")
    (articles / "alias.txt").symlink_to(articles / "line\nbreak.txt")
    real_scandir, locked = os.scandir, str(articles / "locked")

    def scandir(path="."):  # chmod 000 does not stop root, who runs these tests: scandir refuses the folder
        if os.fsdecode(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return [
        "skipped caf\\xe9.txt: the name is not valid UTF-8; rename it to index it",
        "skipped dangling.txt: a broken symbolic link (its target missing.txt does not exist)",
        "skipped locked: folder cannot be read (Permission denied)",
        "skipped loop.txt: a symbolic link loop (it leads back to itself)",
        "skipped pipe.txt: a named pipe (FIFO), not a regular file",
        f"skipped secret.txt: a symbolic link to {outside / 'secret.txt'}, outside the archive; "
        "not followed unless FOLLOW_LINKS_OUTSIDE_ARCHIVE is on",
        "skipped zero.txt: a symbolic link to a device (/dev/zero), not a regular file",
        "skipped empty\\nname.txt: empty file",
    ]


@pytest.mark.parametrize("full", [[], ["--full"]])
def test_odd_entries_are_reported_one_line_each_and_the_rest_indexed(runner, app, tmp_path, monkeypatch, full):
    expected = odd_archive(Path(app.config["ARTICLES_DIR"]), tmp_path / "outside", monkeypatch)
    result = runner.invoke(args=["reindex", *full])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1] == (f"added {2 + 5 * bool(full)}, updated 0, removed 0, unchanged {5 * (not full)}, skipped 8")
    assert lines[2:] == expected
    assert "damaged" not in result.output and "Error" not in result.output
    assert doc_count(app) == 7


def test_a_link_out_of_the_archive_is_not_served_unless_the_newsroom_allows_it(runner, app, client, tmp_path):
    articles = Path(app.config["ARTICLES_DIR"])
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (articles / "x.txt").symlink_to(tmp_path / "outside" / "passwd.txt")
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and "skipped x.txt: a symbolic link to " in result.output
    assert client.get("/api/articles/x.txt").status_code == 404
    assert client.get("/articles/x.txt").status_code == 404
    app.config["FOLLOW_LINKS_OUTSIDE_ARCHIVE"] = "true"  # as the environment gives it
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0 and result.output.splitlines()[1].startswith("added 1,")
    assert client.get("/api/articles/x.txt").status_code == 200


def test_a_bad_follow_links_setting_is_one_line(runner, app):
    app.config["FOLLOW_LINKS_OUTSIDE_ARCHIVE"] = "sometimes"
    result = runner.invoke(args=["reindex"])
    assert (result.exit_code, result.output) == (
        1, "Error: FOLLOW_LINKS_OUTSIDE_ARCHIVE must be true or false, not 'sometimes'\n")


def test_a_full_disk_is_named_and_the_next_run_succeeds(runner, app, monkeypatch):
    from whoosh.filedb import filestore

    from whoosh.writing import SegmentWriter

    articles, index_dir = Path(app.config["ARTICLES_DIR"]), Path(app.config["INDEX_DIR"])
    (articles / "new.txt").write_text(article("Hanoi hosts envoys", "Envoys met in Hanoi on Monday."), encoding="utf-8")
    files_before = sorted(os.listdir(index_dir))
    disk = {"full": False}

    class DiskFile:  # Whoosh's index files, which stop taking bytes once the commit has begun
        def __init__(self, file):
            self._file = file

        def __getattr__(self, name):
            return getattr(self._file, name)

        def write(self, data):
            if disk["full"]:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self._file.write(data)

    commit = SegmentWriter.commit  # the fast writer's, and Whoosh's own

    def filling_commit(writer, *args, **kwargs):
        disk["full"] = True
        return commit(writer, *args, **kwargs)

    monkeypatch.setattr(filestore, "open", lambda *args, **kwargs: DiskFile(open(*args, **kwargs)), raising=False)
    monkeypatch.setattr(SegmentWriter, "commit", filling_commit)
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"Error: the disk holding the index in {index_dir} is full: ")
    assert "damaged" not in result.output
    assert (doc_count(app), sorted(os.listdir(index_dir))) == (5, files_before)  # no partial segment left
    monkeypatch.setattr(SegmentWriter, "commit", commit)
    disk["full"] = False  # space again
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == "added 1, updated 0, removed 0, unchanged 5, skipped 0"
    assert doc_count(app) == 6


def test_a_warning_many_items_share_is_said_once_with_how_many_and_which(runner, app):
    articles = Path(app.config["ARTICLES_DIR"])
    lines = [{"title": f"Envoys meet in Hanoi, day {n}", "url": f"https://wire.example/{n}"} for n in range(1, 8)]
    lines.append({"title": "Envoys leave Hanoi", "body": "The envoys left Hanoi on Friday.", "date": "someday"})
    (articles / "links.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 2, warnings
    shared = next(w for w in warnings if "7 items" in w)
    assert shared.startswith("warning: 7 items: no article text (")
    assert shared.endswith("(links.jsonl#1, links.jsonl#2, links.jsonl#3, links.jsonl#4, links.jsonl#5 and 2 more)")
    assert "warning: links.jsonl#8: date 'someday' is not a plausible date; ignored" in warnings

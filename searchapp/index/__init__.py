"""The index stage: the Whoosh index the archive is read into, and the builds that keep it current.

One job a module. The search side reads the first four only, which import nothing of the
builder, the reading stage or the facets:

    schema.py       fields, analyzer, SCHEMA_VERSION, EXTRACTED, UNDATED
    cjk.py          the analyzer's filter that splits Chinese, Japanese and Korean words
    storage.py      the index folder: open_index, index_exists, the meta and vocabulary side files
    record.py       StoredRecord: what a document stores beside its text, written and read back
    errors.py       ReindexError and its kinds (IndexBusy, DiskFull, ...): the one line a user sees
    document.py     an article and its facets as one Whoosh document
    filestate.py    what the index knows of each archive file, for incremental runs
    fingerprint.py  what the documents were made with, to say when a full rebuild is due
    prepare.py      one file read once, extracted, made documents
    pool.py         files prepared in order, by worker processes in a big build
    cleanup.py      a failed or killed run's partial files removed
    build.py        reindex(): full and incremental builds under a lock, ReindexReport

Whoosh's private write-side structures are used in searchapp/internals/writer.py (the segment writer)
and internals/postings_writer.py (the bytes of a term's postings) only.

The names below can be imported from searchapp.index itself. They are looked up on first use
(PEP 562), so that `import searchapp.index.schema` does not import the builder.
"""

from __future__ import annotations

from searchapp.lazy_names import lazy_names

HOMES = {
    "schema": ("SCHEMA_VERSION", "EXTRACTED", "UNDATED", "analyzer", "schema"),
    "storage": ("META_FILE", "VOCABULARY_FILE", "index_exists", "open_index", "read_json", "read_meta", "write_meta"),
    "record": ("StoredRecord",),
    "errors": (
        "REBUILD_HINT", "ArchiveMissing", "DiskFull", "IndexBusy", "IndexDamaged", "IndexUnwritable", "ReindexError",
    ),
    "filestate": ("FileState", "indexed_files"),
    "build": ("Progress", "ReindexReport", "recurring_lines", "reindex"),
}
__all__, __getattr__, __dir__ = lazy_names(__name__, HOMES)

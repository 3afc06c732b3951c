"""The archive's listing: which files are articles, with their size and time."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# What a saved web page brings along (its "_files" folder): never an article, so never listed.
# Every other file is listed, and the reader says which kind it is or why it skipped it.
PAGE_ASSET_SUFFIXES = frozenset(
    ".css .js .mjs .map .png .jpg .jpeg .gif .webp .avif .svg .ico .bmp .tif .tiff "
    ".woff .woff2 .ttf .otf .eot .mp3 .mp4 .m4a .webm .ogg .wav .swf".split()
)


def archive_files(root: Path) -> list[Path]:
    """Every article file under root, sorted; hidden files and folders left out."""
    return [root / listed.path for listed in archive_listing(root)]


@dataclass(frozen=True)
class Listed:
    """An article file as the archive's listing gives it: no Path object, no reading."""

    path: str  # archive-relative, posix
    size: int | None  # None when the file could not be looked at
    mtime_ns: int | None


def archive_listing(root: Path) -> list[Listed]:
    """Every file under root but hidden ones and page assets, with its size and time, in the order Path objects sort in.

    One scandir pass and one stat a file: an incremental reindex compares these with
    the index and makes a Path only of files that changed (on 100,000 files,
    Path objects and a second stat cost seconds). Symbolic links to files count;
    linked folders are not followed, as os.walk does not.
    """
    found: list[Listed] = []
    pending = [(os.fspath(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:  # an unreadable folder is passed over, as os.walk does
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, f"{prefix}{entry.name}/"))
            elif os.path.splitext(entry.name)[1].lower() not in PAGE_ASSET_SUFFIXES and entry.is_file():
                try:
                    st = entry.stat()
                    found.append(Listed(prefix + entry.name, st.st_size, st.st_mtime_ns))
                except OSError:
                    found.append(Listed(prefix + entry.name, None, None))
    found.sort(key=lambda listed: listed.path.split("/"))
    return found



"""The archive's listing: which files are articles, with their size and time, and which entries
are passed over and why (a listing never fails on one odd entry)."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from searchapp.reading.model import Skip

# What a saved web page brings along (its "_files" folder): never an article, so never listed.
# Every other file is listed, and the reader says which kind it is or why it skipped it.
PAGE_ASSET_SUFFIXES = frozenset(
    ".css .js .mjs .map .png .jpg .jpeg .gif .webp .avif .svg .ico .bmp .tif .tiff "
    ".woff .woff2 .ttf .otf .eot .mp3 .mp4 .m4a .webm .ogg .wav .swf".split()
)
OUTSIDE_SETTING = "FOLLOW_LINKS_OUTSIDE_ARCHIVE"  # the setting that lets links leave the archive


def archive_files(root: Path) -> list[Path]:
    """Every article file under root, sorted; hidden files and folders left out."""
    return [root / listed.path for listed in archive_listing(root)]


@dataclass(frozen=True)
class Listed:
    """An article file as the archive's listing gives it: no Path object, no reading."""

    path: str  # archive-relative, posix
    size: int | None  # None when the file could not be looked at
    mtime_ns: int | None


@dataclass
class Listing:
    """The archive's article files, and the entries passed over with the reason for each."""

    files: list[Listed] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


def archive_listing(root: Path, *, follow_links_outside: bool = False) -> list[Listed]:
    """Every article file under root, as scan_archive lists them."""
    return scan_archive(root, follow_links_outside=follow_links_outside).files


def scan_archive(root: Path, *, follow_links_outside: bool = False) -> Listing:
    """Every file under root but hidden ones and page assets, with its size and time, in the order
    Path objects sort in; and every entry that cannot be an article, with its reason.

    One scandir pass and one stat a file: an incremental reindex compares these with the index and
    makes a Path only of files that changed (on 100,000 files, Path objects and a second stat cost
    seconds). A symbolic link to a file in the archive counts; one to a file outside it only with
    follow_links_outside (a link must not publish /etc/passwd). Linked folders are not followed.
    Raises OSError only when root itself cannot be listed.
    """
    listing = Listing()
    real_root = os.path.realpath(root)
    pending = [(os.fspath(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as found:
                entries = list(found)
        except OSError as exc:
            if not prefix:
                raise
            listing.skipped.append(Skip(shown(prefix[:-1]), f"folder cannot be read ({exc.strerror or exc})"))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            rel = prefix + entry.name
            try:
                if not _is_utf8(entry.name):
                    listing.skipped.append(Skip(shown(rel), "the name is not valid UTF-8; rename it to index it"))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, rel + "/"))
                elif os.path.splitext(entry.name)[1].lower() not in PAGE_ASSET_SUFFIXES:
                    _list_entry(entry, rel, real_root, follow_links_outside, listing)
            except OSError as exc:  # e.g. gone since the folder was read
                listing.skipped.append(Skip(rel, f"cannot look at it ({exc.strerror or exc})"))
    listing.files.sort(key=lambda listed: listed.path.split("/"))
    listing.skipped.sort(key=lambda skip: skip.path.split("/"))
    return listing


def _list_entry(entry: os.DirEntry, rel: str, real_root: str, follow_links_outside: bool, listing: Listing) -> None:
    """List one entry that is not a folder, or say why it is passed over."""
    link = entry.is_symlink()
    try:
        st = entry.stat(follow_symlinks=True)
    except OSError as exc:
        listing.skipped.append(Skip(rel, _unreachable(entry, exc, link)))
        return
    reason = _not_a_file(st.st_mode, _link_target(entry.path) if link else None)
    if reason is None and link:
        reason = _outside(entry.path, real_root, follow_links_outside)
    if reason:
        listing.skipped.append(Skip(rel, reason))
    else:
        listing.files.append(Listed(rel, st.st_size, st.st_mtime_ns))


def _unreachable(entry: os.DirEntry, exc: OSError, link: bool) -> str:
    """Why an entry could not be looked at: a link loop, a broken link, or what the system said."""
    if link and exc.errno == errno.ELOOP:
        return "a symbolic link loop (it leads back to itself)"
    if link and exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"a broken symbolic link (its target {_link_target(entry.path)} does not exist)"
    return f"cannot look at it ({exc.strerror or exc})"


KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
         (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def _not_a_file(mode: int, target: str | None) -> str | None:
    """Why an entry is no file to read (reading a pipe or /dev/zero never ends); None for a regular file.

    target is where a symbolic link leads, None for an entry that is no link.
    """
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"a symbolic link to a folder ({target}); linked folders are not followed"
    kind = next((name for test, name in KINDS if test(mode)), "a special file")
    return f"{kind}, not a regular file" if target is None else f"a symbolic link to {kind} ({target}), not a regular file"


def _outside(path: str, real_root: str, follow_links_outside: bool) -> str | None:
    """Why a link is not followed: it leads out of the archive and the newsroom has not allowed that."""
    target = os.path.realpath(path)
    if follow_links_outside or os.path.commonpath([real_root, target]) == real_root:
        return None
    return f"a symbolic link to {shown(target)}, outside the archive; not followed unless {OUTSIDE_SETTING} is on"


def _link_target(path: str) -> str:
    try:
        return shown(os.readlink(path))
    except OSError:
        return "?"


def _is_utf8(name: str) -> bool:
    """Whether a name decoded from the file system is UTF-8: undecodable bytes come as surrogates."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(name: str) -> str:
    """A file system name as text that can be printed and stored: bytes that are not UTF-8 as \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")

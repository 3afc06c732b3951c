"""Bytes to text: UTF-8 (with or without BOM), UTF-16, cp1252/latin-1, binary refused."""

from __future__ import annotations

import codecs
import re

BINARY_CONTROL_SHARE = 0.05


MOJIBAKE_MARKERS = ("â€™", "â€œ", "â€", "Ã©", "Ã¨", "Ã¶", "Ã¼")


CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1f]")


def decode_bytes(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(text, warning, reason to skip): UTF-8 with or without BOM, else cp1252, else latin-1."""
    if not data:
        return None, None, "empty file"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, None, "not valid UTF-16 despite its byte order mark"
        return (text, None, None) if text.strip() else (None, None, "only whitespace, no text")
    head = data[:8192]
    if b"\x00" in head:
        return None, None, "binary file (contains NUL bytes), not text"
    controls = len(CONTROL_BYTES.findall(head))
    if controls > BINARY_CONTROL_SHARE * len(head):
        return None, None, "binary file (mostly control bytes), not text"
    try:
        text, warning = data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        for encoding in ("cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            warning = f"not valid UTF-8 (byte {exc.start}); read as {encoding}"
            break
    if not text.strip():
        return None, None, "only whitespace, no text"
    if warning is None and any(marker in text for marker in MOJIBAKE_MARKERS):
        try:  # UTF-8 that was once read as cp1252 and saved again: "Washingtonâ€™s"
            text, warning = _cp1252_bytes(text).decode("utf-8"), "UTF-8 read as cp1252 once (â€™); repaired"
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return text, warning, None


def _cp1252_bytes(text: str) -> bytes:
    """text encoded back to cp1252; its five unmapped bytes (0x81, 0x8d, ...) came through as themselves."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                raise
            out.append(ord(ch))
    return bytes(out)



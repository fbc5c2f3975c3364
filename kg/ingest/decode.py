"""Bytes to text, safely: files read with their errors named, binary files refused, and text
decoded: UTF-8 (a BOM dropped), UTF-16 with a BOM, a declared or forced encoding, and any other
encoding by detection (charset-normalizer), with a warning naming the file and the encoding.

Detection on short texts is unreliable between close single-byte code pages (a lone latin-1
``£`` comes back as Shift-JIS half-width katakana, ``ñ`` as cp1250's ``ń``), so Windows-1252
(what browsers read ``latin-1`` and unlabelled Western pages as) wins whenever
charset-normalizer finds it about as plausible as its own first choice.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
from collections.abc import Callable

from charset_normalizer import from_bytes

from kg.errors import InputError

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "SNIFF_BYTES",
    "check_encoding",
    "content_type",
    "decode_html",
    "decode_text",
    "looks_binary",
    "open_error",
    "read_bytes",
    "read_text",
    "too_large",
]

Warn = Callable[[str], None]
log = logging.getLogger(__name__)

SNIFF_BYTES = 8192  # bytes looked at for NULs: one in ten there means a binary file
#: Windows-1252 is taken when its mess ("chaos") is at most this much above the best match's.
WESTERN_MARGIN = 0.1
WESTERN = "cp1252"
#: Labels that mean Windows-1252 on the web (the WHATWG Encoding Standard).
_WESTERN_LABELS = frozenset({"latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1", "us-ascii", "ascii", "cp819"})
#: ``<meta charset="...">`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``
#: in the first bytes of an HTML page (the WHATWG prescan looks at 1024; pages put it later).
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)
_PRESCAN_BYTES = 4096


#: The largest document read (a file, a JSONL line, stdin): ten times spaCy's default
#: ``max_length``, so at most ten parsing chunks. News articles are far smaller; a bigger
#: "article" is a data dump or a runaway scrape, refused before it is read (KG107).
MAX_DOCUMENT_BYTES = 10_000_000


def too_large(name: str, size: int) -> InputError:
    return InputError(
        f"{name}: {size:,} bytes, over the limit of {MAX_DOCUMENT_BYTES:,} for one document; split it", code="KG107"
    )


def open_error(path: str, err: OSError) -> InputError:
    if isinstance(err, FileNotFoundError):
        return InputError(f"{path}: no such file or folder", code="KG103")
    if isinstance(err, PermissionError):
        return InputError(f"{path}: permission denied", code="KG105")
    return InputError(f"{path}: cannot read ({err.strerror or err})", code="KG105")


def read_text(path: str | os.PathLike) -> str:
    """A UTF-8 text file's content, or an InputError naming the file (and byte, if not UTF-8)."""
    return decode_text(read_bytes(str(path)), str(path))


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as err:
        raise open_error(path, err) from err


#: C0 control bytes that text in an ASCII-compatible encoding (nearly) never has: not tab,
#: line feed, vertical tab, form feed, carriage return or escape.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def looks_binary(sample: bytes) -> bool:
    """Many NULs (UTF-16 without a BOM, images, archives): a stray NUL in text is removed later."""
    return sample.count(b"\x00") * 10 > len(sample)


def _binary_bytes(sample: bytes) -> bool:
    """Many NULs or other control bytes (compressed data): for bytes that are not UTF-8, which
    a single-byte code page would otherwise read as text whatever they are."""
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return looks_binary(sample) or controls * 20 > len(sample)


def check_encoding(encoding: str) -> str:
    """The codec name of ``encoding`` (``latin-1`` -> ``iso8859-1``), or KG124 if Python has none."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r} (try utf-8, cp1252, latin-1, shift_jis)", "KG124") from None


def decode_text(data: bytes, name: str, *, encoding: str | None = None, warn: Warn | None = None) -> str:
    """``data`` as text, or an InputError naming ``name``.

    ``encoding`` forces a codec. Otherwise UTF-8 (BOM dropped) or UTF-16 with a BOM; other
    text is decoded by detection only when ``warn`` is given (it is told the encoding found),
    and is KG102 without it. Binary data is KG101 either way."""
    if encoding is not None:
        return _forced(data, name, encoding)
    text = _unicode(data, name)
    if text is not None:
        return text
    if warn is None:
        return _utf8(data, name)  # not UTF-8: KG102 with the byte offset
    return _mostly_utf8(data, name, warn) or _detect(data, name, warn)


def decode_html(
    data: bytes, name: str, *, declared: str | None = None, encoding: str | None = None, warn: Warn | None = None
) -> str:
    """An HTML page's bytes as text: ``encoding`` if forced, else a BOM, the charset the server
    ``declared`` (HTTP ``Content-Type``) or the page's ``<meta charset>``, UTF-8, and last
    detection (with a warning, like ``decode_text``)."""
    if encoding is not None:
        return _forced(data, name, encoding)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, name, warn=warn)
    label = declared or _meta_charset(data)
    codec = _web_codec(label) if label else None
    if codec is None:
        return decode_text(data, name, warn=warn or log.warning)
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return _detect(data, name, warn or log.warning, why=f"declared {label}, but is not")


def content_type(header: str) -> tuple[str, str | None]:
    """An HTTP ``Content-Type`` as (media type lowercased, charset or None)."""
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip(" \"'"):
            charset = value.strip(" \"'")
    return media.strip().lower(), charset


def _forced(data: bytes, name: str, encoding: str) -> str:
    """``data`` in ``encoding``; binary stays refused (NULs are text only in UTF-16 and UTF-32)."""
    codec = check_encoding(encoding)
    if not codec.startswith(("utf-16", "utf-32")) and _binary_bytes(data[:SNIFF_BYTES]):
        raise InputError(f"{name}: not a text file", code="KG101")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not {encoding} at byte {err.start}", code="KG102") from err
    return text[1:] if text.startswith("\ufeff") else text


def _unicode(data: bytes, name: str) -> str | None:
    """UTF-16 with a BOM or valid UTF-8 (BOM dropped); KG101 for binary; None otherwise."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if looks_binary(data[:SNIFF_BYTES]):
        raise InputError(f"{name}: not a text file", code="KG101")
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError:
        if data.count(b"\x00") * 100 > len(data):
            raise InputError(f"{name}: not a text file", code="KG101") from None
        return None


def _utf8(data: bytes, name: str) -> str:
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not UTF-8 at byte {err.start + bom}", code="KG102") from err


def _mostly_utf8(data: bytes, name: str, warn: Warn) -> str | None:
    """UTF-8 with a few bad bytes (a truncated or spliced file): more valid non-ASCII
    characters than bad sequences. Single-byte text almost never forms valid UTF-8 pairs."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    if good <= bad:
        return None
    warn(f"{name}: not valid UTF-8 in {bad} place(s); read as UTF-8, bad bytes replaced by U+FFFD")
    return text[1:] if text.startswith("\ufeff") else text


def _detect(data: bytes, name: str, warn: Warn, why: str = "not UTF-8") -> str:
    """Text in an unknown encoding, by detection; KG101 when no encoding reads it as text."""
    if _binary_bytes(data[:SNIFF_BYTES]):
        raise InputError(f"{name}: not a text file", code="KG101")
    best = from_bytes(data).best()
    western = from_bytes(data, cp_isolation=[WESTERN]).best()
    if western is not None and (best is None or western.chaos <= best.chaos + WESTERN_MARGIN):
        best = western
    if best is None:
        raise InputError(f"{name}: not a text file (no encoding reads it as text)", code="KG101")
    codec = codecs.lookup(best.encoding).name
    warn(f"{name}: {why}; read as {codec} (detected)")
    return str(best)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    return match[1].decode("ascii") if match else None


def _web_codec(label: str) -> str | None:
    """The codec for a charset label as browsers read it (latin-1 and ASCII as Windows-1252)."""
    label = label.strip().lower()
    if label in _WESTERN_LABELS:
        return WESTERN
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None

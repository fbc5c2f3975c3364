"""Bytes to text, safely: files read with their errors named, binary files refused, and
text decoded (UTF-8, a BOM dropped, UTF-16 with a BOM)."""

from __future__ import annotations

import codecs
import os

from kg.errors import InputError

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "SNIFF_BYTES",
    "decode_text",
    "looks_binary",
    "open_error",
    "read_bytes",
    "read_text",
    "too_large",
]


SNIFF_BYTES = 8192  # bytes looked at for NULs: one in ten there means a binary file


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
    return _decode(read_bytes(str(path)), str(path))


def decode_text(data: bytes, name: str) -> str:
    """Bytes as UTF-8 text (BOM dropped), or an InputError naming ``name``."""
    return _decode(data, name)


def read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as err:
        raise open_error(path, err) from err


def looks_binary(sample: bytes) -> bool:
    """Many NULs (UTF-16 without a BOM, images, archives): a stray NUL in text is removed later."""
    return sample.count(b"\x00") * 10 > len(sample)


def _decode(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped; UTF-16 with a BOM is read too), or an InputError."""
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
    except UnicodeDecodeError as err:
        if data.count(b"\x00") * 100 > len(data):
            raise InputError(f"{name}: not a text file", code="KG101") from err
        raise InputError(f"{name}: not UTF-8 at byte {err.start + bom}", code="KG102") from err

"""Text in any encoding: UTF-8 and UTF-16 with a BOM as they are, Windows-1252, latin-1 and
Shift-JIS by detection with a warning naming the file and encoding, ``--encoding`` forcing one,
binary refused, HTML by its declared charset."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest.decode import check_encoding, decode_html, decode_text
from kg.ingest.sources import iter_documents

#: Real news sentences in the shapes each encoding is met in.
WINDOWS_1252 = (
    "The chancellor said the \u00a35bn package \u2013 \u201cthe biggest in a decade\u201d \u2013 "
    "would be paid for by the \u20ac20bn fund\u2019s reserves.\n"
)
LATIN_1 = "Le pr\u00e9sident a d\u00e9clar\u00e9 \u00e0 la presse que l'\u00e9conomie fran\u00e7aise r\u00e9siste.\n"
GERMAN = "Die Stra\u00dfe nach M\u00fcnchen bleibt gesperrt, teilte die Polizei am Montag mit.\n"
SPANISH = "El presidente espa\u00f1ol dijo que la situaci\u00f3n econ\u00f3mica es dif\u00edcil.\n"
SHIFT_JIS = "東京都は月曜日、新しい感染対策を発表した。知事は記者会見で市民に協力を求めた。\n"


def read_file(path: Path, **kwargs):
    warnings: list[str] = []
    docs = list(iter_documents([str(path)], on_warning=warnings.append, **kwargs))
    return docs, warnings


@pytest.mark.parametrize(
    ("text", "encoding", "found"),
    [
        (WINDOWS_1252, "cp1252", "cp1252"),
        (LATIN_1, "latin-1", "cp1252"),  # latin-1 is read as its superset, as browsers do
        (GERMAN, "latin-1", "cp1252"),
        (SPANISH, "latin-1", "cp1252"),  # not cp1250's "ń" for "ñ"
        (SHIFT_JIS, "shift_jis", "cp932"),  # Microsoft's superset of Shift-JIS
    ],
)
def test_non_utf8_text_is_decoded_by_detection_with_a_warning(tmp_path, text, encoding, found):
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    (doc,), warnings = read_file(path)
    assert doc.text == text.strip()
    assert warnings == [f"{path}: not UTF-8; read as {found} (detected)"]


def test_a_lone_pound_sign_is_latin1_not_shift_jis():
    """bbc/sport/199.txt: one byte 0xA3 in English; charset-normalizer alone says cp932."""
    data = "Mutu, a \u00a315.8m signing from Parma, was sacked by Chelsea on Friday.".encode("latin-1")
    warnings: list[str] = []
    assert "\u00a315.8m" in decode_text(data, "199.txt", warn=warnings.append)
    assert warnings == ["199.txt: not UTF-8; read as cp1252 (detected)"]


def test_utf16_with_a_bom_needs_no_warning(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(("\ufeff" + WINDOWS_1252).encode("utf-16-le"))
    (doc,), warnings = read_file(path)
    assert doc.text == WINDOWS_1252.strip() and warnings == []


def test_utf8_with_a_few_bad_bytes_stays_utf8(tmp_path):
    path = tmp_path / "spliced.txt"
    path.write_bytes((LATIN_1 * 3).encode("utf-8") + b"\xff" + GERMAN.encode("utf-8"))
    (doc,), warnings = read_file(path)
    assert "pr\u00e9sident" in doc.text and "M\u00fcnchen" in doc.text  # no mojibake
    assert warnings == [f"{path}: not valid UTF-8 in 1 place(s); read as UTF-8, bad bytes replaced by U+FFFD"]


def test_encoding_forces_one(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(SHIFT_JIS.encode("shift_jis"))
    (doc,), warnings = read_file(path, encoding="shift_jis")
    assert doc.text == SHIFT_JIS.strip() and warnings == []


def test_a_forced_encoding_that_does_not_fit_names_the_byte(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(LATIN_1.encode("latin-1"))
    with pytest.raises(InputError) as err:
        read_file(path, encoding="utf-8")
    assert err.value.code == "KG102" and err.value.message == f"{path}: not utf-8 at byte 5"


def test_an_unknown_encoding_is_one_error():
    with pytest.raises(InputError) as err:
        check_encoding("klingon-8")
    assert err.value.code == "KG124" and "klingon-8" in err.value.message


@pytest.mark.parametrize("encoding", [None, "latin-1"])
def test_binary_stays_refused(tmp_path, encoding):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(InputError) as err:
        read_file(path, encoding=encoding)
    assert err.value.code == "KG101"


def test_html_is_decoded_by_its_meta_charset_without_a_warning():
    page = '<html><head><meta charset="windows-1252"></head><body><p>\u201cCaf\u00e9\u201d</p></body></html>'
    warnings: list[str] = []
    assert "\u201cCaf\u00e9\u201d" in decode_html(page.encode("cp1252"), "p.html", warn=warnings.append)
    assert warnings == []


def test_html_declared_by_the_server_wins_over_its_meta():
    page = '<html><head><meta charset="utf-8"></head><body><p>東京都</p></body></html>'
    warnings: list[str] = []
    text = decode_html(page.encode("shift_jis"), "p.html", declared="Shift_JIS", warn=warnings.append)
    assert "東京都" in text and warnings == []


def test_html_that_lies_about_its_charset_is_detected_with_one_warning():
    page = '<html><head><meta charset="utf-8"></head><body><p>Caf\u00e9 \u00a35 \u2013 fine</p></body></html>'
    warnings: list[str] = []
    assert "Caf\u00e9 \u00a35" in decode_html(page.encode("cp1252"), "p.html", warn=warnings.append)
    assert warnings == ["p.html: declared utf-8, but is not; read as cp1252 (detected)"]

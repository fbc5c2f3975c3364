"""Tests for kg.ingest.sources and kg.ingest.metadata: sources, errors, warnings and header metadata."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

import kg.ingest.decode as decode
import kg.ingest.sources as ingest
from kg.errors import InputError
from kg.ingest.metadata import is_date_line, parse_date, read_header
from kg.ingest.sources import iter_documents, text_document

SEEDS = Path(__file__).parents[2] / "seeds"

ARTICLE = (
    "World\n"
    "Monday 27 April 2020\n"
    "\n"
    "Ministers agree new rules on fishing quotas\n"
    "\n"
    "BBC\n"
    "\n"
    "Ministers from ten countries agreed new fishing rules on Monday.\n"
    "\n"
    "Advertisement\n"
    "\n"
    "The rules take effect in January, officials said.\n"
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read(sources, **kwargs):
    warnings: list[str] = []
    docs = list(iter_documents([str(s) for s in sources], on_warning=warnings.append, **kwargs))
    return docs, warnings


def code_of(excinfo) -> str:
    return excinfo.value.code


# --- files, folders, globs -----------------------------------------------------------------


def test_plain_text_file(tmp_path):
    path = write(tmp_path / "000_abc.txt", ARTICLE)
    (doc,), warnings = read([path])
    assert warnings == []
    assert doc.id == "000_abc"
    assert doc.path == str(path)
    assert doc.title == "Ministers agree new rules on fishing quotas"
    assert doc.date == "2020-04-27"
    assert doc.source == "BBC"
    assert doc.text == (
        "Ministers agree new rules on fishing quotas\n\n"
        "Ministers from ten countries agreed new fishing rules on Monday.\n\n"
        "The rules take effect in January, officials said."
    )


def test_folder_is_read_recursively_and_sorted(tmp_path):
    write(tmp_path / "b.txt", "Second file text.")
    write(tmp_path / "a.md", "First file text.")
    write(tmp_path / "sub" / "c.text", "Third file text.")
    write(tmp_path / "sub" / "deeper" / "d.txt", "Fourth file text.")
    write(tmp_path / "z.txt", "Last file text.")
    write(tmp_path / ".hidden.txt", "Hidden file.")
    write(tmp_path / ".git" / "e.txt", "Hidden folder.")
    write(tmp_path / "notes.csv", "a,b\n1,2\n")
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    docs, warnings = read([tmp_path])
    assert [d.id for d in docs] == ["a", "b", "sub/c", "sub/deeper/d", "z"]  # paths relative to the folder
    assert warnings == []


def test_glob_pattern(tmp_path):
    write(tmp_path / "x" / "one.txt", "One.")
    write(tmp_path / "x" / "y" / "two.txt", "Two.")
    write(tmp_path / "x" / "three.md", "Three.")
    docs, _ = read([tmp_path / "x" / "**" / "*.txt"])
    assert [d.id for d in docs] == ["one", "y/two"]  # relative to x, the glob's fixed folder


def test_glob_matching_nothing_is_an_error(tmp_path):
    with pytest.raises(InputError) as excinfo:
        read([tmp_path / "*.txt"])
    assert code_of(excinfo) == "KG104"


def test_same_file_twice_is_read_once(tmp_path):
    path = write(tmp_path / "a.txt", "Some text.")
    docs, _ = read([path, tmp_path, tmp_path / "*.txt"])
    assert [d.id for d in docs] == ["a"]


def test_same_stem_in_two_folders_gives_two_documents(tmp_path):
    write(tmp_path / "one" / "story.txt", "First story.")
    write(tmp_path / "two" / "story.txt", "Second story.")
    write(tmp_path / "three" / "two" / "story.txt", "Third story.")
    docs, warnings = read([tmp_path])
    assert [d.id for d in docs] == ["one/story", "three/two/story", "two/story"]
    assert warnings == []


def test_bbc_layout_by_glob_keeps_the_category(tmp_path):
    write(tmp_path / "bbc" / "business" / "001.txt", "Shares rose on Monday.")
    write(tmp_path / "bbc" / "sport" / "001.txt", "United won on Saturday.")
    docs, _ = read([tmp_path / "bbc" / "*" / "*.txt"])
    assert [d.id for d in docs] == ["business/001", "sport/001"]


def test_files_named_directly_are_their_stems_unless_two_share_one(tmp_path):
    """``kg build bbc/*/*.txt`` expanded by the shell names the same files as ``kg build bbc/``."""
    business = write(tmp_path / "bbc" / "business" / "001.txt", "Shares rose on Monday.")
    sport = write(tmp_path / "bbc" / "sport" / "001.txt", "United won on Saturday.")
    other = write(tmp_path / "bbc" / "sport" / "002.txt", "City lost on Sunday.")
    docs, _ = read([business, sport, other])
    assert [d.id for d in docs] == ["business/001", "sport/001", "sport/002"]
    docs, _ = read([business, other])
    assert [d.id for d in docs] == ["001", "002"]


def test_one_id_from_two_sources_is_an_error_not_a_replacement(tmp_path):
    write(tmp_path / "one" / "story.txt", "First story.")
    write(tmp_path / "two" / "story.txt", "Second story.")
    errors: list[InputError] = []
    docs, _ = read([tmp_path / "one", tmp_path / "two"], errors="warn", on_error=errors.append)
    assert [(d.id, d.text) for d in docs] == [("story", "First story.")]
    assert [e.code for e in errors] == ["KG115"]
    assert str(tmp_path / "two" / "story.txt") in errors[0].message
    assert str(tmp_path / "one" / "story.txt") in errors[0].message


def test_one_id_with_the_same_text_twice_is_read_once(tmp_path):
    write(tmp_path / "one" / "story.txt", "The same story.")
    write(tmp_path / "two" / "story.txt", "The same story.")
    docs, warnings = read([tmp_path / "one", tmp_path / "two"])
    assert [d.id for d in docs] == ["story"]
    assert len(warnings) == 1 and "read once" in warnings[0]


def test_symlink_loop_terminates(tmp_path):
    write(tmp_path / "a.txt", "Top text.")
    write(tmp_path / "sub" / "b.txt", "Sub text.")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    os.symlink(tmp_path / "sub", tmp_path / "sub" / "self")
    docs, _ = read([tmp_path])
    assert [d.id for d in docs] == ["a", "sub/b"]


def test_documents_stream(tmp_path):
    write(tmp_path / "a.txt", "Some text.")
    docs = iter_documents([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")])
    assert next(docs).id == "a"  # yielded before the bad source is looked at
    with pytest.raises(InputError) as excinfo:
        next(docs)
    assert code_of(excinfo) == "KG103"


# --- errors and warnings -------------------------------------------------------------------


def test_missing_path(tmp_path):
    with pytest.raises(InputError) as excinfo:
        read([tmp_path / "nope.txt"])
    assert code_of(excinfo) == "KG103"
    assert excinfo.value.message == f"{tmp_path / 'nope.txt'}: no such file or folder"


def test_latin1_file_is_read_with_a_warning_naming_the_encoding(tmp_path):
    path = write(tmp_path / "latin.txt", "Caf\u00e9 society returns.".encode("latin-1"))
    (doc,), warnings = read([path])
    assert doc.text == "Caf\u00e9 society returns."
    assert warnings == [f"{path}: not UTF-8; read as cp1252 (detected)"]


def test_read_text_stays_strict_and_names_the_byte(tmp_path):
    path = write(tmp_path / "latin.txt", "Caf\u00e9 society returns.".encode("latin-1"))
    with pytest.raises(InputError) as excinfo:
        decode.read_text(path)
    assert code_of(excinfo) == "KG102"
    assert excinfo.value.message == f"{path}: not UTF-8 at byte 3"


def test_utf8_bom_is_accepted(tmp_path):
    path = write(tmp_path / "bom.txt", "\ufeffCaf\u00e9 society returns.".encode("utf-8"))
    (doc,), _ = read([path])
    assert doc.text == "Caf\u00e9 society returns."


def test_binary_file(tmp_path):
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as excinfo:
        read([path])
    assert code_of(excinfo) == "KG101"
    assert excinfo.value.message == f"{path}: not a text file"


@pytest.mark.parametrize("content", ["", "   \n\n\t \n", "Advertisement\n\nComments\n"])
def test_empty_file_is_a_warning(tmp_path, content):
    path = write(tmp_path / "empty.txt", content)
    docs, warnings = read([path])
    assert docs == []
    assert warnings == [f"{path}: no text"]


def test_empty_folder_is_a_warning(tmp_path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    write(folder / "data.csv", "a,b")
    docs, warnings = read([folder])
    assert docs == []
    assert warnings == [f"{folder}: no documents found"]


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.txt", "Secret.")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(decode, "open", denied, raising=False)
    with pytest.raises(InputError) as excinfo:
        read([path])
    assert code_of(excinfo) == "KG105"


def test_errors_warn_goes_on_with_other_files(tmp_path):
    write(tmp_path / "a.txt", "First good file.")
    write(tmp_path / "b.txt", "Caf\u00e9.".encode("utf-8") + b"\xe9")
    write(tmp_path / "c.txt", b"\x00\x01\x02binary")
    write(tmp_path / "d.txt", "Second good file.")
    docs, warnings = read([tmp_path, tmp_path / "missing"], errors="warn", encoding="utf-8")
    assert [d.id for d in docs] == ["a", "d"]
    assert [w.split(":")[0] for w in warnings] == ["KG102", "KG101", "KG103"]
    assert warnings[0] == f"KG102: {tmp_path / 'b.txt'}: not utf-8 at byte 6"


def test_errors_warn_with_on_error(tmp_path):
    write(tmp_path / "a.txt", "Good file.")
    write(tmp_path / "b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    errors: list[InputError] = []
    docs = list(iter_documents([str(tmp_path)], errors="warn", on_error=errors.append))
    assert [d.id for d in docs] == ["a"]
    assert [e.code for e in errors] == ["KG101"]


def test_errors_raise_stops_at_the_bad_file(tmp_path):
    write(tmp_path / "a.txt", "Good file.")
    write(tmp_path / "b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    seen = []
    with pytest.raises(InputError):
        for doc in iter_documents([str(tmp_path)]):
            seen.append(doc.id)
    assert seen == ["a"]


def test_bad_errors_argument():
    with pytest.raises(ValueError):
        list(iter_documents([], errors="ignore"))


# --- JSONL ---------------------------------------------------------------------------------


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_ids_and_fields(tmp_path):
    path = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"id": "n1", "text": "First story.", "title": "One", "url": "https://example.org/1"},
            {"id": 42, "text": "Second story.", "date": "April 27, 2020", "source": "AFP"},
            {"text": "Third story.", "date": "2020-04-27T20:51:00+08:00"},
        ),
    )
    docs, warnings = read([path])
    assert warnings == []
    assert [d.id for d in docs] == ["n1", "42", "feed-3"]
    assert docs[0].title == "One" and docs[0].url == "https://example.org/1"
    assert docs[1].date == "2020-04-27" and docs[1].source == "AFP"
    assert docs[2].date == "2020-04-27T20:51:00+08:00"  # the time of day is kept
    assert {d.path for d in docs} == {str(path)}


def test_jsonl_bad_lines_are_skipped_with_line_numbers(tmp_path):
    path = write(
        tmp_path / "feed.jsonl",
        jsonl(
            {"text": "Good one."},
            "{not json",
            {"title": "no text"},
            "",
            {"text": 17},
            "[1, 2]",
            {"text": "Good two."},
        ),
    )
    docs, warnings = read([path])
    assert [d.id for d in docs] == ["feed-1", "feed-7"]
    assert [w.split(": ")[0] for w in warnings] == [
        f"{path}:2",
        f"{path}:3",
        f"{path}:5",
        f"{path}:6",
    ]
    assert "bad JSON" in warnings[0]
    assert 'no "text" or "html" string' in warnings[1]


def test_jsonl_non_utf8_line_is_skipped(tmp_path):
    good = json.dumps({"text": "Good."}).encode()
    bad = b'{"text": "Caf\xe9."}'
    path = write(tmp_path / "feed.jsonl", good + b"\n" + bad + b"\n")
    docs, warnings = read([path])
    assert [d.id for d in docs] == ["feed-1"]
    assert warnings == [f"{path}:2: not UTF-8 at byte {len(good) + 1 + 13}"]


def test_jsonl_text_is_cleaned(tmp_path):
    record = {"id": "x", "text": "Talks resumed.\r\n\r\nAdvertisement\r\n\r\nBoth sides met."}
    path = write(tmp_path / "feed.jsonl", jsonl(record))
    (doc,), _ = read([path])
    assert doc.text == "Talks resumed.\n\nBoth sides met."


# --- stdin ---------------------------------------------------------------------------------


def test_stdin_text():
    docs, _ = read(["-"], stdin=io.StringIO(ARTICLE))
    assert [d.id for d in docs] == ["stdin"]
    assert docs[0].title == "Ministers agree new rules on fishing quotas"


def test_stdin_bytes():
    docs, _ = read(["-"], stdin=io.BytesIO("Caf\u00e9 society returns.".encode()))
    assert docs[0].text == "Caf\u00e9 society returns."


def test_stdin_jsonl():
    stream = io.StringIO(jsonl({"id": "a", "text": "One."}, {"text": "Two."}))
    docs, _ = read(["-"], stdin=stream)
    assert [d.id for d in docs] == ["a", "stdin-2"]


def test_stdin_empty_is_a_warning():
    docs, warnings = read(["-"], stdin=io.StringIO("  \n"))
    assert docs == [] and warnings == ["<stdin>: no text"]


# --- metadata ------------------------------------------------------------------------------

SEED_METADATA = [
    (
        "000_ae2dc266baacb85d",
        "No ground to talk about normalization of Russia-U.S. ties: Kremlin",
        "2020-04-27",
        "CGTN",
    ),
    (
        "001_1603a8d01a087687",
        "US recognises \u2018poor\u2019 relation with Russia, seeks cooperation on Syria",
        None,
        None,
    ),
    (
        "002_fdafb20dd39c0d62",
        "Russia sees progress in Ukraine peace talks but US relations strained",
        None,  # only a photo caption carries a date (Dec 19, 2024): not the article's
        "Reuters",  # the wire sign-off on the last line
    ),
    ("003_bcb29d6ce618a839", None, None, "The Financial Times"),
    (
        "004_6676e491cd5a915a",
        "At odds on many fronts, United States and Russian Federation hope for better ties",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("stem", "title", "date", "source"), SEED_METADATA)
def test_seed_metadata(stem, title, date, source):
    (doc,), warnings = read([SEEDS / f"{stem}.txt"])
    assert warnings == []
    assert (doc.id, doc.title, doc.date, doc.source) == (stem, title, date, source)
    if title:
        assert doc.text.startswith(title + "\n\n")
        assert doc.text.count(title) == 1


def test_seed_bodies_are_clean():
    docs = {d.id: d.text for d in iter_documents([str(SEEDS)])}
    assert len(docs) == 5
    first = docs["000_ae2dc266baacb85d"]
    assert "Politics" not in first and "GMT+8" not in first and "\nCGTN" not in first
    assert "/Reuters" not in first and "File photo" not in first and "agencies)" not in first
    assert "'Spirit of the Elbe'" in first  # a subheading stays
    assert "Logo" not in docs["001_1603a8d01a087687"]
    assert docs["001_1603a8d01a087687"].count("in areas of mutual") == 1
    assert "Advertisement" not in docs["001_1603a8d01a087687"]
    assert "Sign up" not in docs["002_fdafb20dd39c0d62"]
    assert "PHOTO" not in docs["002_fdafb20dd39c0d62"]
    assert docs["002_fdafb20dd39c0d62"].endswith("figure it out faster.\u201d")
    assert "Copyright" not in docs["003_bcb29d6ce618a839"]
    assert "Comments" not in docs["003_bcb29d6ce618a839"]
    assert "Related" not in docs["004_6676e491cd5a915a"]
    assert "directive" not in docs["004_6676e491cd5a915a"]


@pytest.mark.parametrize(
    ("raw", "title", "date", "source"),
    [
        (ARTICLE, "Ministers agree new rules on fishing quotas", "2020-04-27", "BBC"),
        (
            "Talks stall over grain deal\n\nGENEVA (Reuters) - Talks on the grain deal "
            "stalled on Tuesday, diplomats said.\n",
            "Talks stall over grain deal",
            None,
            "Reuters",
        ),
        (
            "Business\nPublished: 3 March 2021 | 10:42 BST\nCentral bank holds rates steady "
            "again\nThe bank kept rates at 5 percent.\n\u00a9 2021 Example News Ltd. All rights "
            "reserved.\n",
            "Central bank holds rates steady again",
            "2021-03-03",
            "Example News",
        ),
        (
            "Sign up for our daily newsletter\nFloods hit northern Italy as rivers burst banks\n"
            "Source: Xinhua\nRescue teams evacuated 300 people on Sunday.\n",
            "Floods hit northern Italy as rivers burst banks",
            None,
            "Xinhua",
        ),
        (
            "The talks, which began on March 3, 2021, ended without a deal on Friday.\n",
            None,
            None,
            None,
        ),
        (
            "Storm closes ports along the coast\nBy Jane Doe, June 5, 2019\nPorts closed.\n"
            "\u201cWe had no choice,\u201d the harbour master said. XINHUA\n",
            "Storm closes ports along the coast",
            "2019-06-05",
            "Xinhua",
        ),
    ],
)
def test_header_metadata(raw, title, date, source):
    doc = text_document(raw, id="t")
    assert (doc.title, doc.date, doc.source) == (title, date, source)


def test_header_lines_leave_the_body():
    doc = text_document(ARTICLE, id="t")
    assert "World" not in doc.text and "BBC" not in doc.text and "2020" not in doc.text


def test_read_header_lists_dropped_lines():
    header = read_header(ARTICLE)
    assert sorted(header.drop) == [0, 1, 5]  # "World", the date, "BBC"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020.04.27 20:51 GMT+8", "2020-04-27"),
        ("Updated 2020-04-27T12:30:00Z", "2020-04-27"),
        ("2020/4/7", "2020-04-07"),
        ("April 27, 2020", "2020-04-27"),
        ("Apr. 27 2020", "2020-04-27"),
        ("27 April 2020", "2020-04-27"),
        ("Monday 27th of April, 2020", "2020-04-27"),
        ("27.04.2020", "2020-04-27"),
        ("Sept 1, 2019", "2019-09-01"),
        ("Feb 30, 2020", None),
        ("2020-13-45", None),
        ("no date here", None),
        ("April 27", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2020.04.27 20:51 GMT+8", True),
        ("Updated 2020.04.27 20:51 GMT+8", True),
        ("Last updated: Tuesday, 3 March 2021, 10:42 a.m.", True),
        ("Posted 2 hours ago", True),
        ("The talks ended on April 27, 2020.", False),
        ("2020", False),
        ("Politics", False),
    ],
)
def test_is_date_line(line, expected):
    assert is_date_line(line) is expected


def test_unreadable_subfolder(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", "Readable.")
    real_walk = os.walk

    def walk(top, **kwargs):
        kwargs["onerror"](PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top, **kwargs)

    monkeypatch.setattr(ingest.os, "walk", walk)
    with pytest.raises(InputError) as excinfo:
        read([tmp_path])
    assert code_of(excinfo) == "KG105"
    docs, warnings = read([tmp_path], errors="warn")
    assert [d.id for d in docs] == ["a"]
    assert warnings == [f"KG105: {tmp_path / 'locked'}: cannot read folder (Permission denied)"]

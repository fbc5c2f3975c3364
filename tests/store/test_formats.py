"""The one format registry and the one text-table printer, and every place that writes in a
format the user picks going through them."""

from __future__ import annotations

import io

import pytest

from kg.errors import ExportError
from kg.store.formats import Formats, text_table
from kg.store.results import RESULT_FORMATS
from kg.store.writing import RDF_FORMATS
from kg.views.export import EXPORT_FORMATS
from kg.views.extraction import FACT_FORMATS, FactRow, write_facts
from kg.views.network import NETWORK_FORMATS
from kg.views.report import ANALYSIS_FORMATS, PATH_FORMATS


def test_a_registry_maps_names_and_aliases_to_one_writer():
    formats: Formats = Formats("colour format")
    red = formats.add("red", lambda: "r", "rouge")
    assert formats["RED"] is red and formats[".rouge"] is red and "rouge" in formats and "blue" not in formats
    assert formats.names == ("red",) and list(formats) == ["red"] and len(formats) == 1
    with pytest.raises(ExportError) as err:
        formats["blue"]
    assert str(err.value) == "KG501: unknown colour format 'blue'; use one of red"
    with pytest.raises(ValueError, match="registered twice"):
        formats.add("rouge", lambda: "r")


def test_every_output_registry_lists_its_formats():
    assert RDF_FORMATS.names == ("ttl", "nt", "trig", "nquads", "jsonld")
    assert EXPORT_FORMATS.names == (*RDF_FORMATS.names, "csv", "json", "graphml", "gexf")
    assert EXPORT_FORMATS.name_of("Turtle") == "ttl" and EXPORT_FORMATS.name_of("n-quads") == "nquads"
    assert NETWORK_FORMATS.names == ("graphml", "gexf")
    assert RESULT_FORMATS.names == ("table", "csv", "tsv", "json", "xml", "ttl", "nt", "rdfxml", "jsonld")
    assert FACT_FORMATS.names == ("table", "tsv", "jsonl", "carb")
    assert ANALYSIS_FORMATS.names == ("table", "json", "csv") and PATH_FORMATS.names == ("table", "json")


def test_text_table_aligns_clips_and_underlines():
    rows = [("Dmitry Peskov", "say", None), ("Kremlin", "deny", "x" * 80)]
    assert text_table(rows, ("subject", "relation", "object"), max_width=10).splitlines() == [
        "subject     relation  object",
        "----------  --------  ----------",
        "Dmitry Pe…  say",
        "Kremlin     deny      xxxxxxxxx…",
    ]
    assert text_table([("a", "b")], ("x", "y"), underline=False) == "x  y\na  b\n"
    assert text_table([("one\nline", "b")], max_width=None) == "one line  b\n"
    assert text_table([]) == ""


def test_the_facts_table_is_the_text_table():
    row = FactRow("s", "Dmitry Peskov", "say", "talks are useful", 0.912, False, "", "speech", ())
    said = FactRow("s", "it", "hold", "talks", 0.5, False, "Dmitry Peskov", "clause", ())
    out = io.StringIO()
    write_facts([row, said], "table", out)
    assert out.getvalue().splitlines() == [
        "Dmitry Peskov  say   talks are useful  0.91",
        "it             hold  talks             0.50 (said by Dmitry Peskov)",
    ]
    empty = io.StringIO()
    write_facts([], "table", empty)
    assert empty.getvalue() == "no facts\n"
    with pytest.raises(ExportError, match="unknown fact format 'xml'; use one of table, tsv, jsonl, carb"):
        write_facts([], "xml", io.StringIO())

"""Tests for kg.ingest.clean: decode safety, page-furniture removal, whitespace."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.clean import STEPS, clean_text, clean_title, is_furniture_line, strip_credit

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))

BODY = "The ministers met in Vienna on Tuesday to discuss the grain corridor."

# Lines that are page furniture, in the wording of many different outlets.
FURNITURE = [
    # photo captions and credits
    "File photo of the parliament building in Kyiv. /AFP",
    "File picture shows a tanker off the coast of Oman",
    "Photo: Jane Doe/The Daily Planet",
    "PHOTO: AFP",
    "Photograph: Sergei Ilnitsky/EPA",
    "Image: supplied",
    "Picture: Ahmed Khan",
    "(Photo by Ahmed Khan/AFP via Getty Images)",
    "Cover: A market in Lagos at dawn. /Xinhua",
    "(Cover: Delegates arrive for the summit in Geneva. /VCG)",
    "Delegates arrive in Geneva for the talks. Photograph: Martial Trezzini/EPA",
    "Protesters gather outside parliament in Tbilisi (Reuters)",
    "Firefighters at the scene on Tuesday. Photo by Maria Lopez",
    "Foreign ministers pose for a group photo (AP Photo/Evan Vucci)",
    "Credit: Tom Smith/Bloomberg",
    "Image copyright Getty Images",
    "Getty Images",
    "Workers unload grain at the port of Odesa. /Getty Images",
    "(Reuters)",
    # adverts
    "Advertisement",
    "ADVERTISEMENT",
    "Advertisement Continue reading the main story",
    "Sponsored",
    "Story continues below advertisement",
    # newsletters, subscriptions, social prompts
    "Sign up for our free morning briefing",
    "Sign up now: Get our newsletters delivered to your inbox",
    "Subscribe to our newsletter for the week's top stories",
    "Get the latest world news delivered to your inbox every morning",
    "Newsletter",
    "Want more? Sign up to the Evening Brief newsletter",
    "Follow us on Twitter and Facebook",
    "Share this article",
    "Read more: Why the grain talks collapsed",
    "Click here to watch the full interview",
    "Download the app for breaking news alerts",
    # copyright and licensing
    "Copyright 2023 The Associated Press. All rights reserved.",
    "Copyright © ",
    "© 2024 Example News Media Limited or its affiliated companies.",
    "All rights reserved.",
    "Reuse this content",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Use of this content is subject to our terms of use.",
    "(With input from agencies)",
    "(With inputs from Reuters and AFP)",
    "(Reporting by Jane Doe; Editing by John Roe)",
    # comment sections
    "Comments",
    "Comments have not been enabled for this article.",
    "Jump to comments section",
    "Show comments",
    "Leave a comment",
    "Join the conversation",
    "Follow the topics in this article",
    "12 comments",
    # related links and recirculation
    "Related news",
    "Related:",
    "Related articles",
    "RELATED STORIES",
    "More on this story",
    "Recommended",
    "Most read",
    "Trending",
    # server, script and cookie messages
    "500 Internal Server Error",
    "502 Bad Gateway",
    "503 Service Unavailable",
    "404 Not Found",
    "nginx",
    "nginx/1.18.0 (Ubuntu)",
    "Error establishing a database connection",
    "Access denied",
    "[an error occurred while processing this directive]",
    "Please enable JavaScript to view this page.",
    "This site uses cookies to improve your experience.",
    "We use cookies. Accept all cookies",
    # timestamps and dates alone on a line
    "Updated 2021.11.03 09:15 GMT+8",
    "Published: 14 March 2022",
    "Last updated on March 3, 2022 at 4:05 p.m. EST",
    "Monday 27 April 2020",
    "2019-06-12 18:30",
    "Posted 3 hours ago",
    # site navigation and bylines
    "Logo",
    "Skip to main content",
    "By Jane Doe",
    "By Jane Doe and Omar Haddad, Reuters",
]

# Real news sentences that look like furniture but must stay.
KEEP = [
    "The newsletter, launched in 2019, reached 2 million readers.",
    "He said comments by the minister were unhelpful.",
    "Photographs of the scene were shared widely.",
    "The photo was taken by a local resident on Monday.",
    "Copyright law in the European Union changed in 2019.",
    "Copyright holders sued the platform in 2021.",
    "She asked supporters to sign up for the rally on Saturday.",
    "Getty Images said on Monday it would cut 200 jobs.",
    "The advertisement, which ran in 2016, was later withdrawn.",
    "Related talks are expected to resume in Geneva next week.",
    "Trending topics on Chinese social media included the summit.",
    "Access to the site was denied to foreign journalists, officials said.",
    "The server returned a 404 error, the company said.",
    "Published in 2019, the report found widespread fraud.",
    "The Kremlin said on April 27, 2020 that the talks would continue.",
    "By Friday, the two sides had agreed a ceasefire.",
    "Comments by the minister drew sharp criticism.",
    "Reuters reported that the talks had stalled.",
    "Greece reaches a deal with the International Monetary Fund (IMF)",
    "The images, released by the army, showed damaged tanks.",
    "Follow-up talks are planned for May.",
    "Sponsored by the government, the programme trains 5,000 nurses a year.",
    "Kremlin spokesman says talks with Washington are complicated",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_line_is_removed(line):
    assert is_furniture_line(line)
    assert clean_text(f"{BODY}\n\n{line}\n\nThe talks end on Friday.") == (f"{BODY}\n\nThe talks end on Friday.")


@pytest.mark.parametrize("line", KEEP)
def test_news_sentence_is_kept(line):
    assert not is_furniture_line(line)
    assert clean_text(f"{BODY}\n\n{line}") == f"{BODY}\n\n{line}"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "The minister resigned on Friday. Officials declined to comment. /Reuters",
            "The minister resigned on Friday. Officials declined to comment.",
        ),
        ("The talks will resume on Monday. (Reuters)", "The talks will resume on Monday."),
        ('"We will not back down," she said. AFP', '"We will not back down," she said.'),
        ("Prices rose 3 percent in May.", "Prices rose 3 percent in May."),
    ],
)
def test_trailing_credit_is_stripped(line, expected):
    assert strip_credit(line) == expected
    assert clean_text(line) == expected


def test_caption_above_a_credit_line_goes_with_it():
    text = (
        "Grain exports resume from Black Sea ports\n"
        "A cargo ship waits to be loaded at the port of Odesa, on June 3, 2023.\n"
        "PHOTO: AFP\n"
        "ODESA - The first grain ship in a month left port on Monday."
    )
    assert clean_text(text) == (
        "Grain exports resume from Black Sea ports\nODESA - The first grain ship in a month left port on Monday."
    )


def test_related_links_after_a_related_header_are_removed():
    text = (
        f"{BODY}\n\nRelated stories\n\nEU agrees new sanctions package\n\n"
        "Oil prices fall to a two-year low\n\nThe next round of talks is set for June."
    )
    assert clean_text(text) == f"{BODY}\n\nThe next round of talks is set for June."


def test_related_header_does_not_eat_a_real_paragraph():
    text = f"{BODY}\n\nRelated:\n\nOfficials said a deal was close, but gave no details."
    assert clean_text(text) == f"{BODY}\n\nOfficials said a deal was close, but gave no details."


def test_repeated_headline_is_kept_once():
    title = "Ministers agree new rules on fishing quotas"
    text = f"{title}\n\n{title.upper()}\n\n{BODY}\n\n  {title}  "
    assert clean_text(text) == f"{title}\n\n{BODY}"


def test_long_repeated_paragraph_is_kept():
    para = "The court ruled that " + "the contract was valid and binding, " * 10 + "it said."
    assert clean_text(f"{para}\n\n{para}") == f"{para}\n\n{para}"


def test_truncated_teaser_is_dropped_when_the_full_line_follows():
    full = "Ministers from ten countries agreed new fishing rules on Monday after two days of talks."
    text = f"{full[:50]}\u2026\n\n{full}"
    assert clean_text(text) == full


def test_teaser_without_full_line_is_kept():
    text = "Ministers from ten countries agreed new fishing rules on..."
    assert clean_text(text) == text


# --- decode safety -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeffHello world.", "Hello world."),
        ("Hel\x00lo\x07 world.", "Hello world."),
        ("Hello\x9b world.", "Hello world."),
        ("Zero\u200bwidth\u200d joiner\u2060.", "Zerowidth joiner."),
        ("Bidi \u202eoverride\u202c and \u2066isolate\u2069.", "Bidi override and isolate."),
        ("Soft hy\u00adphen.", "Soft hyphen."),
        ("One.\r\nTwo.\rThree.", "One.\nTwo.\nThree."),
        ("Lone \ud800surrogate \udfffhere.", "Lone surrogate here."),
        ("Cafe\u0301 Noe\u0308l.", "Caf\u00e9 No\u00ebl."),
        ("Non\u00a0breaking\u202fspaces.", "Non breaking spaces."),
        ("Tabs\t\tand   spaces.  ", "Tabs and spaces."),
        ("One.\n\n\n\n\nTwo.", "One.\n\nTwo."),
        ("\n\n  Leading and trailing.  \n\n", "Leading and trailing."),
        ("Form\x0cfeed.", "Form\nfeed."),
    ],
)
def test_decode_safety_and_whitespace(raw, expected):
    assert clean_text(raw) == expected


def test_nfc_output():
    assert unicodedata.is_normalized("NFC", clean_text("Nicola\u0301s Maduro"))


def test_steps_are_named_functions():
    assert all(callable(step) and step.__name__ != "<lambda>" for step in STEPS)
    assert [s.__name__ for s in STEPS][-1] == "collapse_blank_lines"


def test_clean_title():
    assert clean_title("  Talks\u00a0stall\nin Geneva | Example News ") == "Talks stall in Geneva"
    assert clean_title("\ufeffRussia-U.S. ties: Kremlin") == "Russia-U.S. ties: Kremlin"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_cleaning_is_idempotent_and_furniture_free(seed):
    text = clean_text(seed.read_text(encoding="utf-8"))
    assert text and clean_text(text) == text
    assert "\u00a0" not in text and "\n\n\n" not in text
    for line in text.split("\n"):
        assert not is_furniture_line(line), line


@given(st.text())
def test_output_has_no_control_or_format_characters(text):
    out = clean_text(text)
    assert "\r" not in out and "\n\n\n" not in out and out == out.strip()
    for ch in out:
        assert ch in "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs"), repr(ch)

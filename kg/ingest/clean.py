"""Text normalisation: a tuple of small ``str -> str`` steps, applied in order by ``clean_text``.

The steps fall in three groups: decode safety (stray bytes and invisible characters), page
furniture (captions, adverts, newsletter prompts, copyright, comments, related links, server
errors, timestamps, repeated headlines) and whitespace. Furniture rules are general patterns
for web-scraped news, matched against whole lines after stripping.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from kg.ingest.metadata import is_date_line

__all__ = [
    "STEPS",
    "clean_text",
    "clean_title",
    "clip",
    "is_furniture_line",
    "one_line",
    "printable",
    "replace_unsafe",
    "safe_text",
    "strip_credit",
]

# --- decode safety -------------------------------------------------------------------------

#: C0 and C1 control characters except tab and newline (CR is turned into LF before this),
#: lone UTF-16 surrogates (never valid in text, left behind by bad decodes) and the
#: noncharacters U+FDD0-U+FDEF, U+FFFE and U+FFFF (not for interchange; refused by XML).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
#: What no RDF syntax or XML can hold: lone surrogates and U+FFFE/U+FFFF (not UTF-8 or XML
#: characters) and C0 controls but tab, newline and CR, and DEL (refused by XML 1.0 or N-Triples readers).
_NOT_UNICODE = re.compile("[\ud800-\udfff\ufffe\uffff]")
_XML_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Vertical tab, form feed and the Unicode line/paragraph separators break lines.
_LINE_BREAKS = re.compile(r"[\x0b\x0c\u2028\u2029\x85]")

# --- furniture: captions and credits -------------------------------------------------------

#: A caption or credit line by its start: "File photo of ...", "Photo: ...", "(Photo ...".
_CAPTION_START = re.compile(
    r"^(?:\(?\s*file\s+(?:photo|picture|image)"
    r"|\(?(?:photo(?:graph)?s?|image|picture|cover|credit)\s*:"
    r"|\(\s*(?:photo|image|picture|cover)\b"
    r"|(?:photo|image|picture)\s+(?:by|courtesy|credit)\b"
    r"|image\s+(?:copyright|source|caption)\b"
    r"|ap\s+photo\b)",
    re.IGNORECASE,
)
#: A caption by its end: "... Photograph: Name/EPA", "... Photo by Name", "(AP Photo/Name)".
_CAPTION_END = re.compile(
    r"(?:\b(?:photo(?:graph)?|image|picture)\s*(?::|by\b|courtesy\b)[^.!?]{1,80}"
    r"|\bcredit\s*:[^.!?]{1,80}|(?:/|\bvia\s)\s*getty\s+images|\bap\s+photo\s*/[^.!?]{1,60}"
    r"|\((?:[^()]*\b(?:photo|image|picture)s?\b[^()]*|[^()]*getty[^()]*)\))\s*$",
    re.IGNORECASE,
)
#: A trailing slash credit: "... Peskov. /Reuters", "... / AFP", "... /Getty Images".
_SLASH_CREDIT = re.compile(r"\s+/\s?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3}\s*$")
#: News and photo agencies, for bracketed credits: "(IMF)" at a line end is not a credit.
_AGENCIES = (
    r"reuters|afp|ap|aap|epa|upi|dpa|efe|ansa|ani|pti|ians|xinhua|kyodo|yonhap|tass"
    r"|ria novosti|anadolu(?: agency)?|bernama|antara|sputnik|bloomberg|cfp|vcg|pa(?: media)?"
    r"|getty images|shutterstock|alamy|afp via getty images"
)
#: A trailing agency in brackets after a sentence or phrase: "... (Reuters)", "... (AFP)".
_PAREN_CREDIT = re.compile(rf"\s+\((?i:{_AGENCIES})(?:/[^()]{{1,40}})?\)\s*$")
#: A trailing all-caps agency sign-off after the last sentence: '... faster." REUTERS'.
_SIGN_OFF = re.compile(r"(?<=[.!?\"'\u201d\u2019])\s+[A-Z]{2,}(?:\s*[,/]\s*[A-Z]{2,})*\s*$")
#: A line that is only a credit ("PHOTO: REUTERS", "Credit: Jane Doe/AP"): its caption is the
#: line just above it.
_CREDIT_ONLY = re.compile(r"^(?:photo(?:graph)?s?|image|picture|credit)\s*:\s*[^.!?:]{1,60}$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]['\"\u201d\u2019)]*\s+['\"\u201c\u2018(]*[A-Z0-9]")

# --- furniture: whole lines, case-insensitive after strip ----------------------------------

_FURNITURE_PATTERNS = (
    # adverts and sponsored content
    r"advertisement(?:\s*[-:]?\s*continue reading the main story)?",
    r"(?:sponsored|promoted)(?:\s+(?:content|stories|links))?",
    r"story continues below(?:\s+(?:this\s+)?advertisement)?",
    r"(?:continue reading|scroll to continue(?: with content)?)(?: below)?",
    # site navigation left in the text
    r"logo|menu|search|home|close|print|e-?mail|tweet|share|skip to (?:main )?content"
    r"|skip navigation|toggle navigation|back to top|sign in|log in|open in app",
    r"getty images(?:\s*/.*)?",
    rf"[-\u2013\u2014]?\s*\(?(?:{_AGENCIES})\)?",  # a lone credit: "(Reuters)", "- AFP"
    # social and app prompts
    r"follow us on\b.*",
    r"share (?:this|the) (?:article|story|page|post)\b.*",
    r"share (?:on|via) (?:facebook|twitter|x|whatsapp|linkedin|email)\b.*",
    r"(?:read more|read also|also read|see also|watch|listen)\s*:.*",
    r"read more",
    r"click here\b.*",
    r"download (?:the|our) (?:\w+ )?app\b.*",
    # copyright and licensing ("Copyright" + a capitalised name is checked separately)
    r"(?:©|\(c\)\s*\d{4}).*",
    r".*\ball rights reserved\b.*",
    r"reuse this content\b.*",
    r".*\bmay not be published, broadcast, rewritten,? or redistributed\b.*",
    r"use of this (?:content|material|site) is subject to\b.*",
    r"\(\s*with inputs? from [^()]*\)",
    r"\(\s*(?:additional )?(?:reporting|writing|editing|compiled) by [^()]*\)",
    # a wire story's credit line: "Reporting by Jane Doe in Cairo; Editing by John Roe"
    r"(?:additional )?(?:reporting|writing|editing|compiled|research) by [^!?;]{1,120}(?:;[^!?]{1,120})+",
    r"(?:additional )?(?:reporting|writing|editing|compiled|research) by [^.!?;]{1,120}",
    # comment sections
    r"(?:\d+\s+)?comments?",
    r"comments (?:have|are) (?:not been enabled|been disabled|closed|disabled)\b.*",
    r"jump to comments(?: section)?",
    r"(?:show|view|hide|load|read|see) (?:all )?(?:\d+ )?comments\b.*",
    r"(?:leave|add|post|write) a (?:comment|reply)\b.*",
    r"join the (?:conversation|discussion|debate)\b.*",
    r"follow the topics in this article",
    # related links and recirculation headers
    r"related(?: (?:news|articles?|stories|story|content|coverage|links|topics|reading))?\s*:?",
    r"related(?: \w+)?:\s.{1,150}",
    r"more (?:on|about) this (?:story|topic)\s*:?",
    r"recommended(?: (?:for you|stories|articles|reading))?\s*:?",
    r"most (?:read|popular|viewed|shared)\s*:?",
    r"trending(?: now| stories| topics)?\s*:?",
    r"(?:you (?:may|might) also like|read next|editor'?s picks|top stories|latest news)\s*:?",
    # server, script and cookie messages
    r"\d{3}\s+(?:internal server error|bad gateway|service (?:temporarily )?unavailable"
    r"|not found|forbidden|gateway time-?out|bad request)",
    r"(?:nginx|apache|openresty|cloudflare)(?:/[\d.]+)?(?: \(\w+\))?",
    r"error establishing a database connection",
    r"access denied\b.{0,120}",
    r"page not found\b.{0,120}",
    r"\[an error occurred while processing (?:this|the) directive\]",
    r"(?:please )?(?:enable|turn on) javascript\b.*",
    r"(?:javascript is (?:disabled|required)|you need to enable javascript)\b.*",
)
_FURNITURE = re.compile(r"^(?:" + "|".join(_FURNITURE_PATTERNS) + r")$", re.IGNORECASE)

#: Short promotional lines: newsletters, inboxes, sign-ups, cookie banners (< 200 chars).
_PROMO = re.compile(
    r"^(?:[^.!?]{0,40}[.!?:]\s*)?(?:sign up|subscribe|register|join|get|receive|want)\b"
    r".*\b(?:newsletters?|inbox|e-?mails?|briefing|alerts|updates)\b"
    r"|^(?:sign up|subscribe)\b.*"
    r"|^newsletters?\s*:?$"
    r"|\b(?:in|into|to) your inbox\b"
    r"|\bsubscribe to (?:our|the) (?:\w+ ){0,3}newsletters?\b"
    r"|\bsupport (?:our|independent|quality|local) (?:journalism|reporting)\b"
    r"|^(?:enjoyed|liked|like|enjoy) (?:this|the|our) (?:article|story|piece|journalism)\b"
    r"|\bsubscrib(?:e|ing) (?:today|now)\b"
    r"|\b(?:this|our) (?:web)?site uses cookies\b|\bwe use cookies\b"
    r"|\baccept (?:all )?cookies\b|\bcookie (?:policy|settings|preferences)\b",
    re.IGNORECASE,
)
_PROMO_MAX = 200

#: A byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters" (case-sensitive, no full stop).
_BYLINE = re.compile(
    r"^(?i:by)\s+[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|and|in|de|van|von|al-\w+)){0,8}"
    r"(?:\s*[,|]\s*[^.!?]{1,60})?$"
)

#: "Copyright © ...", "Copyright 2024 Reuters", "Copyright The Financial Times Limited 2024":
#: a sign, a year, or a capitalised name (case-sensitive) and a year, so "Copyright law ..."
#: stays.
_COPYRIGHT = re.compile(r"^(?i:copyright)\s*(?:©|\((?i:c)\)|\d{4}\b|(?:[A-Z&][\w&.'-]*\s+){1,6}\d{4}\b)")


def _is_caption(line: str) -> bool:
    """True for a photo caption or credit line (short, with a caption start or end)."""
    if len(line) >= 300:
        return False
    if _CAPTION_START.match(line) or _CAPTION_END.search(line):
        return True
    # "Kremlin spokesman Dmitry Peskov. /Reuters": one short sentence with a slash credit.
    credit = _SLASH_CREDIT.search(line)
    if credit and len(line) < 250 and not _SENTENCE_END.search(line[: credit.start()]):
        return True
    # "Protesters in Kyiv (Reuters)": a phrase, not a sentence, with a bracketed credit.
    credit = _PAREN_CREDIT.search(line)
    return credit is not None and not re.search(r"[.!?'\"\u201d]$", line[: credit.start()])


def is_furniture_line(line: str) -> bool:
    """True when a whole line is page furniture rather than article text."""
    line = re.sub(r"\s+", " ", line).strip()
    if not line:
        return False
    return bool(
        _FURNITURE.match(line)
        or (len(line) < _PROMO_MAX and _PROMO.search(line))
        or (len(line) < _PROMO_MAX and _COPYRIGHT.match(line))
        or (len(line) < 120 and _BYLINE.match(line))
        or is_date_line(line)
        or _is_caption(line)
    )


def strip_credit(line: str) -> str:
    """Remove a trailing credit from inside a line: "... text. /Reuters" -> "... text."."""
    for pattern in (_SLASH_CREDIT, _PAREN_CREDIT, _SIGN_OFF):
        line = pattern.sub("", line)
    return line


# --- the steps -----------------------------------------------------------------------------


def normalise_newlines(text: str) -> str:
    """CRLF, CR and other line separators -> LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _LINE_BREAKS.sub("\n", text)


def remove_controls(text: str) -> str:
    """Drop NUL, other C0/C1 control characters (not tab, newline), lone surrogates and
    noncharacters."""
    return _CONTROL.sub("", text)


def normalise_unicode(text: str) -> str:
    """NFC: composed accents, so equal names compare equal."""
    return unicodedata.normalize("NFC", text)


def remove_format_chars(text: str) -> str:
    """Drop format characters (category Cf): BOMs, zero-width spaces and joiners, bidi."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def normalise_spaces(text: str) -> str:
    """Non-breaking and other Unicode spaces (category Zs) -> a plain space."""
    return "".join(" " if ch != " " and unicodedata.category(ch) == "Zs" else ch for ch in text)


def drop_captions(text: str) -> str:
    """Drop a credit-only line ("PHOTO: REUTERS") and the one-sentence caption just above it."""
    lines = text.split("\n")
    keep = [True] * len(lines)
    for i, line in enumerate(lines):
        if not _CREDIT_ONLY.match(line.strip()):
            continue
        keep[i] = False
        above = lines[i - 1].strip() if i > 0 else ""
        if i > 1 and above and len(above) < 300 and not _SENTENCE_END.search(above):
            keep[i - 1] = False
    return "\n".join(line for line, kept in zip(lines, keep) if kept)


def strip_credits(text: str) -> str:
    """Remove trailing credits from inside lines that are kept."""
    return "\n".join(strip_credit(line) for line in text.split("\n"))


def drop_furniture(text: str) -> str:
    """Drop every line that is page furniture (see ``is_furniture_line``)."""
    return "\n".join(line for line in text.split("\n") if not is_furniture_line(line))


_RELATED_HEADER = re.compile(
    r"^(?:related(?: \w+)?|more (?:on|about) this (?:story|topic)|read more|see also"
    r"|you (?:may|might) also like|recommended(?: \w+)?)\s*:?$",
    re.IGNORECASE,
)
_LINK_MAX = 120
_LINKS_MAX = 10


def _is_link_line(line: str) -> bool:
    return 0 < len(line) < _LINK_MAX and not re.search(r"[.!?:;,'\"\u201d\u2019]$", line)


def drop_related_links(text: str) -> str:
    """Drop short headline-like lines right after a "Related ..." header (header kept here)."""
    out: list[str] = []
    skipping = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if skipping and stripped and _is_link_line(stripped):
            skipping -= 1
            continue
        if not (skipping and out and not out[-1].strip() and not stripped):
            out.append(line)  # blank lines between links collapse into one
        skipping = _LINKS_MAX if _RELATED_HEADER.match(stripped) else skipping * (not stripped)
    return "\n".join(out)


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip().casefold()


def drop_teasers(text: str) -> str:
    """Drop a truncated teaser ("... in areas of mutual…") that a later line spells out."""
    lines = text.split("\n")
    keys = [_key(line) for line in lines]
    kept = []
    for i, line in enumerate(lines):
        stem = re.sub(r"(?:\u2026|\.{3})$", "", keys[i]).rstrip()
        if stem != keys[i] and len(stem) >= 40 and any(k.startswith(stem) and k != keys[i] for k in keys[i + 1 :]):
            continue
        kept.append(line)
    return "\n".join(kept)


def drop_repeats(text: str) -> str:
    """Drop a short line (< 300 chars) identical to an earlier one: repeated headlines."""
    seen: set[str] = set()
    kept = []
    for line in text.split("\n"):
        key = _key(line)
        if key and len(key) < 300:
            if key in seen:
                continue
            seen.add(key)
        kept.append(line)
    return "\n".join(kept)


def collapse_spaces(text: str) -> str:
    """Runs of spaces and tabs -> one space; strip line ends."""
    return "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))


def collapse_blank_lines(text: str) -> str:
    """Three or more newlines -> two (a paragraph break); no leading or trailing blanks."""
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


#: The cleaning steps, in order.
STEPS: tuple[Callable[[str], str], ...] = (
    # 1. decode safety
    *(normalise_newlines, remove_controls, normalise_unicode, remove_format_chars),
    normalise_spaces,
    # 2. page furniture
    *(drop_captions, drop_related_links, drop_furniture, strip_credits),
    *(drop_teasers, drop_repeats),
    # 3. whitespace
    *(collapse_spaces, collapse_blank_lines),
)
_DECODE_STEPS = STEPS[:5]


def safe_text(text: str) -> str:
    """Only the decode-safety steps: newlines, control characters, lone surrogates, NFC,
    format characters and odd spaces; for text given directly (``kg extract``)."""
    for step in _DECODE_STEPS:
        text = step(text)
    return text


def clean_text(text: str) -> str:
    """Return ``text`` with every step of ``STEPS`` applied in order."""
    for step in STEPS:
        text = step(text)
    return text


def clean_title(text: str) -> str:
    """A title on one line: decode safety, no " | Site name" suffix, single spaces."""
    for step in _DECODE_STEPS:
        text = step(text)
    text = re.sub(r"\s+\|\s+[^|]{1,40}$", "", text)
    return re.sub(r"\s+", " ", text).strip()


#: What may not reach a terminal as it is: C0 and C1 controls (line breaks, escape sequences),
#: the Unicode line separators and the bidirectional overrides that reorder what is shown.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to print as one line: control characters, line separators and bidi
    overrides escaped (a newline in a file name shows as ``\\n``, never starts a line)."""
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), str(text))


def one_line(text: str) -> str:
    """All whitespace (tabs, newlines) collapsed to single spaces."""
    return " ".join(str(text).split())


def replace_unsafe(text: str) -> str:
    """Lone surrogates and noncharacters -> U+FFFD, control characters (but tab, newline, CR) ->
    a space, so every RDF syntax can hold the text. Characters are replaced, not removed: the
    length, and so character offsets into the text, stay the same (unlike ``remove_controls``,
    a cleaning step that runs before offsets exist)."""
    if not (_NOT_UNICODE.search(text) or _XML_CONTROLS.search(text)):
        return text
    return _XML_CONTROLS.sub(" ", _NOT_UNICODE.sub("\ufffd", text))


def clip(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, ending in an ellipsis when cut."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

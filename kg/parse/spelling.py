"""English verb spelling, without spaCy: the regular inflections of a verb, the choice between
candidate lemmas by them (kg.parse.lemmas), and a participle's lemma (kg.graph.taxonomy reads
passive relations, ``be given``, by it)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["IRREGULAR_PARTICIPLES", "best_lemma", "participle_lemmas", "regular_forms"]

_VOWELS = frozenset("aeiou")
_NO_DOUBLING = frozenset("wxy")
_SIBILANT_ENDS = ("s", "x", "z", "ch", "sh")


def _syllables(word: str) -> int:
    """Vowel groups, a final silent ``e`` not counted: a rough syllable count."""
    stem = word[:-1] if word.endswith("e") and len(word) > 2 else word
    groups, previous = 0, False
    for char in stem:
        vowel = char in _VOWELS or (char == "y" and groups > 0)
        groups += vowel and not previous
        previous = vowel
    return max(groups, 1)


def _cvc(word: str) -> bool:
    """Ends consonant-vowel-consonant (``hop``, ``admit``), the shape that may double."""
    if len(word) < 3:
        return False
    a, b, c = word[-3], word[-2], word[-1]
    return a not in _VOWELS and b in _VOWELS and c not in _VOWELS and c not in _NO_DOUBLING


def _suffixed(lemma: str, suffix: str) -> set[str]:
    """``lemma`` + ``ed`` or ``ing`` by the regular spelling rules."""
    if suffix == "ed" and lemma.endswith("e"):
        return {lemma + "d"}
    if suffix == "ing" and lemma.endswith("ie"):
        return {lemma[:-2] + "ying"}
    if suffix == "ing" and lemma.endswith("e") and not lemma.endswith(("ee", "oe", "ye")):
        return {lemma[:-1] + "ing"}
    if suffix == "ed" and len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in _VOWELS:
        return {lemma[:-1] + "ied"}
    if lemma.endswith("c"):
        return {lemma + "k" + suffix, lemma + suffix}  # panicked, but also arced
    if _cvc(lemma):
        doubled = lemma + lemma[-1] + suffix
        # one syllable always doubles (hopped); longer verbs do when the last syllable is stressed
        return {doubled} if _syllables(lemma) == 1 else {doubled, lemma + suffix}
    return {lemma + suffix}


def regular_forms(lemma: str) -> set[str]:
    """The regular inflections of a verb: ``-s``, ``-ed`` and ``-ing`` forms."""
    if lemma.endswith(_SIBILANT_ENDS) or (lemma.endswith("o") and lemma[-2:-1] not in _VOWELS):
        third = lemma + "es"
    elif len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in _VOWELS:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return {third} | _suffixed(lemma, "ed") | _suffixed(lemma, "ing")


def best_lemma(word: str, lemma: str, candidates: Iterable[str]) -> str:
    """``lemma`` unless another candidate, and not it, inflects regularly to ``word``."""
    fitting = [c for c in dict.fromkeys(candidates) if word in regular_forms(c)]
    if not fitting or lemma in fitting:
        return lemma
    return fitting[0]


#: Past participles (and past forms) of the common English irregular verbs: a closed class.
IRREGULAR_PARTICIPLES = {
    form: lemma
    for lemma, forms in (
        line.split(":")
        for line in """
        arise:arisen,arose awake:awoken,awoke bear:borne,bore beat:beaten become:became
        begin:begun,began bend:bent bid:bid bind:bound bite:bitten,bit bleed:bled blow:blown,blew
        break:broken,broke breed:bred bring:brought broadcast:broadcast build:built burn:burnt
        burst:burst buy:bought cast:cast catch:caught choose:chosen,chose cling:clung come:came
        cost:cost creep:crept cut:cut deal:dealt dig:dug do:done,did draw:drawn,drew
        drink:drunk,drank drive:driven,drove eat:eaten,ate fall:fallen,fell feed:fed feel:felt
        fight:fought find:found flee:fled fling:flung fly:flown,flew forbid:forbidden,forbade
        forecast:forecast foresee:foreseen,foresaw forget:forgotten,forgot forgive:forgiven,forgave
        freeze:frozen,froze get:got,gotten give:given,gave go:gone,went grind:ground grow:grown,grew
        hang:hung have:had hear:heard hide:hidden,hid hit:hit hold:held hurt:hurt keep:kept
        kneel:knelt know:known,knew lay:laid lead:led lean:leant leap:leapt learn:learnt
        leave:left lend:lent let:let lie:lain,lay light:lit lose:lost make:made mean:meant meet:met
        mislead:misled mistake:mistaken,mistook overcome:overcame overhear:overheard
        override:overridden,overrode oversee:overseen,oversaw overtake:overtaken,overtook
        overthrow:overthrown,overthrew pay:paid prove:proven put:put quit:quit read:read rebuild:rebuilt
        repay:repaid rethink:rethought rewrite:rewritten,rewrote rid:rid ride:ridden,rode
        ring:rung,rang rise:risen,rose run:ran say:said see:seen,saw seek:sought sell:sold send:sent
        set:set shake:shaken,shook shed:shed shine:shone shoot:shot show:shown shrink:shrunk,shrank
        shut:shut sing:sung,sang sink:sunk,sank sit:sat sleep:slept slide:slid speak:spoken,spoke
        speed:sped spend:spent spin:spun split:split spread:spread spring:sprung,sprang stand:stood
        steal:stolen,stole stick:stuck sting:stung strike:struck strive:striven,strove
        swear:sworn,swore sweep:swept swell:swollen swim:swum,swam swing:swung take:taken,took
        teach:taught tear:torn,tore tell:told think:thought throw:thrown,threw thrust:thrust
        undergo:undergone,underwent undercut:undercut understand:understood
        undertake:undertaken,undertook underwrite:underwritten,underwrote upset:upset
        uphold:upheld wake:woken,woke wear:worn,wore weave:woven,wove weep:wept win:won wind:wound
        withdraw:withdrawn,withdrew withhold:withheld withstand:withstood write:written,wrote
        """.split()
    )
    for form in forms.split(",")
}


def participle_lemmas(word: str) -> list[str]:
    """The stems a past form (``given``, ``hoped``, ``planned``, ``denied``) can be the
    participle of: an irregular verb's lemma, else every stem whose regular ``-ed`` form it is
    (``planned``: planne, plann, plan); the caller keeps the first it knows as a verb."""
    if word in IRREGULAR_PARTICIPLES:
        return [IRREGULAR_PARTICIPLES[word]]
    if not word.endswith("ed") or len(word) < 4:
        return [word]
    stems = [word[:-1], word[:-2], word[:-3] + "y", word[:-3]]  # hoped, planned-, denied, planned
    return [stem for stem in dict.fromkeys(stems) if stem and word in regular_forms(stem)] or [word]

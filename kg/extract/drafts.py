"""A fact as the rules first make it, before confidence and attribution are settled."""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import Argument

__all__ = ["Draft"]


@dataclass(frozen=True)
class Draft:
    """A fact before confidence and attribution are settled."""

    subject: Argument
    relation: str
    object: Argument
    negated: bool
    kind: str
    extras: tuple[Argument, ...] = ()
    inherited: bool = False  # the subject came from another clause (conjunction, control)
    surface: str = ""  # the relation as written: "were carried out by", "did not attend"
    subordinate: bool = False  # from a participle, infinitive or adverbial clause
    addressee: Argument | None = None  # whom it was said to: ``told Lavrov`` (kg.extract.addressees)

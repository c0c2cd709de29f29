"""Classify English and German job titles into five seniority levels.

A title is normalised (case, accents, umlaut transliterations, dotted
abbreviations, German gender suffixes) and cut into parts at separators
(``,`` ``;`` ``/`` ``&`` ``+`` ``|`` brackets, a spaced dash, "and", "und").
Each part is matched against an ordered rule table, levels from the highest
down, and the first rule that matches decides the part; the title gets the
highest level of its parts: "VP & Chief of Staff" is vp, "Director and Head of
Procurement" is vp, "Senior Manager, Deputy to the CEO" is manager, "Leiterin
Einkauf & Prokuristin" is vp.

* executive: C-level abbreviations, "chief ... officer", president, founder,
  owner, partner, chair, board member, managing director (MD), general manager
  (GM), Geschäftsführer, Geschäftsleitung, Vorstand, Vorstandsvorsitzender,
  Aufsichtsrat, Inhaber, Gesellschafter, Gründer.
* vp: vice president (VP, SVP, EVP), head of, Prokurist and
  Generalbevollmächtigter (both sign for the company by law, next below the
  Geschäftsführung), Bereichsleiter, and any other "Leiter X" or "X-leiter" not
  listed below. "Leiter Einkauf" translates "Head of Procurement", so both get
  the same level.
* director: director, Direktor, AVP, Abteilungsleiter (a department sits inside
  a Bereich), chief of staff. "Executive Director" is director, as in banking.
* manager: every "... manager" (product, account, office and partner managers
  too), supervisor, team lead, Handlungsbevollmächtigter, and Team-, Gruppen-,
  Projekt-, Schicht-, Filial-, Markt-, Lager-, Büro-, Bau- and Sachgebietsleiter.
* staff: everything else. Assistants and secretaries ("Assistant to the CEO",
  "Personal Assistant, CEO", "Assistentin der Geschäftsführung"), Referenten,
  interns, trainees and working students are staff whoever they work for and
  whatever else their title says.

German titles count in every gendered form: Geschäftsführerin, Leiter/in,
Leiter*innen, Prokuristinnen, Vorständin.

A deputy, assistant, associate or junior qualifier up to two words before the
matched title lowers it one level: "Deputy CEO" and "Stellvertretender
Geschäftsführer" are vp, "Assistant Vice President" is director, "Associate
Director" is manager. Board seats are the exception: a deputy chair or deputy
member of a board ("Stellvertretender Vorstandsvorsitzender", "Deputy
Chairman") sits on it and stays executive. "Partner" and "owner" count only as
the head noun, so "Partner Account Manager", "HR Business Partner", "Product
Owner" and "Owner Relations Manager" are not executives. A C-level title after
"the" or "to" ("Advisor to the CEO") names someone else's role and is ignored.

>>> classify_title("Head of Procurement")
<Seniority.VP: 'vp'>
>>> classify_title("Stellv. Geschäftsführerin")
<Seniority.VP: 'vp'>
>>> [str(level) for level in SENIORITY_ORDER]
['executive', 'vp', 'director', 'manager', 'staff']
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache
from typing import Final


class Seniority(StrEnum):
    """A seniority level, declared highest first."""

    EXECUTIVE = "executive"
    VP = "vp"
    DIRECTOR = "director"
    MANAGER = "manager"
    STAFF = "staff"


SENIORITY_ORDER: Final[tuple[Seniority, ...]] = tuple(Seniority)
_RANK: Final = {level: index for index, level in enumerate(SENIORITY_ORDER)}


def rank(level: Seniority) -> int:
    """The position of ``level`` in :data:`SENIORITY_ORDER` (executive is 0)."""
    return _RANK[level]


_UMLAUTS: Final = str.maketrans({"ä": "(?:ae?)", "ö": "(?:oe?)", "ü": "(?:ue?)"})


def _compile(*alternatives: str) -> re.Pattern[str]:
    """One pattern of the alternatives; ä, ö and ü also match a, ae, o, oe, u and ue."""
    return re.compile("|".join(alternatives).translate(_UMLAUTS))


def _unless_after(head: str, words: str) -> str:
    """``head``, unless the word before it is one of the space-separated ``words``."""
    return rf"(?={head})" + "".join(f"(?<! {word} )" for word in words.split()) + head


_APOSTROPHES: Final = re.compile(r"['`\u00b4\u2018\u2019]")
_COMBINING: Final = re.compile(r"[\u0300-\u036f]")
_DOTTED: Final = re.compile(r"\b[a-z](?:\.[a-z])+\b\.?")
_GENDER_SUFFIX: Final = re.compile(r"(?:[*:_/]-?|\()(in(?:nen)?)\b\)?")
_LEIT_HYPHEN: Final = re.compile(r"-(?=leit)")
_SEPARATORS: Final = re.compile(r"\s[-\u2013\u2014]\s|[,;:|/&+@()\[\]\u00b7\u2022]|\b(?:and|und)\b")
_NON_WORD: Final = re.compile(r"[^a-z0-9|]+")

_LEAD_FORMS: Final = r"(?:er|erin|erinnen|ung)\b"
_LEAD: Final = "leit" + _LEAD_FORMS
_TEAM_UNITS: Final = "team gruppen projekt schicht filial markt lager buro buero bau sachgebiets"
_C_LEVEL: Final = r"c(?:eo|fo|to|oo|io|po|mo|ro|hro|iso|do|so|co|ao|lo|xo)\b"
_REFERENCES: Final = "the to"
_PARTNER_QUALIFIERS: Final = """
    business channel alliance alliances talent sales sourcing hr people account client customer
    learning implementation delivery technology strategic support success service solution
    solutions training recruiting
"""
_OWNER_QUALIFIERS: Final = """
    product process budget service category account system data risk business application
    platform content technical project control feature domain asset relationship brand
"""
_SEGMENT_END: Final = r"(?= (?:\||$))"
_FEMININE: Final = r"(?:in(?:nen)?)?"
_HEAD_NOUN: Final = r"(?= (?:\||$|at |bei |of |for |in |im |der |des |with |von ))"

# Assistant-type titles: staff whoever the person works for, whatever else the title says.
_ASSISTANTS: Final = _compile(
    rf" (?:intern|internship|trainee|apprentice|student{_FEMININE}|praktikant{_FEMININE}"
    rf"|werkstudent{_FEMININE}|auszubildende[rn]?|azubi)\b",
    r" (?:assistant|secretary|ea|pa) (?:to|of|for)\b",
    rf" (?:assistant|secretary){_SEGMENT_END}",
    r" (?:executive|personal|administrative|admin) assistant\b",
    r"assisten[tz]|sekretär|referent",
)

# Tried in order within each part of a title; the first that matches decides the part. A
# leading space anchors a pattern at a word start, patterns without one also match the end
# of a German compound ("Finanzvorstand", "Einkaufsleiter"). The flag says whether a deputy
# qualifier lowers the level: a deputy chair or deputy board member still sits on the board.
_RULES: Final[tuple[tuple[Seniority, bool, re.Pattern[str]], ...]] = (
    (Seniority.DIRECTOR, True, _compile(r" chief of staff\b")),
    (
        Seniority.EXECUTIVE,
        False,
        _compile(
            r" chair(?:man|woman|person)\b| chair of the board\b| board chair\b",
            rf" {_unless_after('board (?:member|director)', 'advisory')}\b",
            r" board of directors\b| member of the (?!advisory\b)(?:[a-z]+ )?board\b",
            rf"vorständ(?:{_FEMININE}|e?s|svorsitzende[rn]?|smitglied|ssprecher{_FEMININE})\b",
            rf"aufsichtsrät(?:{_FEMININE}|e?s|svorsitzende[rn]?|smitglied)\b",
        ),
    ),
    (
        Seniority.EXECUTIVE,
        True,
        _compile(
            rf" {_unless_after(_C_LEVEL, _REFERENCES)}(?! (?:office|büro|team)\b)",
            rf" {_unless_after('chief ', _REFERENCES)}(?:executive\b|(?:(?! chief\b)[a-z |]){{0,50}}? officer\b)",
            rf" {_unless_after('pr(?:e|ä)sident', _REFERENCES + ' vice vize')}{_FEMININE}\b",
            rf" {_unless_after('(?:managing director|md|general manager|gm)', _REFERENCES)}\b",
            r" (?:non executive director|(?:co)?founder)\b",
            f" {_unless_after('partner', _PARTNER_QUALIFIERS)}{_FEMININE}{_HEAD_NOUN}",
            rf" (?:co )?{_unless_after('owner', _OWNER_QUALIFIERS)}{_HEAD_NOUN}",
            r" geschäftsführ(?:er|erin|erinnen|ende[rns]?|ung)\b",
            rf" geschäfts{_LEAD}| gf\b",
            rf"(?:inhaber|gesellschafter|gründer|generaldirektor){_FEMININE}\b",
        ),
    ),
    (
        Seniority.VP,
        True,
        _compile(
            rf" (?:vice president|[segr]?vp|vize ?präsident{_FEMININE}|prokurist{_FEMININE})\b",
            r" generalbevollmächtigte[rn]?\b",
            rf" {_unless_after('head', 'team group')}\b(?! office\b)",
            "leit"
            + "".join(f"(?<!{unit}leit)" for unit in f"{_TEAM_UNITS} abteilungs beg".split())
            + _LEAD_FORMS,
        ),
    ),
    (
        Seniority.DIRECTOR,
        True,
        _compile(
            r" (?:director|dir|avp)\b",
            rf"direktor{_FEMININE}\b",
            rf"abteilungs{_LEAD}",
        ),
    ),
    (
        Seniority.MANAGER,
        True,
        _compile(
            rf"manager{_FEMININE}\b",
            r" (?:mgr|supervisor|teamlead|teamleader)\b",
            r" (?:team|group) (?:lead|leader|head)\b",
            r" handlungsbevollmächtigte[rn]?\b",
            f"(?:{'|'.join(_TEAM_UNITS.split())}){_LEAD}",
        ),
    ),
)
_DEPUTY: Final = re.compile(
    r" (?:deputy|assistant|asst|associate|assoc|junior|jr|stellvertretende[rns]?|stellv|stv)"
    r" (?:[a-z0-9]+ ){0,2}$"
)


def _normalise(title: str) -> str:
    """Lower-case ASCII words, each with a space before and after, and ``|`` between title parts."""
    text = _APOSTROPHES.sub("", title.casefold())
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    text = _DOTTED.sub(lambda match: match.group().replace(".", ""), text)
    text = _GENDER_SUFFIX.sub(r"\1", text)
    text = _LEIT_HYPHEN.sub("", text)
    text = _SEPARATORS.sub(" | ", text)
    return f" {_NON_WORD.sub(' ', text).strip()} "


@lru_cache(maxsize=4096)
def classify_title(title: str | None) -> Seniority:
    """The seniority a job title implies: the highest level of its parts; ``staff`` when it
    is blank or unrecognised (remembered: an export repeats its titles).

    >>> classify_title("VP & Chief of Staff"), classify_title("Senior Manager, Deputy to the CEO")
    (<Seniority.VP: 'vp'>, <Seniority.MANAGER: 'manager'>)
    """
    if not title:
        return Seniority.STAFF
    text = _normalise(title)
    if _ASSISTANTS.search(text):
        return Seniority.STAFF
    decided: dict[int, Seniority] = {}
    for level, deputies_lower, pattern in _RULES:
        starts: dict[int, list[int]] = {}
        for match in pattern.finditer(text):
            part = text.count("|", 0, match.start())
            if part not in decided:
                starts.setdefault(part, []).append(text.rfind(" ", 0, match.start() + 1) + 1)
        for part, found in starts.items():
            lowered = deputies_lower and all(_DEPUTY.search(text, 0, s) for s in found)
            decided[part] = SENIORITY_ORDER[rank(level) + 1] if lowered else level
    return min(decided.values(), key=rank, default=Seniority.STAFF)

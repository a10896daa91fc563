"""Photo captions, photo credits and page furniture ("Share this", "Read more"): found line by line,
kept out of coding by their offsets while the article's text stays whole."""
from __future__ import annotations

import re

from tacitus.records import Article, Span

CAPTION, CREDIT, BOILERPLATE = "caption", "credit", "boilerplate"

_AGENCY = (r"(?:UPI|AFP|AP|Reuters|EPA(?:-EFE)?|Getty(?: Images)?|PA(?: Media| Wire)?|Xinhua|Sputnik|TASS|"
           r"Anadolu(?: Agency)?|SANA|Shutterstock|Alamy|Rex|Bloomberg|Pool|NurPhoto|ZUMA(?: Wire)?|dpa)")
_NAME = r"[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,4}"
# A credit as it ends a caption line (or makes a line alone), e.g. "Photo by Kevin Dietsch/UPI |",
# "Photograph: Omar Sanadiki/Reuters", "(AFP)", "(AP Photo/Name)", "AFP via Getty Images", "License Photo".
_CREDIT = re.compile(rf"""(?:
      (?:Photo(?:graph)?s?|PHOTO|Image|Picture|Pic|Credit|Illustration|Composite)
        \s*(?:by\b|:|courtesy\ of)\s*[^|\n]{{1,100}}?
    | \(\s*(?:{_AGENCY}|(?:AP|AFP|EPA|Reuters)\ Photo)\b[^()\n]{{0,80}}\)
    | {_AGENCY}\s*(?:/|\bvia\b)\s*{_NAME}
    | Getty\ Images
  )\s*\|?\s*(?:License\ Photo)?\s*$
  | ^\s*License\ Photo\s*$""", re.X)
# UPI's caption run into the body on one line: "... Photo by Name/UPI | License Photo Nov. 21 (UPI) -- ..."
_INLINE_CREDIT = re.compile(r"Photo by [^|\n]{1,100}\|\s*License Photo")
_BOILERPLATE = re.compile(
    r"(?:share\ (?:this|on|via)|read\ (?:more|next)|sign\ up|subscribe\b|click\ here|advertisement\b|"
    r"related(?::|\ (?:articles|stories|content))|follow\ us\b|join\ the\ debate|copyright\s*(?:©|\(c\)|\d{4})|©|"
    r"all\ rights\ reserved|this\ article\ (?:was|has\ been)\ (?:amended|updated|corrected)|"
    r"skip\ (?:advertisement|to\ )|"
    r"watch:|listen:|video:|reporting\ by\ [A-Z]|editing\ by\ [A-Z])", re.I | re.X)
# Words that are furniture only when they make the whole line.
_FURNITURE = re.compile(r"(?:advertisement|comments?(?: \(\d+\))?|recommended|most (?:popular|read|viewed)|related|"
                        r"share|video|supported by|\d+ comments?)\W*", re.I)
_MAX_CAPTION = 600  # characters: a longer line ending in "(AFP)" is a story paragraph
_MAX_BOILERPLATE = 200


def find_excluded(text: str) -> list[tuple[Span, str]]:
    """Spans of text to keep out of coding, each with its kind: "caption", "credit" or "boilerplate".

    A line ending with a photo credit is a caption; a line that is only a credit is a credit; short
    lines that open with "Share this", "Read more", "Sign up", ... are boilerplate. Lines are also
    cut at bullets ("•"), which some pages use to run their furniture into one line.
    """
    found: list[tuple[Span, str]] = []
    for m in re.finditer(r"[^\n•]+", text):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        end = m.end() - (len(m.group(0)) - len(m.group(0).rstrip()))
        unit = text[start:end]
        if not unit:
            continue
        credit = _CREDIT.search(unit)
        if credit and credit.start() == 0:
            found.append(((start, end), CREDIT))
        elif credit and len(unit) <= _MAX_CAPTION:
            found.append(((start, end), CAPTION))
        elif _FURNITURE.fullmatch(unit) or (_BOILERPLATE.match(unit) and len(unit) <= _MAX_BOILERPLATE):
            found.append(((start, end), BOILERPLATE))
        else:
            inline = _INLINE_CREDIT.search(unit, 0, 1000)
            if inline:
                found.append(((start, start + inline.end()), CAPTION))
    return found


def captions(article: Article) -> list[Span]:
    """The article's excluded spans that are photo captions (re-read later to compare their dates).

    An excluded span this module did not find came from the page's structure (an HTML <figcaption>),
    so it counts as a caption too.
    """
    kinds = {span: kind for span, kind in find_excluded(article.text)}
    return [tuple(s) for s in article.excluded if kinds.get(tuple(s), CAPTION) == CAPTION]

"""Calls to action: lines where the site, not the reporter, addresses the reader.

Newsletter sign-ups, app downloads and "follow us" lines are worded afresh by every site ("Get
the Courier briefing in your inbox", "Follow Velna Today on social media for live updates!"), so
a fixed phrase list cannot keep up. What they share is their *shape*:

* they **open by addressing the reader**: an imperative verb of the promotion vocabulary ("Sign
  up", "Follow", "Get", "Download"), possibly after a reader question ("Want more stories like
  this?"), a short purpose phrase ("For live updates, follow ...") or "You can also";
* they carry **promotional signals**, each with a weight (:data:`SIGNALS`): the site naming itself
  (its outlet name, "us", "our", "we"), a delivery channel (newsletter, app, social media, an
  @handle), delivery to the reader ("in your inbox"), content on offer ("the latest", "live
  updates"), a pointer to a link ("... here."), second-person address ("you"), and urgency or a
  price ("today", "free", "!").

A line is a call to action when it opens that way and its signals weigh at least
:data:`THRESHOLD`, or when it holds a link prompt ("click here", "follow @handle"), which
print-style body text never does. Reported speech is never one: a line that opens with a
quotation mark or carries an attribution ("residents were told to sign up for aid", "the mayor
said") is news, however imperative its wording; nor is a long line, which is a body paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MAX_WORDS = 40
MAX_CHARS = 240
MAX_LEAD_WORDS = 8  # a purpose phrase ("For alerts on the latest news") before the imperative
THRESHOLD = 3

# Imperatives a site uses to recruit readers; a clause must open with one.
_IMPERATIVE = re.compile(
    r"^(?:please )?(?:sign ?up|subscribe|follow|like|join|get|download|install|click|tap|register|"
    r"listen|watch|stream|read|stay|keep up|never miss|don'?t miss|do not miss|support|donate|become|"
    r"receive|turn on|enable|visit|check out|find|tune in|send|email|e-mail|tell|bookmark|add|try|"
    r"sign in|log ?in|catch up|discover|explore|see|share|help)\b(?!-)"
)
# Reader questions that lead into a call to action: "Want more?", "Enjoying this article?".
_READER_QUESTION = re.compile(
    r"^(?:want|like|liked|love|loved|enjoy|enjoyed|enjoying|looking for|interested in|need|"
    r"got|have|do you have|prefer|missed|short on time)\b[^?]{0,60}\?"
)
_PURPOSE = re.compile(r"^(?:for|to)\b")
_MODAL_ADDRESS = re.compile(r"^(?:you can|you could|you may|why not|why don'?t you)(?: also)? ")
_LINK_PROMPT = re.compile(
    r"\b(?:click|tap|press) (?:here|below|the link|this link)\b|\blink in (?:our )?bio\b|"
    r"\bfollow (?:us |me )?(?:on \w+ )?@\w|^(?:please )?follow\b[^.?!]{0,50}@\w"
)
_CLAUSE_BREAK = re.compile(r"\s*(?:[.?!:;|,]|\s[-–—]\s)\s*")
_REPORTED = re.compile(
    r"\b(?:said|says|say|told|tells|according to|asked|urged|warned|added|announced|reported|"
    r"wrote|explained|advised|instructed|ordered|quoted)\b"
)
_OPENING_QUOTE = tuple("\"'“‘«„‹")
_SOCIAL = (
    r"facebook|twitter|x|instagram|tiktok|youtube|linkedin|whatsapp|telegram|threads|bluesky|"
    r"mastodon|snapchat|reddit|pinterest|flipboard|google news|apple news"
)


@dataclass(frozen=True, slots=True)
class Signal:
    """A promotional signal: the pattern over the normalised line and its weight."""

    name: str
    pattern: re.Pattern[str]
    weight: int


SIGNALS: tuple[Signal, ...] = (
    Signal("self-reference", re.compile(r"\b(?:us|our|ours|we(?:'ll|'re|'ve)?)\b"), 2),  # as written
    Signal(
        "channel",
        re.compile(
            rf"\bnewsletters?\b|\bbriefings?\b|\binbox\b|\bapps?\b|\balerts?\b|\bnotifications?\b|"
            rf"\bpodcasts?\b|\bdigest\b|\bsocial media\b|\bsocials\b|\bon (?:{_SOCIAL})\b|"
            rf"\b(?:youtube|whatsapp|telegram) channel\b|\bsubscri(?:ption|ber)s?\b|\bmembership\b|\blive ?blog\b|"
            rf"\b(?:digital|unlimited|premium) access\b|"
            rf"\bfeed\b|(?:^|\s)@\w+|\b(?:news )?tips?\b|\w@\w+\.\w|\bwww\.|https?://"
        ),
        1,
    ),
    Signal(
        "offer",
        re.compile(
            r"\b(?:the latest|top stories|top headlines|breaking news|(?:live|latest|breaking)(?: \w+)? "
            r"(?:updates|news|coverage)|stories like this|more stories|(?:independent|quality) journalism|"
            r"(?:full|more|our)(?: \w+)? coverage|journalism|never miss a|be the first to (?:know|hear)|"
            r"(?:free )?trial|every (?:morning|day|week|evening))\b"
        ),
        1,
    ),
    Signal(
        "delivery",
        re.compile(
            r"\b(?:in|to|into) your (?:inbox|phone|feed)\b|\bdelivered\b|\bstraight to (?:you|your)\b"
        ),
        1,
    ),
    Signal("pointer", re.compile(r"\b(?:here|below|above)\W*$"), 1),
    Signal("second person", re.compile(r"\b(?:you|your|yours)\b"), 1),
    Signal(
        "urgency",
        re.compile(
            r"!|\b(?:today|now|free|for free|for just|for only|right away|in seconds|don'?t miss out)\b|[£$€]\s?\d"
        ),
        1,
    ),
)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_SPACES = re.compile(r"\s+")


def normalise(line: str) -> str:
    """``line`` lower-cased, with straight apostrophes and single spaces; punctuation is kept
    because clause breaks and exclamation marks are signals."""
    text = unicodedata.normalize("NFKC", line).translate(_APOSTROPHES).casefold()
    return _SPACES.sub(" ", text).strip()


MIN_SHORT_NAME = 4  # "the Courier" for "The Valley Courier"; "the Sun" is too common a phrase


def outlet_pattern(outlets: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern for the site's own names in a :func:`normalise`-d line, or ``None`` when no
    name is known. "The Valley Courier" is also found as "Valley Courier" and, as sites call
    themselves in short, "the Courier"."""
    names: set[str] = set()
    for outlet in outlets:
        name = normalise(outlet)
        if not name:
            continue
        names.add(name)
        bare = re.sub(r"^the ", "", name)
        if len(bare) > 2:
            names.add(bare)
        last = bare.split()[-1] if bare else ""
        if len(bare.split()) > 1 and len(last) >= MIN_SHORT_NAME and last.isalpha():
            names.add(f"the {last}")
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE_BREAK.split(text) if c]


def addresses_reader(text: str) -> bool:
    """``True`` when the normalised ``text`` opens by addressing the reader: an imperative of
    the promotion vocabulary, a reader question, "You can (also)" before an imperative, or a
    short purpose phrase ("For live updates,") before one."""
    if _READER_QUESTION.match(text):
        return True
    clauses = _clauses(text)
    if not clauses:
        return False
    if _IMPERATIVE.match(clauses[0]) or _IMPERATIVE.match(_MODAL_ADDRESS.sub("", clauses[0], count=1)):
        return True
    lead = clauses[0]
    return (
        len(clauses) > 1
        and bool(_PURPOSE.match(lead))
        and len(lead.split()) <= MAX_LEAD_WORDS
        and bool(_IMPERATIVE.match(clauses[1]))
    )


def _self_reference(line: str, text: str, outlet: re.Pattern[str] | None) -> bool:
    """The site names itself: "us", "our" (not "US", the country, in mixed case) or its outlet."""
    if outlet is not None and outlet.search(text):
        return True
    written = line.casefold() if line.isupper() else line.replace("US", "")
    return bool(SIGNALS[0].pattern.search(written.casefold()))


def score(line: str, outlet: re.Pattern[str] | None = None) -> int:
    """The summed weight of the promotional signals in ``line``; naming the outlet itself weighs
    as much as "us"/"our" (counted once)."""
    text = normalise(line)
    total = 0
    for signal in SIGNALS:
        if signal is SIGNALS[0]:
            hit = _self_reference(line, text, outlet)
        else:
            hit = bool(signal.pattern.search(text))
        total += signal.weight if hit else 0
    return total


def is_call_to_action(line: str, outlet: re.Pattern[str] | None = None) -> bool:
    """``True`` when ``line`` is the site asking the reader to sign up, follow, download, ...

    ``outlet`` is :func:`outlet_pattern` of the site's names, when known.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_CHARS or len(stripped.split()) > MAX_WORDS:
        return False
    if stripped.startswith(_OPENING_QUOTE):
        return False
    text = normalise(stripped)
    if _REPORTED.search(text):
        return False
    if _LINK_PROMPT.search(text):
        return True
    return addresses_reader(text) and score(stripped, outlet) >= THRESHOLD

"""Known site-boilerplate phrases: share widgets, comment prompts, related-content headings, ...

Each rule is a whole-line regular expression over a *folded* line (see :func:`newsprism.words.fold_line`) and a short
reason. The rules describe families of phrasing ("share this story", "share on facebook",
"follow us on x"), not single strings, so variants a site might use are covered too.

Hand-written because no maintained library ships a list of plain-text news boilerplate lines:
trafilatura and jusText work on the HTML tree (link density, tag classes), which plain text
no longer has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..words import fold_line

_SOCIAL = r"(facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|email|e-mail|instagram|threads|bluesky|messenger|flipboard|mastodon)"
_CONTENT = r"(article|story|post|page|news|this|it|report|video)"


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A whole-line pattern and the reason recorded when it matches.

    ``ends_article`` marks headings after which a site appends links and teasers, not body text.
    """

    pattern: re.Pattern[str]
    reason: str
    ends_article: bool = False
    raw: bool = False  # match the stripped line as written, not its folded form


def _rule(pattern: str, reason: str, *, ends_article: bool = False) -> PhraseRule:
    return PhraseRule(re.compile(rf"^(?:{pattern})$"), reason, ends_article)


RULES: tuple[PhraseRule, ...] = (
    _rule(
        rf"share( (this|the))?( {_CONTENT})?( (on|via|with) ({_SOCIAL}|your friends))?"
        rf"|share (on|via) {_SOCIAL}|(tweet|pin|email|print)( (this|it)( {_CONTENT})?)?"
        rf"|{_SOCIAL}( {_SOCIAL})*|copy (the )?link|click to share( on {_SOCIAL})?"
        rf"|\d+ shares?|shares",
        "share widget",
    ),
    _rule(
        r"(leave|post|add|write|submit) a (comment|reply|response)( cancel reply)?"
        r"|(\d+ |no |view |show |read |see )?comments?( \(\d+\))?"
        r"|your email address will not be published( required fields are marked)?"
        r"|required fields are marked|be the first to comment( on this (article|story))?"
        r"|join the (conversation|discussion)|comments are closed"
        r"|(you must be )?logged in to post a comment|save my name email and website.*",
        "comment prompt",
        ends_article=True,
    ),
    _rule(
        r"source( link)?|sources?|original source|read (the )?(original|full) (article|story)( here| at .{1,40})?"
        r"|view original( article)?|go to (the )?source",
        "source link",
        ends_article=True,
    ),
    _rule(
        r"(related|similar|recommended|more|latest|top|trending|popular|other)"
        r"( (news|articles?|stories|posts|content|coverage|reads|videos|reading|topics|links|from .{1,40}))?"
        r"|read (more|also|next|this next)|also read|see also|check also|don t miss|must read"
        r"|you (may|might) (also )?(like|be interested in|have missed)|more (on|about) (this|the) (topic|story)"
        r"|what to read next|editor s picks?|most (read|viewed|popular|shared)|further reading|in case you missed it"
        r"|recommended for you|more in .{1,30}|also on .{1,30}",
        "related-content heading",
        ends_article=True,
    ),
    _rule(
        r"(join|follow) (newstrack|our|us on|the) .{0,40}(whatsapp|telegram|signal)( (group|channel|community))?.{0,20}"
        r"|(join|follow) .{1,40} (whatsapp|telegram) (group|channel)"
        r"|(subscribe|sign up|register)( now| today| here| free)?( to| for)?( (our|the|a))?( .{1,30})?"
        r" (newsletters?|updates|alerts|digest|channel|podcast)( .{0,40})?"
        r"|subscribe( now| today| here)?|(follow|like|find) us( on {_SOCIAL}( (and|or|,) {_SOCIAL})*)?.{0,30}"
        r"|download (the|our) .{1,30} app.{0,40}|get the .{1,30} app.{0,40}"
        r"|click here( to .{1,60})?|advertisement|advertisements?|sponsored( content)?|promoted( content)?"
        r"|story continues below( advertisement)?|scroll (down )?to continue( with content)?"
        r"|continue reading( below)?|also watch|watch( the)? video|(ad|ads)",
        "promotional",
    ),
    _rule(
        r"(copyright |\(c\) )?(\d{4} )?.{0,40}all rights reserved.{0,40}|copyright \d{4}.{0,60}",
        "copyright notice",
    ),
    PhraseRule(
        re.compile(
            r"^\(?(file )?(photo|image|picture|photograph|illustration)s?( credit)?\s*(:|by\b|/|\|)\s*.{1,80}$",
            re.IGNORECASE,
        ),
        "image credit",
        raw=True,
    ),
    # The labels a page writes for screen readers beside a picture, each its own line of the
    # page's text (BBC: "Image copyright Getty Images", "Image source, Reuters", "Image caption
    # Crews at the ..."): the caption has no end punctuation, so the sentence splitter runs it
    # into the lede on the next line and the summary loses the lede with the caption. A credit
    # is a name, never a sentence ("Image copyright law ... ." is news); a caption line is one.
    PhraseRule(
        re.compile(
            r"^(?:image|picture|photo|media) (?:copyright|source)\b[,:]?\s*[^.!?]{1,80}$", re.IGNORECASE
        ),
        "image credit",
        raw=True,
    ),
    PhraseRule(
        re.compile(r"^(?:image|picture|photo|media|video) caption\b[,:]?\s*\S.*$", re.IGNORECASE),
        "image caption",
        raw=True,
    ),
)


def match(line: str) -> PhraseRule | None:
    """The first rule whose pattern covers the whole of ``line``, or ``None``.

    Long lines never match: boilerplate widgets are short, and a sentence that happens to begin
    with "Share" is body text.
    """
    if len(line) > 160:
        return None
    folded = fold_line(line)
    if not folded:
        return None
    for rule in RULES:
        if rule.pattern.match(line.strip() if rule.raw else folded):
            return rule
    return None


_INLINE_LINK = re.compile(
    r"^\s*(read more|read also|also read|see also|related|recommended|must read|watch|listen|"
    r"also see|more|read|don[’']t miss)\s*[:|»>–—-]\s*\S",
    re.IGNORECASE,
)


def is_inline_link(line: str) -> bool:
    """``True`` for a "Read more: <headline>" style line pointing to another article."""
    return len(line) <= 240 and bool(_INLINE_LINK.match(line))

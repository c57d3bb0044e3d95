"""Find the site-boilerplate lines of a plain-text article body.

The rules, in order (each line gets the first reason that applies):

1. **Known phrases** (:mod:`.phrases`): share widgets, comment prompts, source links,
   related-content headings, promotional lines, copyright and image credits; and **calls to
   action** (:mod:`.promo`): lines that open by addressing the reader and carry enough
   promotional signals (the outlet's own name, "our", a newsletter or app, "today", "!").
2. **Repeated headline**: the title (with or without its outlet suffix) repeated as a body line.
3. **End-of-article marker**: after a heading such as "Related News", "Check Also" or "Source
   link", when no body paragraph follows, every line is a link or teaser.
4. **Tail block**: walking back from the end, title-shaped lines (short, no final punctuation,
   not a sentence fragment) and lines in another language are appended links and teasers.
5. **Inserted headlines**: a title-shaped line between body paragraphs is a genuine sub-heading
   only when it is short and the paragraph after it takes up its topic (shares a content word
   that is not common to the whole article); otherwise it is the headline of another article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..words import fold_line
from . import phrases, promo
from .language import is_foreign
from .shape import content_stems, ends_sentence, is_fragment, is_title_like, word_count

MAX_SUBHEADING_WORDS = 8
MIN_RESUMING_BODY_WORDS = 12  # a paragraph this long after a marker means the body goes on
COMMON_SHARE = 0.5  # a stem in more than this share of paragraphs is article-wide, not topical
MIN_PARAGRAPHS_FOR_COMMON = 4  # too few paragraphs to tell article-wide words from topical ones
OUTLET_SEPARATORS = (" – ", " — ", " | ", " - ", " :: ", " · ")

REPEATED_HEADLINE = "repeated headline"
INSERTED_HEADLINE = "inserted headline of another article"
APPENDED_HEADLINE = "appended headline of another article"
FOREIGN_TEASER = "foreign-language teaser"
AFTER_MARKER = "link after end-of-article marker"
RELATED_LINK = "related-content link"
CALL_TO_ACTION = "promotional"


@dataclass(frozen=True, slots=True)
class Finding:
    """A boilerplate line: its index in the body's lines and why it is boilerplate."""

    index: int
    reason: str


def outlet_names(title: str, outlet: str | None = None) -> list[str]:
    """The site's own names: ``outlet`` when known, and the title's " – Outlet" suffix."""
    names = [outlet] if outlet else []
    for sep in OUTLET_SEPARATORS:
        head, found, tail = title.rpartition(sep)
        if found and head.strip() and tail.strip():
            names.append(tail.strip())
    return names


def title_variants(title: str) -> frozenset[str]:
    """The folded title, and the title without a trailing " – Outlet" / " | Section" suffix."""
    variants = {fold_line(title)}
    for sep in OUTLET_SEPARATORS:
        head, found, _ = title.rpartition(sep)
        if found and head.strip():
            variants.add(fold_line(head))
    variants.discard("")
    return frozenset(variants)


class _Body:
    """The lines of one body with the per-line facts the rules share."""

    def __init__(self, lines: Sequence[str], title: str, language: str, outlet: str | None = None) -> None:
        self.lines = [line.strip() for line in lines]
        self.title = title
        self.outlet = promo.outlet_pattern(outlet_names(title, outlet))
        self.language = language
        self.filled = [i for i, line in enumerate(self.lines) if line]
        self.reasons: dict[int, str] = {}

    def title_shaped(self, i: int) -> bool:
        return is_title_like(self.lines[i]) and not is_fragment(self.lines[i])

    def foreign(self, i: int) -> bool:
        return is_foreign(self.lines[i], self.language)

    def is_body(self, i: int) -> bool:
        """A line that reads as article text: not removed, not title-shaped, in the language."""
        return i not in self.reasons and not self.title_shaped(i) and not self.foreign(i)


def _known_phrases(body: _Body) -> list[int]:
    """Rule 1; returns the indices of end-of-article markers."""
    markers: list[int] = []
    for i in body.filled:
        rule = phrases.match(body.lines[i])
        if rule is not None:
            body.reasons[i] = rule.reason
            if rule.ends_article:
                markers.append(i)
        elif phrases.is_inline_link(body.lines[i]):
            body.reasons[i] = RELATED_LINK
        elif promo.is_call_to_action(body.lines[i], body.outlet):
            body.reasons[i] = CALL_TO_ACTION
    return markers


def _repeated_headline(body: _Body, title: str) -> None:
    """Rule 2."""
    variants = title_variants(title)
    for i in body.filled:
        if i not in body.reasons and fold_line(body.lines[i]) in variants:
            body.reasons[i] = REPEATED_HEADLINE


def _resumes_body(body: _Body, i: int) -> bool:
    line = body.lines[i]
    return (
        body.is_body(i)
        and word_count(line) >= MIN_RESUMING_BODY_WORDS
        and ends_sentence(line)
        and not line.rstrip("\"'”’»)] ").endswith(("…", "..."))
    )


def _after_markers(body: _Body, markers: Sequence[int]) -> None:
    """Rule 3: from the first marker that no body paragraph follows, every line is boilerplate;
    a marker inside the text only takes the title-shaped link lines right after it."""
    for marker in markers:
        after = [i for i in body.filled if i > marker]
        if any(_resumes_body(body, i) for i in after):
            for i in after:
                if i in body.reasons:
                    continue
                if not body.title_shaped(i):
                    break
                body.reasons[i] = RELATED_LINK
            continue
        rest = [i for i in after if i not in body.reasons]
        block_foreign = is_foreign(" ".join(body.lines[i] for i in rest), body.language)
        for i in rest:
            if block_foreign or body.foreign(i):
                body.reasons[i] = FOREIGN_TEASER
            elif body.title_shaped(i):
                body.reasons[i] = APPENDED_HEADLINE
            else:
                body.reasons[i] = AFTER_MARKER
        return


def _tail_block(body: _Body) -> None:
    """Rule 4."""
    found: dict[int, str] = {}
    for i in reversed(body.filled):
        if i in body.reasons:
            continue
        if body.foreign(i):
            found[i] = FOREIGN_TEASER
        elif body.title_shaped(i):
            found[i] = APPENDED_HEADLINE
        else:
            body.reasons.update(found)
            return
    # no body line before the block: a body that is one short line is the article itself


def _common_stems(body: _Body, paragraphs: Sequence[int]) -> frozenset[str]:
    if len(paragraphs) < MIN_PARAGRAPHS_FOR_COMMON:
        return frozenset()
    counts: Counter[str] = Counter()
    for i in paragraphs:
        counts.update(content_stems(body.lines[i], body.language))
    limit = COMMON_SHARE * len(paragraphs)
    return frozenset(stem for stem, n in counts.items() if n > limit)


def _inserted_headlines(body: _Body) -> None:
    """Rule 5."""
    paragraphs = [i for i in body.filled if body.is_body(i)]
    if not paragraphs:
        return
    common = _common_stems(body, paragraphs)
    title = content_stems(body.title, body.language)
    for i in body.filled:
        if i in body.reasons or not body.title_shaped(i):
            continue
        if i < paragraphs[0] and content_stems(body.lines[i], body.language) & title:
            continue  # a kicker or standfirst above the first paragraph, about this article
        if not _introduces_next(body, i, paragraphs, common):
            body.reasons[i] = INSERTED_HEADLINE


def _introduces_next(body: _Body, i: int, paragraphs: Sequence[int], common: frozenset[str]) -> bool:
    """A sub-heading is short and the paragraph after it takes up its topic: it shares a
    content word with the line that is not common to the whole article, and at least as many
    as the paragraph before (a headline of a related article echoes both neighbours alike)."""
    following = next((j for j in paragraphs if j > i), None)
    if following is None or word_count(body.lines[i]) > MAX_SUBHEADING_WORDS:
        return False
    topic = content_stems(body.lines[i], body.language) - common
    ahead = len(topic & content_stems(body.lines[following], body.language))
    preceding = max((j for j in paragraphs if j < i), default=None)
    behind = 0 if preceding is None else len(topic & content_stems(body.lines[preceding], body.language))
    return ahead > 0 and ahead >= behind


def find_boilerplate(
    lines: Sequence[str], title: str, language: str = "en", outlet: str | None = None
) -> list[Finding]:
    """The boilerplate lines among ``lines`` (a body split on newlines), in order. ``outlet``
    (else the title's suffix) names the site, whose calls to action name it."""
    body = _Body(lines, title, language, outlet)
    markers = _known_phrases(body)
    _repeated_headline(body, title)
    _after_markers(body, markers)
    _tail_block(body)
    _inserted_headlines(body)
    return [Finding(i, body.reasons[i]) for i in sorted(body.reasons)]

"""Direct quotes and reported speech with their speakers: pure functions over a Doc.

Direct quotes come from quotation-mark pairs (:mod:`.quote_marks`); a quoted stretch counts as
speech when the attribution right after it names a speaker (:func:`attribution_after`: “...,” said
X; the parse can miss it), when a cue governs it (``"...," said X``; ``X told Y that Moscow "understands"``; ``by the
Kremlin's telling``), when a cue sits in the same sentence, or, for a full sentence without a cue,
when it continues the quote just before it. Short quoted phrases without a cue are scare quotes or
titles and are not speech; a quoted title of a work (:func:`.quote_marks.titles`: "the single
“Blinding Lights”", a list of song titles) is not speech even beside a cue ("called", "according
to LN, expect hits including ..."). Reported speech is what a cue reports, by the rules of
:mod:`.reported` ("X said that ...", "X believes ...", "according to X, ...", "X vowed to ...").
Speakers are resolved by :mod:`.speakers`; an unresolved speaker keeps its reason.

A quoted phrase woven into the narrator's sentence (:func:`woven`: "called the audit “a witch
hunt” and promised", "at a “measured” rate") is not a direct quote even beside a cue: it becomes a
``partial`` quote (its exact words, for grouping the same words across articles) and the reported
speech around it an ``indirect`` quote; with no cue it is neither. A direct quote cut by its
attribution ("“First half,” he said, “second half.”") stays two quotes with exact spans, the second
``continues`` the first: one utterance.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ...nlp.text import doc_text
from ...records import Mention, Quote, content_id, trim_span
from ...records import Span as TextSpan
from .marks import Marked, find_quoted, titles
from .reported import content_of, reported_speech
from .speaker_index import Antecedent, AntecedentPool, MentionIndex, PersonNames, SpanSet
from .speakers import (
    ADDRESSEE_VERBS,
    WRITTEN_NOUNS,
    Speaker,
    according_to,
    appositive,
    fullest_name,
    is_cue,
    is_cue_noun,
    joint_name,
    resolve,
    subject_of,
)

#: Quoted stretches with fewer words than this need a cue to count as speech.
MIN_FREE_WORDS = 4
_MAX_CLIMB = 8


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue word and the head token of its speaker phrase (None when the cue has none)."""

    token: Token
    speaker: Token | None


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _inside(pos: int, spans: SpanSet) -> bool:
    return spans.covers(pos)


def _speaker_of(token: Token) -> Token | None:
    """The speaker head of a cue verb or noun ("the Kremlin's telling" -> Kremlin)."""
    if token.pos_ in {"NOUN", "PROPN"}:
        for child in token.children:
            if child.dep_ == "poss":
                return child
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "by", "from"}:
                for obj in child.children:
                    if obj.dep_ == "pobj" and (obj.pos_ == "PROPN" or obj.ent_type_):
                        return obj
        if token.dep_ in {"nsubj", "nsubjpass"}:
            return None
        return subject_of(token.head) if token.head is not token else None
    return subject_of(token)


def _outside_speaker(cue: Token, quoted: SpanSet) -> Token | None:
    """The speaker head of ``cue`` outside quotation marks. The parser often takes the last words
    of a quotation for the subject of the cue after it (“... Full crisis mode,” said Ana Ruiz:
    "mode" nsubj of "said"); the name after the cue, also parsed as a subject, is the speaker."""
    speaker = _speaker_of(cue)
    if speaker is None or not _inside(speaker.idx, quoted):
        return speaker
    return next(
        (c for c in cue.rights if c.dep_ in {"nsubj", "nsubjpass"} and not _inside(c.idx, quoted)),
        speaker,
    )


def _according(token: Token, quoted: SpanSet) -> Cue | None:
    for child in token.children:
        obj = according_to(child)
        if obj is not None and not _inside(obj.idx, quoted):
            return Cue(child, obj)
    return None


def governing_cue(span: Span, quoted: SpanSet, limit: Span | None = None) -> Cue | None:
    """The cue governing ``span`` in the parse: the nearest speech word among its ancestors (or an
    "according to X" beside one), with a speaker outside quotation marks. ``limit`` confines the
    search (a nested quote looks for its cue inside the outer quote only)."""
    bounds = (limit.start, limit.end) if limit is not None else (span.sent.start, span.sent.end)
    starts = {t.head for t in span if not t.is_punct and not (span.start <= t.head.i < span.end)}
    for node in sorted(starts, key=lambda t: t.i):
        current: Token = node
        for _ in range(_MAX_CLIMB):
            if not bounds[0] <= current.i < bounds[1]:
                break
            if not _inside(current.idx, quoted) or limit is not None:
                if is_cue(current) or is_cue_noun(current):
                    speaker = _outside_speaker(current, quoted)
                    if speaker is not None and not (span.start <= speaker.i < span.end):
                        return Cue(current, speaker)
                acc = _according(current, quoted)
                if acc is not None:
                    return acc
            if current.head is current:
                break
            current = current.head
    return None


_SO_CALLED = re.compile(r"\bso[- ]called\s*\W?$", re.IGNORECASE)


def _attributes(cue: Cue, span: Span) -> bool:
    """Whether ``cue`` can attribute the short quoted phrase ``span``: a cue noun or "according
    to" ("by the Kremlin's telling"), or a cue verb whose clause contains the phrase. A speech verb
    heading another clause of the sentence does not ("sold the notes as 'green' debt, promising
    that ..." quotes a label, not speech)."""
    tok = cue.token
    if tok.pos_ not in {"VERB", "AUX"}:
        return True
    return tok.left_edge.i <= span.start and span.end - 1 <= tok.right_edge.i


def sentence_cue(span: Span, quoted: SpanSet) -> Cue | None:
    """A cue in the sentences the quote touches, outside quotation marks, nearest to the quote."""
    doc = span.doc
    first, last = span[0].sent, span[-1].sent
    stop = last.end
    if stop < len(doc) and doc[stop].idx - span.end_char <= 3 and len(doc[stop].sent) <= 6:
        stop = doc[stop].sent.end  # ``"...?" Gabuev said.`` parsed as a sentence of its own
    best: tuple[int, Cue] | None = None
    for tok in doc[first.start : stop]:
        if span.start <= tok.i < span.end or _inside(tok.idx, quoted):
            continue
        lo, hi = sorted((tok.idx, span.start_char if tok.i < span.start else span.end_char))
        if "\n" in doc_text(doc)[lo:hi]:
            continue  # another paragraph
        cue: Cue | None = None
        obj = according_to(tok)
        if obj is not None:
            cue = Cue(tok, obj)
        elif is_cue(tok) or is_cue_noun(tok):
            speaker = _outside_speaker(tok, quoted)
            if speaker is not None and not _inside(speaker.idx, quoted):
                cue = Cue(tok, speaker)
        if cue is None:
            continue
        distance = span.start - tok.i if tok.i < span.start else tok.i - span.end
        if tok.pos_ in {"NOUN", "PROPN"}:
            distance += 1000  # a cue verb beats a cue noun
        if best is None or distance < best[0]:
            best = (distance, cue)
    return best[1] if best else None


_SIGNATURE = re.compile(r"^[\"”’']?\s*[―—–-]+\s*")


def signed(doc: Doc, marked: Marked) -> Cue | None:
    """A quote signed with a dash and a name (``"..." ― Ana Ruiz.``): the name is the speaker."""
    m = _SIGNATURE.match(doc_text(doc)[marked.end : marked.end + 8])
    if m is None:
        return None
    at = marked.end + m.end()
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or span[0].pos_ != "PROPN":
        return None
    head = span[0]
    while head.dep_ in {"compound", "flat"} and head.head.pos_ == "PROPN" and head.head.i > head.i:
        head = head.head
    return Cue(span[0].doc[max(span[0].i - 1, 0)], head)


#: Most words between a quotation and its cue in ``“...,” Harbor police Chief Dana Mills said``.
_MAX_NAME_WORDS = 12
#: Where the speaker phrase of an attribution ends: its appositive, parenthesis or preposition.
_NAME_STOPS = frozenset({",", "(", ")", ";", ":", ".", "—", "–", "-", "―"})
_SPEAKER_POS = frozenset({"PROPN", "NOUN", "PRON"})


def _speaker_head(tokens: Sequence[Token]) -> Token | None:
    """The speaker's head word in the words of an attribution next to its cue ("Harbor police Chief
    Dana Mills", "Mr. Wexler, an economist", "a narrator in the ad"): the last noun, name or pronoun
    before an appositive, parenthesis or preposition; a date ("said Monday") is none."""
    head: Token | None = None
    for tok in tokens:
        if tok.text in _NAME_STOPS or tok.pos_ == "ADP" or tok.text in _MARK_CHARS:
            break
        if tok.pos_ in _SPEAKER_POS and tok.ent_type_ not in {"DATE", "TIME"}:
            head = tok
        if "\n" in tok.text or "\n" in tok.whitespace_:
            break
    return head


def attribution_after(doc: Doc, marked: Marked, quoted: SpanSet) -> Cue | None:
    """The attribution right after a quotation that ends in a comma, question or exclamation mark
    (“...,” said Mr. Wexler; “...?” Harbor police Chief Dana Mills demanded): the news layout
    that names the speaker whatever the parse. The parser, misled by a name it takes for a verb or
    by a merged sentence, may leave that cue without a subject or hang the quotation on an earlier
    verb; the words themselves are unambiguous."""
    text = doc_text(doc)
    inside_end = text[marked.start : marked.end].rstrip(_MARK_CHARS)[-1:]  # “... ‘miracles,’”
    at = marked.end
    while at < len(text) and text[at] in _MARK_CHARS:
        at += 1
    if inside_end not in {",", "?", "!", "—", "–"} and text[at : at + 1] != ",":
        return None
    following = doc.char_span(at, len(text), alignment_mode="expand")
    if following is None:
        return None
    words: list[Token] = []
    for k, tok in enumerate(following[: _MAX_NAME_WORDS + 1]):
        if "\n" in tok.text or _inside(tok.idx, quoted):
            break
        if tok.text == "," and not words:
            continue
        if is_cue(tok):
            if tok.tag_ in {"VBG", "VBN"}:
                return None  # “...,” saying it “...”: the sentence goes on, no attribution
            rest = list(following[k + 1 : k + 1 + _MAX_NAME_WORDS])
            head = _speaker_head(words) if words else _speaker_head(rest)
            if head is None or (not words and head.pos_ == "PRON"):
                return None  # “...,” said it would: the subject of the next clause
            return Cue(tok, head)
        if tok.text in {".", "?", "!", ";"} or tok.text in _MARK_CHARS:
            break
        if not words and tok.pos_ == "CCONJ":
            return None  # “...,” and residents told ...: another clause, another speaker's words
        words.append(tok)
        if "\n" in tok.whitespace_:
            break
    return None


#: Where a quotation may open without being woven into the narrator's sentence: after these (a
#: sentence end included: the parser merges "... for cuts. ''Nobody ...,'' said X" into one).
_FREE_BEFORE = frozenset(":,;—–-(….?!")
#: Where it may close: its own last character, or the first one after the closing mark.
_FREE_AFTER = frozenset(",.?!;:…—–-)")
_MARK_CHARS = "\"“”„«»‘’‹›' "
#: Prepositions of a cue's setting ("said in a statement “...”", "wrote on Twitter “...”").
_SETTING_PREPS = frozenset({"in", "on", "at", "during", "to", "from", "via", "after", "before", "with"})
_SETTING_DEPS = frozenset({"npadvmod", "tmod", "advmod", "pobj", "prep", "dobj", "dative", "iobj"})


def _after_cue(token: Token) -> bool:
    """Whether ``token``, right before a quotation, ends a cue phrase: the cue itself ("said
    “...”"), its addressee ("told reporters"), or its setting ("said on Tuesday", "wrote on X")."""
    current = token
    for _ in range(4):
        if is_cue(current):
            return True
        if current.dep_ not in _SETTING_DEPS or current.head is current or current.head.i > token.i:
            return False
        if current.dep_ == "prep" and current.lower_ not in _SETTING_PREPS:
            return False
        if current.dep_ in {"dobj", "dative", "iobj"} and current.head.lemma_.lower() not in ADDRESSEE_VERBS:
            return False
        current = current.head
    return False


def woven(doc: Doc, marked: Marked, span: Span) -> bool:
    """Whether the quoted stretch is woven into the narrator's sentence (“called the audit “a
    witch hunt” and promised”, “at a “measured” rate”) rather than standing as the whole of what
    was said. Such a phrase is part of the reported speech around it, not a direct quote.

    It stands alone when it opens its sentence or follows a colon, comma or dash or a cue phrase,
    and closes its sentence, ends in punctuation inside the marks (“...,” she said) or is followed
    by punctuation or the attribution. A quote whose mark was lost at either end stands alone on
    that side."""
    text = doc_text(doc)
    if not (marked.open_lost or marked.continued):
        para = text.rfind("\n", 0, marked.start) + 1
        before = text[max(para, span[0].sent.start_char) : marked.start].rstrip(_MARK_CHARS)
        prev = next((t for t in reversed(doc[: span.start]) if t.text.strip(_MARK_CHARS)), None)
        if before and before[-1] not in _FREE_BEFORE and not (prev is not None and _after_cue(prev)):
            return True
    if marked.close_lost or text[marked.start : marked.end].rstrip()[-1:] in _FREE_AFTER:
        return False
    end = text.find("\n", marked.end)
    after = text[marked.end : min(span[-1].sent.end_char, end if end >= 0 else len(text))].lstrip(_MARK_CHARS)
    if not after or after[0] in _FREE_AFTER:
        return False
    following = next((t for t in doc[span.end :] if t.text.strip(_MARK_CHARS)), None)
    if following is None:
        return False
    return not (is_cue(following) or (following.dep_ in {"nsubj", "nsubjpass"} and is_cue(following.head)))


def _with_marks(text: str, marked: Marked) -> tuple[int, int]:
    """``marked`` with the quotation marks around it (one or two characters each side)."""
    lo, hi = marked.start, marked.end
    while lo > 0 and marked.start - lo < 2 and text[lo - 1] in _MARK_CHARS.strip():
        lo -= 1
    while hi < len(text) and hi - marked.end < 2 and text[hi] in _MARK_CHARS.strip():
        hi += 1
    return lo, hi


_COMPLEMENT_SKIP = frozenset({"nsubj", "nsubjpass", "punct", "cc", "conj", "aux", "auxpass", "neg", "mark"})


def _setting(token: Token) -> bool:
    """Whether ``token``, a child of a cue, gives the cue's setting ("said [on Tuesday]", "said
    [on a radio show]"), not what was said."""
    return token.dep_ in {"npadvmod", "tmod", "advmod"} or (
        token.dep_ == "prep" and token.lower_ in _SETTING_PREPS
    )


def reported_around(cue: Token, span: Span, outer: tuple[int, int]) -> tuple[int, int]:
    """The reported content of ``cue`` holding the woven quotation ``span`` (``outer``: the
    quotation with its marks): what the cue reports (:func:`.reported.content_of`) when it holds
    it ("told a forum [that the firm was “in the best shape”]"), else the cue's complements on the
    quotation's side but its setting ("said [on a radio show] “...”" is none), within the
    paragraph, or the quotation itself when they do not hold it (a cue noun, a cue elsewhere in
    the sentence)."""
    doc = span.doc
    lo, hi = outer
    reported = content_of(cue)
    if reported is not None:
        start, end = doc[reported[0]].idx, doc[reported[1]].idx + len(doc[reported[1]].text)
        if start <= span.start_char and span.end_char <= end:
            return min(start, lo), max(end, hi)
    if cue.pos_ in {"VERB", "AUX"}:
        after = span.start > cue.i
        parts = [
            c
            for c in cue.children
            if c.dep_ not in _COMPLEMENT_SKIP and (c.i > cue.i) == after and not _setting(c)
        ]
        holding = [c for c in parts if c.left_edge.i <= span.start and span.end - 1 <= c.right_edge.i]
        parts = holding or parts
        if parts:
            first = min(c.left_edge.i for c in parts)
            last = max(c.right_edge.i for c in parts)
            while first < last and doc[first].is_punct and doc[first].text.strip(_MARK_CHARS):
                first += 1
            while last > first and doc[last].is_punct and doc[last].text.strip(_MARK_CHARS):
                last -= 1
            start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
            if start <= span.start_char and span.end_char <= end and "\n" not in doc_text(doc)[start:end]:
                return min(start, lo), max(end, hi)
    return span.start_char, span.end_char


def _antecedents(doc: Doc, mentions: MentionIndex, quoted: SpanSet) -> AntecedentPool:
    """People and organisations an article puts forward as subjects, "according to" objects or
    named speakers, outside quotation marks: what pronouns and descriptions may refer to."""
    persons = mentions.persons
    found = AntecedentPool()
    for m in mentions.mentions:
        if _inside(m.span.start, quoted):
            continue
        span = _span(doc, m.span.start, m.span.end)
        if span is None:
            continue
        root = span.root
        for anc in [root, *root.ancestors]:
            if anc.dep_ in {"nsubj", "nsubjpass"} or anc.pos_ in {"VERB", "AUX"}:
                root = anc  # a name inside the subject phrase ("Director of ... Pan Dawei")
                break
        prominent = (root.dep_ in {"nsubj", "nsubjpass"} and root.head.tag_ != "VBG") or (
            root.dep_ == "pobj"
            and root.head.lower_ in {"to", "of"}
            and root.head.head.lower_ in {"according", "opinion"}
        )
        if m.label == "PERSON":
            found.append(Antecedent(m.span.start, m.text, "person" if prominent else "person-weak"))
        elif m.label in {"ORG", "GPE"} and prominent:
            found.append(Antecedent(m.span.start, m.text, "org" if m.label == "ORG" else "place"))
    for tok in doc:
        if (
            tok.pos_ == "NOUN"
            and tok.dep_ in {"nsubj", "nsubjpass", "dobj"}
            and tok.lemma_.lower() in WRITTEN_NOUNS
            and not _inside(tok.idx, quoted)
        ):
            written = _written(tok, mentions)
            if written is not None:
                found.append(written)
        if tok.dep_ in {"nsubj", "nsubjpass"} and not _inside(tok.idx, quoted):
            conj_people = [c for c in tok.children if c.dep_ == "conj"]
            if tok.tag_ in {"NNS", "NNPS"} and any(c.lower_ in {"two", "both"} for c in tok.children):
                people = [
                    Antecedent(m.span.start, own, "person")
                    for m, own in zip(persons.persons, persons.own_names(), strict=True)
                ]
                name = joint_name(people, tok.idx)
                if name:
                    found.append(Antecedent(tok.idx, name, "group"))
            elif conj_people and tok.ent_type_ == "PERSON":
                names = [fullest_name(t.text, persons, before=t.idx) for t in [tok, *conj_people]]
                found.append(Antecedent(tok.idx, " and ".join(names), "group"))
    return found


def _written(noun: Token, mentions: MentionIndex) -> Antecedent | None:
    """A statement (or report, tweet ...) put forward as a subject or object, as an antecedent
    named by its author when the sentence names one: the subject that put it out ("the ministry
    issued a statement"), else the one it is from or by ("a statement from the ministry").

    Put out by "they" or "we", its author is not known here ("it says" had read as a country
    named paragraphs before); by anyone else, or with no author ("the statement said"), it is
    no antecedent of its own: "it" refers to whoever the statement's author resolves to, the
    last organisation, as before."""
    if noun.dep_ == "dobj":
        heads = [c for c in noun.head.children if c.dep_ == "nsubj"]
    else:
        heads = [
            g
            for p in noun.children
            if p.dep_ == "prep" and p.lower_ in {"from", "by"}
            for g in p.children
            if g.dep_ == "pobj"
        ]
    for head in heads:
        m = mentions.at(head.idx, head.idx + len(head.text))
        if m is not None and m.label == "PERSON":
            name = fullest_name(m.text, mentions.persons, before=m.span.start)
            return Antecedent(noun.idx, name, "document-person")
        if m is not None and m.label in {"ORG", "GPE"}:
            return Antecedent(noun.idx, m.text, "document-org")
        if head.lower_ in {"they", "we"}:
            return Antecedent(noun.idx, "", "document")
    return None


def _role_for(name: str, doc: Doc, persons: PersonNames) -> str | None:
    """The first role the article states beside a mention of ``name``."""
    for m in persons.mentions_named(name):
        span = _span(doc, m.span.start, m.span.end)
        if span is None:
            continue
        role = appositive(span.root)
        if role:
            return role
        pre = [t for t in span.root.lefts if t.dep_ == "compound" and t.i < span.start]
        if pre:
            return doc[pre[0].i : span.start].text.strip() or None
    return None


def _make(
    article_id: str,
    doc: Doc,
    start: int,
    end: int,
    kind: str,
    speaker: Speaker | None,
    cue: Token | None,
    reason: str | None,
) -> Quote:
    text = doc_text(doc)[start:end]
    return Quote(
        id=content_id(article_id, str(start), str(end)),
        span=TextSpan(article_id, start, end),
        text=text,
        kind="direct" if kind == "direct" else "partial" if kind == "partial" else "indirect",
        speaker_text=speaker.text if speaker else None,
        speaker_span=TextSpan(article_id, speaker.start, speaker.end) if speaker else None,
        speaker_name=speaker.name if speaker else None,
        role=speaker.role if speaker else None,
        cue=cue.text if cue is not None else None,
        cue_span=TextSpan(article_id, cue.idx, cue.idx + len(cue.text)) if cue is not None else None,
        unresolved=(speaker.unresolved if speaker and not speaker.name else None)
        or (None if speaker and speaker.name else reason),
    )


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    kind: str
    cue: Cue | None
    inherit: bool = False
    continued: bool = False  # opens a paragraph inside a quote running over paragraphs


def _direct_candidates(doc: Doc, marked: Sequence[Marked], quoted: SpanSet) -> list[_Candidate]:
    named_works = titles(doc_text(doc), list(marked))
    found: list[_Candidate] = []
    for m in marked:
        if (m.start, m.end) in named_works:
            continue
        span = _span(doc, m.start, m.end)
        if span is None or len(span) == 0:
            continue
        words = _words(doc_text(doc)[m.start : m.end])
        if words < MIN_FREE_WORDS and _SO_CALLED.search(doc_text(doc)[max(0, m.start - 14) : m.start]):
            continue  # "the so-called 'flood levy'": a label in scare quotes, not speech
        if m.depth > 0:
            host = quoted.containing(m.start, m.end)
            limit = _span(doc, host[0], host[1]) if host else None
            others = quoted.without(host)
            cue = governing_cue(span, others, limit) if limit is not None else None
            if cue is not None and words < MIN_FREE_WORDS:
                found.append(_Candidate(m.start, m.end, "direct", cue))
            continue
        # A short quoted phrase is speech only when a cue governs it ("said it was 'unlikely'"),
        # not merely because the sentence has a speech verb elsewhere: "sold the notes as 'green'
        # debt, promising that ..." is a scare quote.
        after = attribution_after(doc, m, quoted)
        cue = governing_cue(span, quoted) or signed(doc, m)
        if after is not None and (cue is None or cue.token.i != after.token.i):
            cue = after  # the parse hung the quotation elsewhere or found no speaker
        if cue is None:
            cue = sentence_cue(span, quoted)
            if cue is not None and words < MIN_FREE_WORDS and not _attributes(cue, span):
                cue = None
        if woven(doc, m, span):
            if cue is not None and cue.token.i not in range(span.start, span.end):
                found.append(_Candidate(m.start, m.end, "partial", cue))
                start, end = reported_around(cue.token, span, _with_marks(doc_text(doc), m))
                if (start, end) != (m.start, m.end):
                    found.append(_Candidate(start, end, "indirect", cue))
            continue
        if cue is not None:
            found.append(_Candidate(m.start, m.end, "direct", cue))
        elif words >= MIN_FREE_WORDS or m.open_lost or m.close_lost or m.continued:
            found.append(_Candidate(m.start, m.end, "direct", None, inherit=True, continued=m.continued))
    return found


def _indirect_candidates(doc: Doc, quoted: SpanSet) -> list[_Candidate]:
    return [
        _Candidate(r.start, r.end, "indirect", Cue(r.cue, r.speaker)) for r in reported_speech(doc, quoted)
    ]


def _same_report(cand: _Candidate, woven_in: dict[int, _Candidate]) -> bool:
    """Whether a reported clause is already the attribution of a quotation woven into it (same cue,
    overlapping spans)."""
    other = woven_in.get(cand.cue.token.i) if cand.cue is not None else None
    return other is not None and other.start < cand.end and cand.start < other.end


def _holding(cand: _Candidate, partials: list[tuple[int, int]], text: str) -> _Candidate:
    """The reported clause ``cand`` widened to hold the partial quotes (sorted spans) it cuts (the
    parser ends the clause inside a long quotation: “that “we will see each other soon, I hope, in
    Samarkand.”"), so the attribution holds the quoted words whole, marks included."""
    start, end = cand.start, cand.end
    i = max(bisect_left(partials, (cand.start, -1)) - 1, 0)
    while i < len(partials) and partials[i][0] < cand.end:
        if cand.start < partials[i][1]:
            lo, hi = _with_marks(text, Marked(*partials[i]))
            start, end = min(start, lo), max(end, hi)
        i += 1
    return replace(cand, start=start, end=end)


def _covered(cand: _Candidate, quoted: SpanSet) -> bool:
    """Whether a reported clause is mostly a direct quote already."""
    length = max(cand.end - cand.start, 1)
    return quoted.overlap(cand.start, cand.end) / length >= 0.6


def extract_quotes(doc: Doc, article_id: str, mentions: list[Mention]) -> list[Quote]:
    """Every direct quote and reported-speech attribution in ``doc`` with its speaker resolved
    within the article (``speaker_name``) or left unresolved with a reason."""
    marked = find_quoted(doc_text(doc))
    outer_quoted = SpanSet((m.start, m.end) for m in marked if m.depth == 0)
    candidates = _direct_candidates(doc, marked, outer_quoted)
    direct = SpanSet((c.start, c.end) for c in candidates if c.kind == "direct")
    woven_in = {c.cue.token.i: c for c in candidates if c.kind == "indirect" and c.cue is not None}
    partials = sorted((c.start, c.end) for c in candidates if c.kind == "partial")
    candidates += [
        _holding(c, partials, doc_text(doc))
        for c in _indirect_candidates(doc, outer_quoted)
        if not _covered(c, direct) and not _same_report(c, woven_in)
    ]
    text = doc_text(doc)
    candidates = [
        replace(c, start=s, end=e) for c in candidates for s, e in [trim_span(text, c.start, c.end)]
    ]
    candidates.sort(key=lambda c: (c.start, c.kind))

    index = MentionIndex(mentions)
    pool = _antecedents(doc, index, outer_quoted)
    spoken: dict[str, None] = {}  # earlier speakers, in order
    roles: dict[str, str | None] = {}
    quotes: list[Quote] = []
    last_direct: Quote | None = None
    by_cue: dict[int, Speaker] = {}  # one cue, one speaker, resolved once
    for cand in candidates:
        speaker: Speaker | None = None
        reason: str | None = None
        cue_tok: Token | None = cand.cue.token if cand.cue else None
        if cand.cue is not None and cand.cue.speaker is not None and cand.cue.token.i in by_cue:
            speaker = by_cue[cand.cue.token.i]  # a partial quote and the reported speech around it
        elif cand.cue is not None and cand.cue.speaker is not None:
            speaker = by_cue[cand.cue.token.i] = resolve(
                cand.cue.speaker, index, pool, spoken, said_from=_said_from(doc, cand)
            )
        elif cand.cue is not None:
            reason = "cue without a speaker"
        elif (
            cand.inherit
            and last_direct is not None
            and _near(doc_text(doc), last_direct.span.end, cand.start)
        ):
            prev = last_direct
            q = replace(
                prev,
                kind="direct",
                id=content_id(article_id, str(cand.start), str(cand.end)),
                span=TextSpan(article_id, cand.start, cand.end),
                text=doc_text(doc)[cand.start : cand.end],
                continues=prev.id if cand.continued or _one_utterance(doc_text(doc), prev, cand) else None,
            )
            quotes.append(q)
            last_direct = q
            if prev.speaker_name:
                pool.append(Antecedent(cand.start, prev.speaker_name, "person"))
            continue
        else:
            reason = "no cue and no preceding quote to continue"
        if speaker is not None and speaker.name:
            kind = speaker.kind if speaker.kind in {"person", "org", "group"} else "person"
            pool.append(Antecedent(speaker.start, speaker.name, kind))
            spoken[speaker.name] = None
            if speaker.role is None and kind == "person":
                if speaker.name not in roles:  # one look-up per speaker: _role_for scans all mentions
                    roles[speaker.name] = _role_for(speaker.name, doc, index.persons)
                speaker = replace(speaker, role=roles[speaker.name])
        q = _make(article_id, doc, cand.start, cand.end, cand.kind, speaker, cue_tok, reason)
        if (
            cand.kind == "direct"
            and last_direct is not None
            and last_direct.kind == "direct"
            and q.speaker_name is not None
            and q.speaker_name == last_direct.speaker_name
            and _one_utterance(doc_text(doc), last_direct, cand)
        ):
            q = replace(q, continues=last_direct.id)
        quotes.append(q)
        if cand.kind == "direct" or q.speaker_name:
            last_direct = q
    return quotes


def _said_from(doc: Doc, cand: _Candidate) -> int | None:
    """Where the reported speech ``cand`` starts when its speaker comes after it and a pronoun or
    description there must refer to someone before it ("This shows Putin is not isolated, she
    said": not Putin); None when it names a source of its own ("..., according to Lukin, ...,
    he added": Lukin may be meant)."""
    if cand.kind != "indirect" or cand.cue is None or cand.cue.speaker is None:
        return None
    span = _span(doc, cand.start, cand.end)
    if span is None or span.start > cand.cue.speaker.i:
        return None
    if any(according_to(t) is not None or is_cue(t) for t in span if t.i != cand.cue.token.i):
        return None
    return cand.start


#: Most words between two parts of one utterance: the attribution ("said the Rev. Ana Ruiz, of ...").
MAX_ATTRIBUTION_WORDS = 40


def _one_utterance(text: str, prev: Quote, cand: _Candidate) -> bool:
    """Whether ``cand`` goes on with the direct quote ``prev`` as one utterance: same paragraph,
    and only an attribution between them (“First half,” he said, “second half.”; “...,” said X.
    “...”), which holds the cue of one of the two parts (or of none when ``cand`` has no cue).

    A quote in the next paragraph, or after narration, is a new utterance even by the same
    speaker (it keeps the speaker, not the link)."""
    gap = text[prev.span.end : cand.start]
    if "\n" in gap or _words(gap) > MAX_ATTRIBUTION_WORDS:
        return False
    if cand.cue is None:
        return prev.cue_span is not None and prev.span.end <= prev.cue_span.start < cand.start
    cues = [cand.cue.token.idx]
    if prev.cue_span is not None:
        cues.append(prev.cue_span.start)
    return any(prev.span.end <= c < cand.start for c in cues)


def _near(text: str, prev_end: int, start: int) -> bool:
    """Whether ``start`` is in the same paragraph as ``prev_end`` or the next one (no other
    paragraph in between)."""
    lines = text[prev_end:start].split("\n")
    return all(not line.strip() for line in lines[1:-1])

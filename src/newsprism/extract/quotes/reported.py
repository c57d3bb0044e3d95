"""Reported speech: what a cue reports, as one span of the article, and who reports it.

An indirect attribution is shown to readers as "who said what", so its content must read as what
its speaker said, thought or found, and must not carry the narrator's own words. A cue reports,
by the first rule that applies (:func:`content_of`):

1. "according to X": the clause it is set in, less the phrase; the part before the phrase when
   the phrase comes after the clause's verb ("Fares will double, according to a survey, [more
   than twice ...]" reports "Fares will double").
2. A verb of speech, belief or finding, or an adjective of belief, with a clausal complement: that
   clause ("the mayor said [the pier was safe]", "a survey shows [fares have doubled]", "officials
   are confident [the dam will hold]"), with a reason the parser hung on the cue ("said [the plan
   failed because ...]") and what a colon after it spells out. A clause before the cue counts
   only when the cue stands in a reporting clause of its own ("[The pier is safe], the mayor told
   reporters"), not when the parser hangs a clause before a colon on the next sentence's verb.
3. A verb of speech or belief set off inside the clause it reports ("[The pier,] the mayor said,
   [is safe]"; "As Ruiz noted, [the pier is old]"): that clause less the aside (one span, the
   aside inside it when it sits in the middle).
4. A verb of commitment, appeal or stated intention with a to-infinitive: the infinitive with its
   addressee ("urged [members to reject the offer]", "vowed [to rebuild the pier]", "called on
   [the council to act]"); what an appeal asks for ("called for [a freeze on fares]").
5. A verb of naming or blame with its object and what it says of it ("called [the levy a tax]",
   "described [the plan as a disgrace]", "accused [the council of hiding the costs]").
6. A noun of statement or stance whose speaker the sentence names, with its that-clause or
   to-infinitive ("her claim [that the pier was unsafe]", "the mayor's promise [to rebuild]").

A verb with only an object ("condemned the launch", "mentioned the budget") or a topic ("talked
about taxes") reports no statement and is no attribution here: shown alone under a speaker's name,
"the launch" would read as their words.

Every content span stays in its cue's paragraph (the parser joins a paragraph without final
punctuation to the next) and ends before what the narrator adds after a comma: an appositive, a
non-restrictive relative clause, a participle, a measure phrase ("said he backed Lena Park[, the
favourite]", "said fares rose[, citing a report]"), or a second speech verb of the same speaker
("said the pier was safe [and warned ...]"), which is that speaker's next attribution, not part of
this one.

One report holds one attribution: a cue inside another cue's content ("the mayor said [the
engineers believe the dam will hold]") is the outer speaker's account, not a second attribution
to the engineers. And it must name or point to someone: a pledge, name or appeal whose cue has no
speaker ("when asked to do so"), a subject that is the narrator's turn of phrase ("That said,
..."), or one or two words of content ("called for peace") is no attribution.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ...nlp.text import doc_text
from .speaker_index import SpanSet
from .speakers import ADDRESSEE_VERBS, BELIEF_VERBS, SPEECH_VERBS, according_to, cue_lemma, subject_of

#: Verbs of finding whose subject is often a document or a study ("a survey shows that ...",
#: "the report found ..."): cues with a clausal complement only ("the video shows an officer" is
#: a description, not a finding), never set inside what they report.
FINDING_VERBS: frozenset[str] = frozenset(
    [
        "show",
        "find",
        "reveal",
        "indicate",
        "conclude",
        "rule",
        "disclose",
        "discover",
        "determine",
        "learn",
        "prove",
        "demonstrate",
        "forecast",
        "project",
    ]
)
#: Verbs of speech that report a clause ("pointed out that ...", "assured voters that ...") but
#: are no cue of a direct quote: before a quotation they mean something else as often ("pointed to
#: the “risks”", "charged with “fraud”").
REPORTING_VERBS: frozenset[str] = frozenset(
    [
        "assure",
        "inform",
        "remind",
        "imply",
        "repeat",
        "underscore",
        "point",
        "charge",
        "counter",
        "respond",
        "hint",
    ]
)
#: Adjectives of belief with a clausal complement ("officials are confident [the dam will hold]").
BELIEF_ADJECTIVES: frozenset[str] = frozenset(
    [
        "confident",
        "convinced",
        "sure",
        "certain",
        "aware",
        "afraid",
        "worried",
        "concerned",
        "optimistic",
        "hopeful",
        "adamant",
        "skeptical",
        "sceptical",
    ]
)
#: Verbs of commitment or appeal reporting a to-infinitive ("vowed to rebuild", "urged members to
#: reject").
PLEDGE_VERBS: frozenset[str] = frozenset(
    [
        "vow",
        "promise",
        "pledge",
        "threaten",
        "swear",
        "agree",
        "offer",
        "propose",
        "urge",
        "ask",
        "tell",
        "warn",
        "encourage",
        "implore",
        "demand",
        "advise",
        "beg",
        "caution",
    ]
)
#: Verbs of a stated intention with a to-infinitive ("hopes to reopen", "plans to rebuild"); not
#: "want", which reports a wish the article gives as often as one anyone stated.
INTENT_VERBS: frozenset[str] = frozenset(["hope", "plan", "intend"])
#: Verbs of appeal reporting what they ask for ("called for [a freeze]") or of whom, with "on"
#: ("called on [the council to act]").
APPEAL_VERBS: frozenset[str] = frozenset(["call", "appeal", "plead", "press"])
#: Verbs of naming (with an object predicate or "as") and of blame or praise (with "of" / "for").
NAMING_VERBS: frozenset[str] = frozenset(
    ["call", "describe", "label", "brand", "dub", "term", "characterize", "characterise", "portray"]
)
BLAME_VERBS: frozenset[str] = frozenset(
    ["accuse", "blame", "criticize", "criticise", "praise", "credit", "fault", "condemn", "attack", "slam"]
)
_NAMING_PREPS = {"as"}
_BLAME_PREPS = {"of", "for"}
#: Nouns of a statement or a stance with a that-clause ("her claim [that the pier was unsafe]").
CLAIM_NOUNS: frozenset[str] = frozenset(
    [
        "claim",
        "assertion",
        "allegation",
        "accusation",
        "argument",
        "contention",
        "suggestion",
        "warning",
        "statement",
        "announcement",
        "insistence",
        "observation",
        "complaint",
        "belief",
        "view",
        "prediction",
        "estimate",
        "assessment",
        "conclusion",
        "finding",
        "charge",
        "assurance",
        "admission",
        "fear",
        "hope",
        "concern",
        "message",
        "promise",
        "pledge",
        "vow",
        "threat",
        "report",
    ]
)
#: Nouns of commitment or appeal with a to-infinitive ("the mayor's promise [to rebuild]").
PLEDGE_NOUNS: frozenset[str] = frozenset(
    ["promise", "pledge", "vow", "threat", "demand", "request", "proposal", "offer", "call", "appeal"]
)
#: Verbs whose object is their subject's own statement ("repeated her claim that ...").
_STATING_VERBS = frozenset({"make", "repeat", "reiterate", "issue", "express", "voice", "renew", "stand"})
#: Cues whose clausal complement is reported content (rule 2).
CLAUSE_VERBS: frozenset[str] = SPEECH_VERBS | BELIEF_VERBS | FINDING_VERBS | REPORTING_VERBS
#: The dependency of a clausal complement: "said [the pier was safe]".
_CLAUSE_DEPS = frozenset({"ccomp"})
#: What a narrator appends after a comma at the end of reported content.
_TAIL_DEPS = frozenset({"appos", "relcl", "npadvmod"})
_PARTICIPLES = frozenset({"VBG", "VBN"})
#: Conjunctions of a clause the parser hangs on the cue that belongs to what was said.
_REASON_MARKS = frozenset({"because", "if", "unless", "since"})


_CLOSING = {")": "(", "]": "["}
#: Subjects of a cue that report nobody: "That said, ...", "This means ..." (the narrator's own
#: turn of phrase).
_NOT_REPORTED = frozenset({"that", "this"})
#: Parts of speech no speaker is: a parse that made one the cue's subject ("Here's hoping ...").
_NOT_NOMINAL = frozenset({"VERB", "AUX", "PART", "ADP", "SCONJ", "CCONJ", "PUNCT", "SPACE"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
#: Fewest words of reported content shown as what someone said.
_MIN_WORDS = 2
#: What sets a parenthesis off ("The pier, the mayor said, is safe").
_ASIDE = frozenset({",", "—", "–", "--", "("})
#: A verb with one of these has a complement of its own: no parenthesis.
_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"})


@dataclass(frozen=True, slots=True)
class Reported:
    """One reported-speech attribution: its content's character span, cue and speaker head."""

    start: int
    end: int
    cue: Token
    speaker: Token | None


def _is_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def _paragraph(token: Token) -> tuple[int, int]:
    """The character range of the paragraph (line) holding ``token``."""
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    return start, end if end >= 0 else len(text)


def _clip(doc: Doc, first: int, last: int, cue: Token) -> tuple[int, int] | None:
    """Tokens ``first``..``last`` cut to the cue's paragraph, without edge punctuation or space
    (quotation marks kept: they belong to a quoted part of the content)."""
    lo, hi = _paragraph(cue)
    while first <= last and not lo <= doc[first].idx < hi:
        first += 1
    while last >= first and not lo <= doc[last].idx < hi:
        last -= 1
    while first <= last and (doc[first].is_space or (doc[first].is_punct and not doc[first].is_quote)):
        first += 1
    while last >= first and (
        doc[last].is_space or (doc[last].is_punct and not _kept_at_end(doc, first, last))
    ):
        last -= 1
    if last + 1 < len(doc) and doc[last + 1].text in _CLOSING and _kept_at_end(doc, first, last + 1):
        last += 1  # "(2,095 metric tons), according to ...": the bracket the content opened
    return (first, last) if first <= last else None


def _kept_at_end(doc: Doc, first: int, last: int) -> bool:
    """Whether the punctuation ``doc[last]`` ends the content: a quotation mark, or a bracket that
    closes one opened inside it ("about 2,300 tons (2,095 metric tons)")."""
    tok = doc[last]
    if tok.is_quote:
        return True
    if tok.text in _CLOSING:
        opening = _CLOSING[tok.text]
        inside = doc[first:last]
        return sum(t.text == opening for t in inside) > sum(t.text == tok.text for t in inside)
    return False


def _narrator_tail(doc: Doc, first: int, last: int, root: Token) -> int:
    """``last`` moved before what the narrator appends to the content headed by ``root`` (see the
    module doc): a comma-led appositive, relative clause, participle or measure phrase that runs
    to the content's end, or a second speech verb of the speaker joined to ``root``."""
    changed = True
    while changed:
        changed = False
        for tok in doc[first : last + 1]:
            if tok.i == root.i or tok.right_edge.i < last:
                continue
            left = tok.left_edge.i
            comma = left - 1 >= first and doc[left - 1].text in {",", ";"}
            tail = _is_tail(tok)
            joined = tok.dep_ == "conj" and tok.head.i == root.i and _speaker_goes_on(tok)
            if (comma and tail and left - 1 > first) or joined:
                cut = left - 1
                while cut > first and (doc[cut].dep_ == "cc" or doc[cut].is_punct):
                    cut -= 1
                if cut < last and cut > first:
                    last, changed = cut, True
                    break
    return last


def _is_tail(tok: Token) -> bool:
    """Whether ``tok`` heads what a narrator appends to a clause: an appositive, a relative clause,
    a measure phrase or a participle ("citing a report")."""
    return tok.dep_ in _TAIL_DEPS or (
        tok.dep_ in {"acl", "advcl"}
        and tok.tag_ in _PARTICIPLES
        and not any(c.dep_ == "mark" for c in tok.children)
    )


def _speaker_goes_on(conj: Token) -> bool:
    """Whether ``conj``, a verb joined to the reported clause's head, is the speaker's next speech
    act ("said the pier was safe and warned residents ..."): a speech verb with no subject of its
    own."""
    return (
        _is_verb(conj)
        and cue_lemma(conj) in SPEECH_VERBS | PLEDGE_VERBS
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children)
    )


def _span(doc: Doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _according(tok: Token) -> tuple[int, int] | None:
    """Rule 1: the clause "according to X" is set in, less the phrase; only the part before the
    phrase when the clause's verb comes before it ("Fares will double, according to X, [more than
    twice ...]")."""
    doc = tok.doc
    phrase = {t.i for t in tok.subtree}
    head = tok.head
    while (
        head.dep_ in {"xcomp", "ccomp", "conj"}
        and head.head is not head
        and head.head.sent == head.sent
        and not (_is_verb(head.head) and cue_lemma(head.head) in CLAUSE_VERBS)
    ):
        head = head.head  # "would see [incomes go up], according to X": the whole statement, but
        # not the report it is in ("[Xi's plan, according to X, may fail], he added")
    if head is tok or head.dep_ in {"relcl", "acl"}:
        return None  # "a plan which, according to X, ...": the phrase reports on a noun, not a clause
    if head.dep_ != "ROOT" and not (
        _is_verb(head) and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in head.children)
    ):
        return None  # no clause: "a bill, according to X" reports no statement
    lo, hi = min(phrase), max(phrase)
    words = [t for t in head.subtree if t.i not in phrase and not (t.is_punct or t.is_space)]
    if not words:
        return None
    first, last = words[0].i, words[-1].i
    if first < lo and head.i < lo < hi < last:
        last = lo - 1
    return _clip(doc, first, last, tok)


def _clause(cue: Token) -> tuple[int, int] | None:
    """Rule 2: the clausal complement(s) of a speech, belief or finding verb."""
    parts = [c for c in cue.children if c.dep_ in _CLAUSE_DEPS]
    before = [c for c in parts if c.i < cue.i]
    if (
        before
        and len(before) < len(parts)
        and not _reporting_clause(cue, max(c.right_edge.i for c in before))
    ):
        parts = [c for c in parts if c.i > cue.i]  # "X may fail; Reed has said that ...": only after
    if not parts:
        return None
    first = min(c.left_edge.i for c in parts)
    for c in parts:
        if _headless(c) and c.i > cue.i:  # "demanding [Obama] make a pledge": its subject, misparsed
            lost = [
                s for s in cue.children if cue.i < s.i < c.i and s.dep_ in {"dobj", "xcomp", "nsubj", "attr"}
            ]
            first = min([first, *(s.left_edge.i for s in lost)])
    last = max(c.right_edge.i for c in parts)
    if last < cue.i and not _reporting_clause(cue, last):
        return None
    if first > cue.i:
        for c in cue.children:  # "said [the plan failed] because ...": the reason is the speaker's
            if (
                c.i > last
                and c.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in _REASON_MARKS for m in c.children)
            ):
                last = c.right_edge.i
    root = parts[0] if len(parts) == 1 else None
    if root is not None:
        last = _narrator_tail(cue.doc, first, last, root)
    if first > cue.i:
        last = _after_colon(cue.doc, last)
    return _clip(cue.doc, first, last, cue)


def _headless(clause: Token) -> bool:
    """Whether ``clause`` is a finite verb that opens its own clause with no subject: the parser
    took its subject for the cue's object ("demanding Obama [make a pledge]", "would add being
    ready [is critical]")."""
    return (
        clause.tag_ in _FINITE
        and clause.left_edge.i == clause.i
        and not any(c.dep_ in _SUBJECTS for c in clause.children)
    )


def _reporting_clause(cue: Token, last: int) -> bool:
    """Whether ``cue``, after the clause it would report (ending at ``last``), stands in a
    reporting clause of its own ("The pier is safe, the mayor told reporters."): set off by a
    comma, dash or quotation mark, with no object but an addressee. A parse that hangs a clause
    before a colon on the next sentence's verb ("... what tuft cells do: They recognize
    parasites") reports nothing."""
    doc = cue.doc
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is None or not (after.text in _ASIDE or after.is_quote):
        return False
    addressee = cue_lemma(cue) in ADDRESSEE_VERBS
    return not any(c.dep_ in {"dobj", "xcomp", "attr", "oprd"} and not addressee for c in cue.children)


def _after_colon(doc: Doc, last: int) -> int:
    """``last`` moved to the end of its sentence when a colon follows it and what follows has no
    quotation mark ("said the town has three tasks: fix the pier, ..."): what the colon opens
    spells out what was said. A quotation after the colon is a direct quote of its own."""
    colon = last if doc[last].text == ":" else last + 1
    if colon >= len(doc) or doc[colon].text != ":":
        return last
    end = doc[colon].sent.end - 1
    rest = doc[colon + 1 : end + 1]
    if not len(rest) or any(t.is_quote for t in rest) or any("\n" in t.text for t in rest):
        return last
    return end


def _parenthetical(cue: Token) -> tuple[int, int] | None:
    """Rule 3: the clause a speech or belief verb is set in as a parenthesis ("The pier, the mayor
    said, is safe")."""
    host = cue.head
    if host is cue or not _is_verb(host):
        return None
    doc = cue.doc
    first, last = host.left_edge.i, host.right_edge.i
    if _as_said(cue):  # "As Ruiz noted, the pier is old": the clause after the aside
        if cue.left_edge.i == first:
            return _clip(
                doc, cue.right_edge.i + 1, _narrator_tail(doc, cue.right_edge.i + 1, last, host), cue
            )
    elif cue.dep_ != "parataxis":
        return None
    if not first < cue.left_edge.i <= cue.right_edge.i < last:
        return None  # the speech verb is not inside the clause it would report
    left, right = cue.left_edge.i, cue.right_edge.i
    if doc[left].text not in _ASIDE:
        left -= 1
    if doc[right].text not in _ASIDE and not doc[right].is_sent_end:
        right += 1
    set_off = doc[left].text in _ASIDE and (doc[right].text in _ASIDE or doc[right].is_sent_end)
    if not set_off or any(c.dep_ in _COMPLEMENTS and not _as_said(cue) for c in cue.children):
        return None  # "..., these studies showed: They recognize parasites by ...": a clause of its own
    last = _narrator_tail(doc, first, last, host)
    return _clip(cue.doc, first, last, cue)


def _pledge(cue: Token) -> tuple[int, int] | None:
    """Rule 4: the to-infinitive of a verb of commitment or appeal, with its addressee."""
    for comp in cue.children:
        if comp.dep_ != "xcomp" or comp.i < cue.i:
            continue
        if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in comp.children):
            continue
        first = comp.left_edge.i
        for obj in cue.children:
            addressed = obj.dep_ in {"dobj", "dative"} or (obj.dep_ == "prep" and obj.lower_ == "on")
            if addressed and cue.i < obj.i < comp.i:  # "urged [members to ...]", "called on [them to ...]"
                first = min(first, obj.left_edge.i if obj.dep_ != "prep" else obj.i + 1)
        last = _narrator_tail(cue.doc, first, comp.right_edge.i, comp)
        return _clip(cue.doc, first, last, cue)
    return None


def _appeal(cue: Token) -> tuple[int, int] | None:
    """Rule 4, the appeal for a thing: what a verb of appeal asks for ("called for [a freeze on
    fares]", "pressed for [freezing fares]"); not with an object ("called a meeting for Monday")."""
    if any(c.dep_ in {"dobj", "dative"} for c in cue.children):
        return None
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.lower_ == "for" and prep.i > cue.i:
            obj = next((c for c in prep.children if c.dep_ in {"pobj", "pcomp"}), None)
            if obj is None:
                return None
            last = _narrator_tail(cue.doc, obj.left_edge.i, obj.right_edge.i, obj)
            return _clip(cue.doc, obj.left_edge.i, last, cue)
    return None


def _says_of(lemma: str, child: Token) -> bool:
    """Whether ``child`` of a verb of naming or blame is what it says of its object: the name
    ("called the levy [a tax]", "described it [as a disgrace]") or the fault ("accused the council
    [of hiding the costs]")."""
    if lemma in NAMING_VERBS:
        return child.dep_ in {"oprd", "xcomp"} or (child.dep_ == "prep" and child.lower_ in _NAMING_PREPS)
    return lemma in BLAME_VERBS and child.dep_ == "prep" and child.lower_ in _BLAME_PREPS


def _naming(cue: Token) -> tuple[int, int] | None:
    """Rule 5: the object of a verb of naming or blame and what the verb says of it."""
    lemma = cue_lemma(cue)
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if obj is None:
        return None
    said = next((c for c in cue.children if c.i > obj.i and _says_of(lemma, c)), None)
    if said is None:
        return None
    last = _narrator_tail(cue.doc, obj.left_edge.i, said.right_edge.i, said)
    return _clip(cue.doc, obj.left_edge.i, last, cue)


def _noun_clause(cue: Token) -> tuple[int, int] | None:
    """Rule 6: the that-clause of a noun of statement or stance ("her claim [that the pier was
    unsafe]"), or the to-infinitive of a noun of commitment ("the mayor's promise [to rebuild]")."""
    lemma = cue_lemma(cue)
    for c in cue.children:
        if c.i < cue.i or c.dep_ not in {"acl", "ccomp", "relcl"} or not _is_verb(c):
            continue
        marked = any(m.dep_ == "mark" and m.lower_ in {"that", "whether"} for m in c.children)
        infinitive = any(m.dep_ == "aux" and m.tag_ == "TO" for m in c.children)
        if (marked and lemma in CLAIM_NOUNS) or (infinitive and lemma in PLEDGE_NOUNS):
            last = _narrator_tail(cue.doc, c.left_edge.i, c.right_edge.i, c)
            return _clip(cue.doc, c.left_edge.i, last, cue)
    return None


def _noun_speaker(noun: Token) -> Token | None:
    """Who makes the statement a noun names: its possessor ("the mayor's promise"), the object of
    "by" or "of" ("the warning by the engineers"), or the subject of a verb stating it ("Ruiz
    repeated the claim"); None when the sentence does not say."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in {"by", "of", "from"} and c.i < noun.i + 3:
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None and (obj.pos_ in {"PROPN", "PRON"} or obj.ent_type_):
                return obj
    if noun.dep_ == "dobj" and cue_lemma(noun.head) in _STATING_VERBS:
        return subject_of(noun.head)
    return None


def content_of(cue: Token) -> tuple[int, int] | None:
    """The token range (first, last) ``cue`` reports, by the module doc's rules; None when it
    reports no statement."""
    if according_to(cue) is not None:
        return _according(cue)
    if cue.pos_ == "ADJ" and cue.lower_ in BELIEF_ADJECTIVES:
        return _clause(cue)
    if cue.pos_ == "NOUN" and cue_lemma(cue) in CLAIM_NOUNS | PLEDGE_NOUNS:
        return _noun_clause(cue) if _noun_speaker(cue) is not None else None
    if not _is_verb(cue):
        return None
    lemma = cue_lemma(cue)
    if lemma == "put" and _as_said(cue) and any(c.lower_ == "it" for c in cue.children):
        return _parenthetical(cue)  # "as the mayor put it"
    if lemma in CLAUSE_VERBS:
        found = _clause(cue) or (_parenthetical(cue) if lemma not in FINDING_VERBS else None)
        if found is not None:
            return found
    if lemma in PLEDGE_VERBS | INTENT_VERBS | APPEAL_VERBS:
        found = _pledge(cue)
        if found is not None:
            return found
    if lemma in APPEAL_VERBS:
        found = _appeal(cue)
        if found is not None:
            return found
    if lemma in NAMING_VERBS | BLAME_VERBS:
        return _naming(cue)
    return None


def speaker_of(cue: Token) -> Token | None:
    """The speaker head of a reported-speech cue: the object of "according to", else the cue's
    subject; for the speaker's second speech verb inside what they said ("the mayor said the pier
    was safe and warned ..."), the subject of the first."""
    obj = according_to(cue)
    if obj is not None:
        return obj
    if cue.pos_ == "ADJ":
        return subject_of(cue.head) if cue.dep_ in {"acomp", "oprd"} else None
    if cue.pos_ == "NOUN":
        return _noun_speaker(cue)
    if cue.dep_ == "conj" and _speaker_goes_on(cue):
        clause = cue.head
        if clause.dep_ in _CLAUSE_DEPS and _is_verb(clause.head) and cue_lemma(clause.head) in CLAUSE_VERBS:
            return subject_of(clause.head)
    return subject_of(cue)


def _as_said(cue: Token) -> bool:
    """Whether ``cue`` heads an aside of the form "as X said" ("as the mayor put it")."""
    return (
        cue.dep_ in {"advcl", "prep"}
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
        and any(c.dep_ == "nsubj" for c in cue.children)  # not "as expected"
        and not any(c.dep_ == "ccomp" for c in cue.children)
    )


def _aside(cue: Token) -> bool:
    """Whether ``cue`` is a speech verb set as an aside in what it reports ("The pier, the mayor
    said, is safe"; "as the mayor noted")."""
    return cue.dep_ == "parataxis" or _as_said(cue)


def _parenthesis(cue: Token) -> bool:
    """Whether ``cue`` is set as a parenthesis in what it reports ("The pier, the mayor said, is
    safe"; "Scott, according to his aides, will run"; "as the mayor put it")."""
    return cue.dep_ == "parataxis" or according_to(cue) is not None or _as_said(cue)


def _speaker(cue: Token) -> Token | None:
    """The speaker head of ``cue`` when the parse gave it one that can name someone."""
    speaker = speaker_of(cue)
    if speaker is not None and speaker.pos_ in _NOT_NOMINAL:
        return None  # "Here's hoping ...": the parse made a word that names nobody the subject
    return speaker


def _readable(doc: Doc, cue: Token, first: int, last: int, speaker: Token | None, quoted: SpanSet) -> bool:
    """Whether the content ``first``..``last`` of ``cue`` reads as what ``speaker`` said."""
    if speaker is None and not any(c.dep_ in _CLAUSE_DEPS for c in cue.children):
        return False  # "when asked to do so": a pledge, a name or an appeal is nobody's without a speaker
    if speaker is not None and speaker.lower_ in _NOT_REPORTED:
        return False  # "That said, ..."
    if speaker is not None and first <= speaker.i <= last and not _parenthesis(cue):
        return False  # the speaker inside what they said: a parse that cannot be read
    if sum(1 for t in doc[first : last + 1] if not (t.is_punct or t.is_space)) < _MIN_WORDS:
        return False  # "called for peace", "said what": too little to show as what was said
    start, end = _span(doc, first, last)
    # “...,” she said, “...”: a parenthesis in a direct quote is its attribution, not reported speech
    return not (_aside(cue) and 2 * quoted.overlap(start, end) >= end - start)


def reported_speech(doc: Doc, quoted: SpanSet) -> list[Reported]:
    """Every reported-speech attribution of ``doc`` whose cue is outside quotation marks (in
    ``quoted``), one per report (see the module doc)."""
    found: list[tuple[Token, int, int]] = []
    for tok in doc:
        if quoted.covers(tok.idx):
            continue
        content = content_of(tok)
        if content is None:
            continue
        first, last = content
        if first <= tok.i <= last and not _parenthesis(tok):
            continue  # the cue inside its own content: a parse that cannot be read
        found.append((tok, first, last))
    # a speech verb's aside sits inside its own content and holds no other report; an "according
    # to" holds one ("According to X, a survey shows ...") but keeps its own source inside another
    # ("Xi's plan, according to Lukin, may fail, he added": who "he" is)
    outer = SpanSet((first, last + 1) for tok, first, last in found if not _aside(tok))
    result: list[Reported] = []
    for tok, first, last in found:
        own = int(first <= tok.i <= last)
        if not _parenthesis(tok) and outer.overlap(tok.i, tok.i + 1) > own:
            continue  # reported inside another report ("X said Y believes Z"): X's words, one attribution
        speaker = _speaker(tok)
        if _readable(doc, tok, first, last, speaker, quoted):
            start, end = _span(doc, first, last)
            result.append(Reported(start, end, tok, speaker))
    return result

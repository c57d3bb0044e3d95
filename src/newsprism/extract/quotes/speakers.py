"""Who is speaking: cue words, the speaker phrase of a cue, and resolving it to a name.

Pure functions over a parsed spaCy Doc and the article's entity mentions. A speaker phrase is a
name (resolved to the fullest form of that name in the article), a pronoun or definite description
(resolved to the nearest earlier compatible speaker or subject), an organisation or document ("a
Kremlin statement" -> "Kremlin"), or left unresolved with a reason. Nothing is guessed.

Two traps of "nearest earlier speaker": a person put forward in the pronoun's own paragraph
("Lawmakers called on Weber to resign. Last week he told ...") is nearer in the discourse than a
speaker of an earlier paragraph, even as an object; and a description naming a title ("the
interior minister") means the person the article gave that title ("Interior Minister Ilona
Marek"), not whoever spoke last (her namesake, a farmer).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...nlp.text import doc_text
from ...records import Mention
from .speaker_index import JOINT, Antecedent, AntecedentPool, MentionIndex, PersonNames

#: Verbs introducing speech, writing or a stated position (lemmas).
SPEECH_VERBS: frozenset[str] = frozenset(
    [
        "say",
        "tell",
        "add",
        "claim",
        "state",
        "note",
        "observe",
        "write",
        "explain",
        "argue",
        "insist",
        "warn",
        "suggest",
        "speculate",
        "assert",
        "announce",
        "declare",
        "describe",
        "term",
        "call",
        "vow",
        "pledge",
        "promise",
        "emphasize",
        "emphasise",
        "stress",
        "confirm",
        "acknowledge",
        "deny",
        "reply",
        "continue",
        "conclude",
        "comment",
        "remark",
        "specify",
        "reference",
        "mention",
        "ask",
        "talk",
        "speak",
        "urge",
        "predict",
        "report",
        "reiterate",
        "admit",
        "recall",
        "tweet",
        "post",
        "quote",
        "signal",
        "express",
        "complain",
        "praise",
        "condemn",
        "criticize",
        "criticise",
        "accuse",
        "blame",
        "caution",
        "contend",
        "maintain",
        "proclaim",
        "testify",
        "concede",
        "announce",
        "estimate",
        "allege",
        "boast",
        "joke",
        "muse",
        "lament",
        "recount",
        "summarize",
        "summarise",
        "demand",
        "shout",
        "yell",
        "exclaim",
        "retort",
        "quip",
    ]
)
#: Verbs whose object is whom they address ("told reporters “...”", "urged members to ..."),
#: not the words said: one set for direct and reported speech (two copies had drifted apart).
ADDRESSEE_VERBS: frozenset[str] = frozenset(
    {"tell", "ask", "inform", "assure", "remind", "warn", "urge", "brief", "advise"}
)
#: Verbs of belief or intention: cues for reported (indirect) attributions only.
BELIEF_VERBS: frozenset[str] = frozenset(
    [
        "believe",
        "think",
        "expect",
        "hope",
        "fear",
        "feel",
        "worry",
        "doubt",
        "know",
        "agree",
        "understand",
        "consider",
        "assume",
        "suspect",
        "wonder",
        "realize",
        "realise",
        "recognize",
        "recognise",
        "imagine",
        "presume",
        "anticipate",
        "reckon",
        "question",
        "dispute",
    ]
)
#: Nouns that carry an attribution ("by the Kremlin's telling", "a statement").
CUE_NOUNS: frozenset[str] = frozenset(
    [
        "telling",
        "account",
        "words",
        "remarks",
        "statement",
        "declaration",
        "pledge",
        "promise",
        "comment",
        "comments",
        "readout",
        "view",
        "opinion",
        "claim",
        "assertion",
        "warning",
        "vow",
    ]
)
#: Head nouns of a description of a person ("the Russian leader", "a Pentagon spokesman").
PERSON_NOUNS: frozenset[str] = frozenset(
    [
        "leader",
        "president",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "expert",
        "analyst",
        "analysts",
        "diplomat",
        "professor",
        "ambassador",
        "source",
        "sources",
        "officials",
        "leaders",
        "presidents",
        "chairman",
        "secretary",
        "director",
        "researcher",
        "scholar",
        "fellow",
        "envoy",
        "premier",
        "chancellor",
        "candidate",
        "senator",
        "governor",
        "aide",
        "adviser",
        "advisor",
        "lawmaker",
        "legislator",
        "economist",
        "observer",
        "observers",
        "experts",
        "commentator",
        "general",
        "commander",
        "nominee",
    ]
)
#: Head nouns of a document or outlet that can speak ("a Kremlin statement", "the paper").
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    [
        "statement",
        "readout",
        "report",
        "paper",
        "newspaper",
        "agency",
        "communique",
        "document",
        "release",
        "transcript",
        "ministry",
        "government",
        "kremlin",
        "tweet",
        "post",
        "website",
        "outlet",
        "daily",
    ]
)
MEDIA_NOUNS: frozenset[str] = frozenset(["newspaper", "paper", "daily", "outlet", "website"])
"""The :data:`DOCUMENT_NOUNS` only an organisation has (a definite one never refers to a place)."""
WRITTEN_NOUNS: frozenset[str] = frozenset(
    ["statement", "readout", "report", "communique", "document", "release", "transcript", "tweet", "post"]
)
"""The :data:`DOCUMENT_NOUNS` that are things written, not who writes them: what "it" may refer
to ("they put out another statement ... 'we agreed', it says")."""
#: Antecedent kinds of a written thing (:data:`WRITTEN_NOUNS`) by its named author's speaker
#: kind; "document" when the author is not named.
DOCUMENT_KINDS: dict[str, str] = {"document-person": "person", "document-org": "org", "document": "org"}
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_ORG_PRONOUNS = frozenset({"it", "its"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "we", "their"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker phrase and what it resolves to (``name`` None with ``unresolved`` when unknown)."""

    text: str
    start: int
    end: int
    name: str | None = None
    role: str | None = None
    unresolved: str | None = None
    kind: str = "person"  # person, org, group


#: Forms the English lemmatizer reduces to another verb's lemma ("hoped" -> "hop").
_LEMMA_FIXES = {"hoped": "hope", "hoping": "hope", "hopes": "hope"}


def cue_lemma(token: Token) -> str:
    """The lemma of a cue word, lower-case, with the lemmatizer's known slips mended."""
    return _LEMMA_FIXES.get(token.lower_) or token.lemma_.lower()


def is_cue(token: Token, *, beliefs: bool = False) -> bool:
    """Whether ``token`` is a verb of speech (or, with ``beliefs``, of belief)."""
    if token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB"):
        lemma = cue_lemma(token)
        return lemma in SPEECH_VERBS or (beliefs and lemma in BELIEF_VERBS)
    return False


def is_cue_noun(token: Token) -> bool:
    """Whether ``token`` is a noun carrying an attribution ("statement", "telling")."""
    return token.pos_ in {"NOUN", "PROPN"} and token.lemma_.lower() in CUE_NOUNS


def according_to(token: Token) -> Token | None:
    """The object of "according to" when ``token`` is the word "according", else None."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


_DATELINE_AFTER = frozenset({"--", "—", "–", "-", "("})


def past_dateline(subject: Token) -> Token:
    """``subject``, or the name the parser hung on it when it is a dateline ("WASHINGTON --
    President Ana Ruiz, ..., said": the capitalised place opening the paragraph, taken for the
    subject, with the speaker as its appositive)."""
    doc = subject.doc
    opens = subject.i == 0 or "\n" in doc[subject.i - 1].text_with_ws
    after = doc[subject.i + 1] if subject.i + 1 < len(doc) else None
    if not (opens and subject.is_upper and len(subject) > 1 and after is not None):
        return subject
    if after.text not in _DATELINE_AFTER:
        return subject
    # the name after the dash, maybe an appositive of an appositive ("WASHINGTON (AP) — The
    # Latest: ... Ana Ruiz"); the one nearest the verb
    named = [t for t in subject.subtree if t.dep_ == "appos" and t.pos_ == "PROPN" and not t.is_upper]
    return named[-1] if named else subject


def subject_of(verb: Token) -> Token | None:
    """The speaker token of a cue: its subject or passive agent, climbing through open clauses
    ("to declare", "pledging") and conjuncts to the clause that has one. A name a participle
    describes ("footage of Lena Park asking") is the speaker itself: climbing on would give the
    subject of the sentence ("The ad opens with footage ..."), a document, not who spoke. A past
    participle describing a thing ("We barred him over photos posted on Sunday that showed ...")
    has no speaker in the sentence without its "by": climbing on would make "We" the poster."""
    current: Token | None = verb
    for _ in range(6):
        if current is None:
            return None
        at = current.i
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        if subjects:
            # the nearest before the verb: a heading the parser ran into the sentence ("THE
            # BORROWING Back when he wrote ..., Mr. Kim said") is a second subject, further away
            child = min(subjects, key=lambda c: (c.i > at, abs(c.i - at)))
            if child.tag_ == "WP" or child.lower_ in {"who", "which", "that"}:
                return current.head if current.dep_ == "relcl" else child
            return past_dateline(child)
        for child in current.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        shown = _shown(current)
        if shown is not None:
            return shown
        if current.dep_ == "acl" and current.tag_ == "VBN" and current.head.pos_ == "NOUN":
            return None  # "photos posted on Sunday": by someone unsaid, not the clause's subject
        if current.dep_ in {"xcomp", "advcl", "acl", "conj", "pcomp", "relcl"} or current.dep_ in {
            "dobj",
            "pobj",
            "prep",
        }:
            current = current.head if current.head is not current else None
        else:
            return None
    return None


def _shown(verb: Token) -> Token | None:
    """The name a participle describes ("footage of Lena Park asking", "a clip of Ortega saying"):
    the participle right after a name that is the object of "of" under a noun, or that it
    modifies. The parser hangs the participle on the main verb as often as on the name."""
    if verb.tag_ != "VBG" or verb.dep_ not in {"acl", "advcl", "xcomp"} or verb.i == 0:
        return None
    if verb.dep_ == "acl" and verb.head.pos_ == "PROPN":
        return verb.head
    name = verb.doc[verb.i - 1]
    while name.dep_ in {"compound", "flat"} and name.head.i > name.i:
        name = name.head
    of = name.head
    if name.pos_ == "PROPN" and name.dep_ == "pobj" and of.lower_ == "of" and of.head.pos_ == "NOUN":
        return name
    return None


def phrase(token: Token) -> Span:
    """The noun phrase headed by ``token`` without trailing appositives, clauses or prepositions,
    and without what stands on an earlier line: the parser hangs a heading above a paragraph
    ("NISSAN SENTRA") on the paragraph's first subject as a compound, and the speaker of "Nissan is
    hoping ..." would read "NISSAN SENTRA Nissan"."""
    doc = token.doc
    left = token.left_edge.i
    for i in range(token.i - 1, left - 1, -1):
        if "\n" in doc[i].text_with_ws:
            left = i + 1
            break
    right = token.i
    for child in token.rights:
        if child.dep_ in {"compound", "flat", "nummod"} and child.i == right + 1:
            right = child.i
        else:
            break
    # keep the conjunction of names ("Xi and the Russian president")
    conjs = [c for c in token.children if c.dep_ == "conj"]
    if conjs:
        right = max(right, max(c.right_edge.i for c in conjs))
        right = _cut_at_punct(doc, token.i, right)
    while left < token.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left : right + 1]


def _cut_at_punct(doc: Doc, start: int, end: int) -> int:
    for i in range(start + 1, end + 1):
        if doc[i].text == "," and i < end:
            return i - 1
    return end


def appositive(token: Token) -> str | None:
    """The role stated beside a name ("Yun Sun, director of the China program ...")."""
    for child in token.children:
        if child.dep_ == "appos":
            span = token.doc[child.left_edge.i : child.right_edge.i + 1]
            text = span.text.strip(" ,.")
            if text:
                return text
    return None


def fullest_name(
    written: str,
    persons: Sequence[Mention] | PersonNames,
    *,
    prefer: Iterable[str] = (),
    before: int | None = None,
) -> str:
    """The fullest form of the name ``written`` among the article's person mentions ("Putin" ->
    "Vladimir Putin"); see :meth:`PersonNames.fullest`. Pass a :class:`PersonNames` built once per
    article when calling this per quote: building it is linear in the article."""
    names = persons if isinstance(persons, PersonNames) else PersonNames(persons)
    return names.fullest(written, prefer, before)


def _mention_at(mentions: MentionIndex, start: int, end: int) -> Mention | None:
    return mentions.at(start, end)


def _proper_run(span: Span) -> str | None:
    """The run of proper-noun tokens in a description ("a Chinese Foreign Ministry spokesperson")."""
    run: list[Token] = []
    best: list[Token] = []
    for tok in span:
        if tok.pos_ == "PROPN" or (tok.ent_type_ in {"ORG", "GPE", "NORP"} and tok.is_title):
            run.append(tok)
        else:
            if len(run) > len(best):
                best = run
            run = []
    if len(run) > len(best):
        best = run
    if not best:
        return None
    return span.doc[best[0].i : best[-1].i + 1].text.replace("’s", "").replace("'s", "").strip()


def _nationality(span: Span) -> str | None:
    for tok in span:
        if tok.ent_type_ == "NORP" or (tok.pos_ == "ADJ" and tok.is_title and tok.i != span.start):
            return tok.text
    return None


def _last(
    antecedents: AntecedentPool, pos: int, kinds: set[str], local: tuple[int, int] | None = None
) -> Antecedent | None:
    """The latest antecedent of ``kinds`` before ``pos``; for people, a subject or named speaker
    before any other mention ("person-weak"), which is the fallback.

    ``local`` (paragraph start, sentence start of ``pos``): a person of the paragraph comes first,
    a subject or speaker, else another mention in an earlier sentence of it ("called on Weber to
    resign. Last week he told ..."); a mere mention in the pronoun's own sentence is not one
    ("Asked about Biden, he said"). Each look-up is a bisection in the pool: no scan per quote."""
    if local is not None and "person" in kinds:
        para, sent = local
        near = antecedents.last(pos, "person")
        if near is None or near.pos < para:
            near = antecedents.last(sent, "person-weak")
        if near is not None and near.pos >= para:
            return near
    found = [a for kind in sorted(kinds) if (a := antecedents.last(pos, kind)) is not None]
    if not found and "person" in kinds:
        weak = antecedents.last(pos, "person-weak")
        found = [weak] if weak else []
    return max(found, key=lambda a: a.pos) if found else None


def joint_name(antecedents: Sequence[Antecedent], pos: int) -> str | None:
    """The two most recent distinct people before ``pos`` ("the two leaders")."""
    names: list[str] = []
    for a in sorted((a for a in antecedents if a.pos < pos), key=lambda a: -a.pos):
        if a.kind == "group" and JOINT.search(a.name):
            return a.name
        if a.kind == "person" and a.name not in names:
            names.append(a.name)
        if len(names) == 2:
            return " and ".join(reversed(names))
    return None


def resolve(
    head: Token,
    mentions: Sequence[Mention] | MentionIndex,
    antecedents: Iterable[Antecedent] | AntecedentPool,
    speakers_so_far: Iterable[str],
    *,
    with_conjuncts: bool = True,
    said_from: int | None = None,
) -> Speaker:
    """Resolve the speaker phrase headed by ``head`` (with its conjuncts: "X and Y" is a group).

    ``said_from``: where what the speaker said starts, when it comes before the speaker phrase
    ("This shows Putin is not isolated, she said"): a pronoun or description refers to someone
    before that, never to a person named in what was said.

    Pass ``mentions`` as a :class:`MentionIndex` and ``antecedents`` as an
    :class:`AntecedentPool`, built once per article, when resolving every quote of an article:
    the plain sequences are indexed on each call, which is linear in the article."""
    if not isinstance(mentions, MentionIndex):
        mentions = MentionIndex(mentions)
    if not isinstance(antecedents, AntecedentPool):
        antecedents = AntecedentPool(antecedents)
    span = phrase(head)
    text = span.text
    start, end = span.start_char, span.end_char
    at = start if said_from is None else min(start, said_from)  # antecedents come before this
    persons = mentions.persons
    prefer = list(dict.fromkeys(speakers_so_far))
    role = appositive(head)
    low = head.lower_

    joined = any(c.dep_ == "cc" and c.lower_ in {"and", "&"} for c in head.children)
    conjs = [c for c in head.children if c.dep_ == "conj"] if with_conjuncts and joined else []
    if conjs:
        parts = [
            resolve(t, mentions, antecedents, prefer, with_conjuncts=False, said_from=said_from)
            for t in [head, *conjs]
        ]
        names = [p.name for p in parts if p.name]
        if len(names) == len(parts):
            return Speaker(text, start, end, " and ".join(names), role, kind="group")

    if head.pos_ == "PRON" or low in _PERSON_PRONOUNS | _ORG_PRONOUNS | _PLURAL_PRONOUNS:
        if low in _PERSON_PRONOUNS:
            a = _last(antecedents, at, {"person"}, _local(head, at))
            if a:
                return Speaker(text, start, end, fullest_name(a.name, persons, prefer=prefer, before=a.pos))
            return Speaker(text, start, end, unresolved="pronoun with no earlier person")
        if low in _ORG_PRONOUNS:
            # a statement put forward after the last organisation is what "it" says, so its
            # author speaks, or nobody known ("it says" had become a country named paragraphs
            # before the statement of a pronoun "they")
            a = _last(antecedents, at, {"org", "place", *DOCUMENT_KINDS})
            if a and a.kind in DOCUMENT_KINDS and not a.name:
                return Speaker(text, start, end, unresolved="a document with no named author", kind="org")
            if a:
                return Speaker(text, start, end, a.name, kind=DOCUMENT_KINDS.get(a.kind, "org"))
            return Speaker(text, start, end, unresolved="pronoun with no earlier organisation")
        if low in _PLURAL_PRONOUNS:
            a = _last(antecedents, at, {"group"})
            if a:
                return Speaker(text, start, end, a.name, kind="group")
            return Speaker(text, start, end, unresolved="plural pronoun with no earlier group")
        return Speaker(text, start, end, unresolved=f"pronoun {head.text!r} not resolvable")

    lemma = head.lemma_.lower()
    is_proper = head.pos_ == "PROPN"
    if is_proper:
        mention = _mention_at(mentions, head.idx, head.idx + len(head.text))
        name_span = span
        if mention is not None and mention.label == "PERSON":
            name = fullest_name(mention.text, persons, prefer=prefer, before=start)
            return Speaker(text, start, end, name, role or _pre_title(span, mention))
        run = _proper_run(span) or head.text
        full = fullest_name(run, persons, prefer=prefer, before=start)
        if mention is not None and mention.label in {"ORG", "GPE", "NORP", "FAC"} and full == run:
            # the organisation's name as its mention reads it: the run of proper nouns stops at
            # a possessive inside a name ("the People's Daily" would speak as "People")
            named_as = mention.text if run in mention.text else run
            return Speaker(text, start, end, _strip_the(named_as), role, kind="org")
        return Speaker(name_span.text, start, end, full, role)

    named = [
        c for c in head.children if c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN" and c.i > head.i
    ]
    if named and (lemma in PERSON_NOUNS or low in PERSON_NOUNS):
        inner = resolve(named[0], mentions, antecedents, prefer, with_conjuncts=False, said_from=said_from)
        if inner.name:
            return Speaker(text, start, end, inner.name, span.text, kind=inner.kind)
    definite = any(t.lower_ in {"the", "this", "that", "these", "those"} or t.dep_ == "poss" for t in span)
    plural = head.tag_ in {"NNS", "NNPS"}
    proper = _proper_run(span)
    if proper and all(t.ent_type_ == "NORP" for t in span if t.text in proper.split()):
        proper = None  # a nationality ("Chinese officials") does not name the speaker
    if lemma in PERSON_NOUNS or low in PERSON_NOUNS:
        if proper is not None and not definite:
            return Speaker(text, start, end, _strip_the(proper), role, kind="org")
        if definite and plural and any(t.lower_ in {"two", "both"} for t in span):
            people = [
                Antecedent(m.span.start, own, "person")
                for m, own in zip(persons.persons, persons.own_names(), strict=True)
            ]
            joint = joint_name([*antecedents, *people], at)
            if joint:
                return Speaker(text, start, end, joint, role, kind="group")
            return Speaker(text, start, end, unresolved="no two earlier people for a joint description")
        if definite and not plural:
            titled = _titled(span, persons.persons)
            if titled is not None:
                name = fullest_name(titled.text, persons, prefer=prefer, before=titled.span.start)
                return Speaker(text, start, end, name, role)
            a = _last(antecedents, at, {"person"}, _local(head, at))
            if a:
                return Speaker(
                    text, start, end, fullest_name(a.name, persons, prefer=prefer, before=a.pos), role
                )
            return Speaker(text, start, end, unresolved="description with no earlier person")
        return Speaker(text, start, end, role=role, unresolved=f"unnamed speaker ({text})", kind="group")
    if lemma in DOCUMENT_NOUNS or low in DOCUMENT_NOUNS:
        if proper and proper.lower() != low:
            return Speaker(text, start, end, _strip_the(proper), role, kind="org")
        nat = _nationality(span)
        if nat:
            return Speaker(text, start, end, f"{nat} government", role, kind="org")
        if definite and not plural:
            # "the statement" may be a country's ("Russia ... the statement said"); a place has
            # no website or newspaper, and "the reports" are the press's, not the last subject's
            # ("according to the website" had become "Delhi", "the reports" "Britain")
            kinds = {"org"} if (lemma in MEDIA_NOUNS or low in MEDIA_NOUNS) else {"org", "place"}
            a = _last(antecedents, at, kinds)
            if a:
                return Speaker(text, start, end, a.name, role, kind="org")
        return Speaker(text, start, end, unresolved=f"unnamed source ({text})", kind="org")
    mention = _mention_at(mentions, head.idx, head.idx + len(head.text))
    if mention is not None:
        kind = "person" if mention.label == "PERSON" else "org"
        return Speaker(text, start, end, _strip_the(mention.text), role, kind=kind)
    return Speaker(text, start, end, unresolved=f"speaker {text!r} is not an entity")


def _local(token: Token, at: int) -> tuple[int, int]:
    """Start of the paragraph and of the sentence holding ``token`` (character offsets), the
    sentence starting no later than ``at``."""
    return doc_text(token.doc).rfind("\n", 0, token.idx) + 1, min(token.sent.start_char, at)


def _titled(description: Span, persons: Sequence[Mention]) -> Mention | None:
    """The latest person mention before ``description`` ("the interior minister") written right
    after that title ("Interior Minister Ilona Marek"), or None. Read backwards from the
    description, stopping at the first match."""
    title = " ".join(
        t.lower_ for t in description if t.lower_ not in {"the", "this", "that"} and t.dep_ != "poss"
    )
    if not title:
        return None
    text = doc_text(description.doc)
    earlier = sorted(
        (m for m in persons if m.span.start < description.start_char), key=lambda m: m.span.start
    )
    for m in reversed(earlier):
        before = " " + " ".join(text[max(0, m.span.start - len(title) - 24) : m.span.start].lower().split())
        if before.endswith(" " + title):
            return m
    return None


def _strip_the(name: str) -> str:
    for prefix in ("the ", "The "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _pre_title(span: Span, mention: Mention) -> str | None:
    """Words before a name inside its phrase ("Russian President" Vladimir Putin)."""
    before = doc_text(span.doc)[span.start_char : mention.span.start].strip(" ,")
    words = before.split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words) or None

"""Page furniture: sentences of a page that are not the story's news, told by their form.

The cleaner drops boilerplate *lines* (:mod:`newsprism.clean`), but many corpora hand over a page's
text as one running paragraph, so captions, credits and the site's notices reach the sentence
splitter glued to the news. A fixed phrase list copied from one data set would not carry to the
next site; what every such sentence shares is its *role* on the page, and three roles show in
the sentence itself:

* **caption**: it describes or credits a picture ("In this March 3 file photo, ...", "(Photo:
  Ana Ruiz/Courier)", "Image caption ...") or counts a gallery ("7/42 12 May 2019 ..."; a slash
  pair that cannot be a month/day date);
* **site address**: the site speaks to its reader about itself, outside any quotation and
  without an attribution: the site's "we/our" or an imperative opening with at least two words
  of the web medium (account, app, cookies, email, location, the latest updates...), or
  second-person address with three (an explainer talks to "you" about one account or app).
  Two of its notices carry no web words and are told by their own form: the reporter's contact
  line (a named person who "may be reached at" an address, or "contact/email NAME at" an e-mail
  address or handle) and the rights notice (two words of reprints, copyright or permitted use,
  with a request or an address: "For non-personal use or to order multiple copies, please
  contact ... Reprints at ..."). Reported speech ("the mayor told residents ...") is never one;
* **machinery**: text about the web machinery itself (crawls, archives, hosts, pages, data),
  whose machinery words no other origin of the story uses (at least two of them). A story *about* a web archive
  shares them across its articles and keeps them; an archive's crawl notice pasted into one
  document of a flood story shares none.

The trap is a real news sentence with a photo, a slash or "you" in it ("Police released a photo
of the suspect", "the 9/11 commission", a quotation addressed to residents): each rule needs the
role's full form, not a word, and the unit tests hold such sentences as the counter-examples.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from ..words import light_stem
from .text import CUE

_PICTURE = r"(?:photos?|photograph|photographs|images?|pictures?|illustration|handout|frame grab|screen ?(?:grab|shot))"
_CAPTION = re.compile(
    # a credit in brackets: "(Photo: Ana Ruiz)", "( ap photo/jo marsh )", "(Courtesy of the county)"
    rf"\(\s*(?:\S+\s+){{0,2}}?{_PICTURE}\s*(?::|/|\bby\b|\bcourtesy\b|\bcredit\b|\))"
    r"|\(\s*(?:photo\s+)?(?:courtesy|credit)\b"
    rf"|\bin this\b[^;]{{0,60}}?\b(?:file )?{_PICTURE}\b"  # "In this March 3, 2019, file photo, ..."
    rf"|\bfile photo\b|\b(?:image|photo) caption\b|\b(?:toggle|hide) caption\b|\bphoto illustration\b"
    rf"|^{_PICTURE}\s*:"
    r"|\(\s*[a-z][^()/\d$£€]{2,40}/[^()/]*\w\s+\w[^()]*\)"  # "(Jo Marsh/The Courier via AP)"
    r"|\w(?:\.\.\.|…)\s*\(",  # a caption cut short before its credit: "... near the river... (Reuters)"
    re.IGNORECASE,
)
_COUNTER = re.compile(r"^(?:\S+\s+){0,2}?(\d{1,3})\s?/\s?(\d{1,3})\s")
_MONTHS, _DAYS = 12, 31


def caption(text: str) -> bool:
    """Whether ``text`` is (or carries) a picture's caption or credit, or a gallery counter."""
    if _CAPTION.search(text):
        return True
    m = _COUNTER.match(text)
    if m is None:
        return False
    k, n = int(m.group(1)), int(m.group(2))
    return 1 <= k <= n and (k > _MONTHS or n > _DAYS)  # "9/11", "3/4" may be dates: not counters


_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_SITE_SELF = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us)\b")  # as written: "US", the country, is not "us"
_IMPERATIVE = re.compile(
    r"^(?:please\s+)?(?:add|get|sign up|subscribe|follow|download|click|tap|share|visit|stay|enable|"
    r"turn on|register|log ?in|sign in)\b",
    re.IGNORECASE,
)
_MEDIUM = re.compile(
    r"\b(?:accounts?|apps?|applications?|browsers?|cookies?|e-?mails?|e-?mail address(?:es)?|inbox|"
    r"newsletters?|alerts?|notifications?|the latest|updates|ads|advertis\w*|tracking|tweets?|"
    r"posts|locations?|privacy|settings|subscriptions?|sites?|website|web|pages?|feeds?|"
    r"personali[sz]ed|third-party|videos?)\b",
    re.IGNORECASE,
)
MIN_MEDIUM_WORDS = 2
MIN_MEDIUM_WORDS_YOU = 3  # "you" alone also opens explainers ("If you have a Hulu account, ...")


_ONLINE = r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|(?<![\w@])@\w{2,}"  # an e-mail address, a handle
_ADDRESS = re.compile(
    _ONLINE
    + r"|\b(?:www\.|https?://)\S+"
    + r"|(?:\b1[-. ])?\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b",  # a phone number
    re.IGNORECASE,
)
_ONLINE_ADDRESS = re.compile(_ONLINE)
_NAME = r"(?:[A-Z][\w.'’-]*\s+){1,4}"
_REACHED = re.compile(rf"^{_NAME}(?:may|can|could) be (?:reached|contacted|e-?mailed)\b")
_CONTACT_HIM = re.compile(
    rf"^(?:contact|reach|e-?mail|write to|follow)\s+{_NAME}(?:at|on|via)\b", re.IGNORECASE
)
_RIGHTS = re.compile(
    r"\breprints?\b|\bcopyright\w*|\bpermissions?\b|\blicensing\b|\bredistribut\w+|\brepublish\w*"
    r"|\bnon-?(?:personal|commercial) use\b|\bpersonal use\b|\bmultiple copies\b|\bthis copy\b"
    r"|\ball rights reserved\b",
    re.IGNORECASE,
)
_REQUEST = re.compile(r"\bplease\b|\b(?:contact|visit|order)\b|\byour\b", re.IGNORECASE)
MIN_RIGHTS_WORDS = 2


def _contact_line(text: str) -> bool:
    """A reporter's contact line: a named person who may be reached at an address, or an
    imperative to contact a named person at an e-mail address or handle (a police appeal gives a
    telephone number: "Contact Detective Jo Marsh at 555-0100" is news, so not that form)."""
    if _REACHED.search(text):
        return _ADDRESS.search(text) is not None
    return _CONTACT_HIM.search(text) is not None and _ONLINE_ADDRESS.search(text) is not None


def _rights_notice(text: str) -> bool:
    """The site's notice about reusing its content: two of its rights words with a request to
    the reader or an address ("copyright" and "permission" alone are news about a dispute)."""
    found = {m.group(0).lower() for m in _RIGHTS.finditer(text)}
    return len(found) >= MIN_RIGHTS_WORDS and bool(_REQUEST.search(text) or _ADDRESS.search(text))


def site_address(text: str) -> bool:
    """Whether ``text`` is the site addressing its reader about itself (see the module doc)."""
    outside = _QUOTED.sub(" ", text)
    if text[:1] in "\"“'‘" or CUE.search(outside):
        return False
    if _contact_line(outside) or _rights_notice(outside):
        return True
    site = _SITE_SELF.search(outside.lower() if outside.isupper() else outside) or _IMPERATIVE.match(outside)
    medium = {m.group(0).lower() for m in _MEDIUM.finditer(outside)}
    if site:
        return len(medium) >= MIN_MEDIUM_WORDS
    return bool(_SECOND_PERSON.search(outside)) and len(medium) >= MIN_MEDIUM_WORDS_YOU


_MACHINERY_WORDS = (
    "crawl crawls crawler crawled webcrawl archive archives archived wayback web website websites "
    "url urls host hosts domain domains subdomain page pages site sites data internet online server "
    "servers embed embeds link links browser cookies"
)
MACHINERY: frozenset[str] = frozenset(light_stem(w) for w in _MACHINERY_WORDS.split())
"""Stems of the web-machinery vocabulary (how pages are published, crawled and archived)."""
MIN_MACHINERY = 2
MACHINERY_SHARE = 0.25


def machinery(terms: Sequence[str], origin: str, origins_of: Mapping[str, Collection[str]]) -> bool:
    """Whether a sentence of ``origin`` with content ``terms`` is about the web machinery that no
    other origin of its story mentions (``origins_of``: each term's origins in the story)."""
    distinct = set(terms)
    found = distinct & MACHINERY
    if len(found) < MACHINERY_SHARE * len(distinct):
        return False
    return sum(set(origins_of.get(t, ())) <= {origin} for t in found) >= MIN_MACHINERY


_CREDIT = (
    rf"\(\s*(?:[^()]{{0,30}}?\b{_PICTURE}\s*(?::|/|\bby\b|\bcredit\b)[^()]{{0,60}}?"
    r"|[a-z][^()/\d$£€]{2,40}/[^()]{1,60}?)\s*\)"
)
"""A picture credit in brackets, closed: "( photo: evan vucci, ap )", "(c. bickel/journal)"."""
_LABEL = (
    # an audio player's label and the story's length: "Listen to article 5:30"; the type-size
    # control; a byline label the page left empty, alone in its paragraph ("By\n\n  Text size\n\n
    # Shares of ...") or before a separator ("By | | Text size | | ..."), never a wrapped "By\n..."
    r"listen to (?:this )?(?:article|story)\b(?:\s*\d{1,2}\s*:\s*\d{2}\b)?|(?:text|font) size\b"
    r"|by(?=[ \t]*(?:\||\n[ \t]*\n))"
)
"""The page's controls and labels that no sentence of news opens with."""
_PAGE_LABEL = re.compile(_LABEL, re.IGNORECASE)
_AD_HEADS = (
    "revenue revenues spending sales income rates budget budgets market markets campaign campaigns "
    "agency agencies industry business space slots costs dollars money expenditure executives"
)
AD_LABEL = rf"(?:photo\s+)?advertisement\b(?!\s+(?-i:{'|'.join(_AD_HEADS.split())})\b)"
"""The page's "Advertisement" label, not the noun it shares its spelling with. Glued to a lede,
the label is followed by a new sentence: a capital, a quotation mark, a dateline, or, in a
corpus re-cased with its names in lower case (Multi-News: "Advertisement tony aiello was
arrested ..."), any word at all, so the case of the next word cannot tell them apart. What
marks the noun is the word it modifies: "Advertisement revenue fell 12 percent ..." opens with
a compound whose head (revenue, spending, sales, ...) is one of the few nouns "advertisement"
qualifies in news; written lower-case, that head keeps the word (as written: a capitalised
"Sales" after the label opens a new sentence)."""
_PREFIX = re.compile(
    _CREDIT
    + "|"
    + _LABEL
    # a wire credit after the picture's: "( ap photo/jo marsh ) ( associated press ) Riverton ..."
    + r"|\(\s*(?:the\s+)?(?:associated press|ap|afp|reuters)\s*\)"
    # the page's own labels and notices before the story: "Advertisement", "Continue reading the
    # main story", "Buy photo", "Story highlights", "Please enable JavaScript to watch this video"
    + "|"
    + AD_LABEL
    + r"|continue reading the main story\b|buy photo\b|story highlights\b"
    r"|(?:please\s+)?enable javascript to (?:watch|view) this video\b"
    r"|share this (?:article|story)(?:\s+(?:facebook|twitter|linkedin|email|whatsapp|pinterest|reddit))*\b"
    # a byline ending in its picture credit: "By Jo Marsh Oli Scarff/Getty Images"
    r"|by\s+(?:\S+\s+){1,6}?\S*/?getty images\b",
    re.IGNORECASE,
)
_CAPTION_CREDIT = re.compile(rf"[^()]{{0,200}}?{_CREDIT}", re.IGNORECASE)
"""A caption with no marker of its own, closed by its bracketed credit ("Festival goers leave
the venue ... ( afp photo/thomas frey )"): only at the start of the sentence."""
_SEPARATORS = " \t\n-—–:|;,"


def labelled(text: str) -> bool:
    """Whether ``text`` opens with one of the page's own controls or labels (:data:`_LABEL`):
    a sentence whose form is otherwise news still starts with furniture to cut
    (:func:`news_start`). Only these, since the other prefixes open news too ("Advertisement
    revenue fell ...")."""
    return _PAGE_LABEL.match(text) is not None


def news_start(text: str) -> int:
    """Where the news starts in a sentence that opens with page furniture (0: it does not).

    Pages handed over as one running paragraph glue a picture credit, the word "Advertisement" or
    a video notice to the lede that follows it (``( photo: j. hong, ap ) Council Bluffs — the
    governor has ...``): the whole sentence is furniture by its form, and the lede, the article's
    most important sentence, would be lost with it. Only a prefix that *ends* at a clear boundary
    (a closed bracket, a fixed label or notice, one after another) is cut, and the news must start
    with a word or a quotation mark; a caption that runs into the text with no boundary ("Image
    caption Shocked mourners gathered ... the attack on a college ...") is not cut."""
    end = 0
    m = _CAPTION_CREDIT.match(text) or _PREFIX.match(text)
    while m is not None:
        end = m.end()
        while end < len(text) and text[end] in _SEPARATORS:
            end += 1
        m = _PREFIX.match(text, end)
    return end if end < len(text) and (text[end].isalnum() or text[end] in "\"“'‘") else 0

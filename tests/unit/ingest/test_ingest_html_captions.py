"""Photo captions, credits and hover cards are not the article's text (they reached the summary)."""

from __future__ import annotations

from newsprism.ingest.html import extract_html

BODY = [
    "The city council voted on Tuesday to approve a new bridge across the harbour, ending a debate that lasted more than three years.",
    "Councillor Dara Venn said the bridge would cut travel times for thousands of commuters who now rely on a single ferry.",
    "Construction is due to start next spring and will cost about 40 million euros, according to the council's budget papers.",
    "Opponents said the money would be better spent on repairing existing roads and expanding the bus network across the city.",
    "The council will publish the final design in the autumn after a public consultation on the plans.",
]

PAGE = f"""<html lang="en"><head><title>Council approves new harbour bridge - Riverside Times</title></head>
<body><article><h1>Council approves new harbour bridge</h1>
<p>{BODY[0]}</p>
<figure><img src="bridge.jpg" alt="bridge"><figcaption>An artist's impression of the planned bridge
over the harbour at dusk, seen from the old ferry terminal.</figcaption></figure>
<p>{BODY[1]} <span class="author-hovercard">Dara Venn has been a councillor for the harbour ward since
2019 and chairs the transport committee.</span></p>
<p><span class="image on-image"><img src="q.jpg"><span class="caption">Commuters queue for the morning
ferry on a rainy Monday in the harbour district.</span></span></p>
<p>{BODY[2]}</p>
<div class="tooltip-content">Budget papers are published every quarter by the city treasury office.</div>
<p>{BODY[3]}</p>
<div class="hovercard"><p>Dara Venn has been a councillor for the harbour ward since 2019 and chairs the
transport committee of the city.</p></div>
<p class="photo-credit">Image courtesy of the Riverside council planning office and its architects.</p>
<p>Photo: Lena Marsh/Getty Images</p>
<p>A ferry leaves the harbour at dawn. (AP Photo/Evan Rook)</p>
<p>{BODY[4]}</p>
</article></body></html>"""


def test_captions_credits_and_hover_cards_are_left_out_of_the_text() -> None:
    page = extract_html(PAGE)
    assert page is not None
    assert page.text.split("\n") == BODY


def test_a_container_merely_named_after_captions_keeps_its_article() -> None:
    wrapped = PAGE.replace("<article>", '<article class="has-caption">')
    page = extract_html(wrapped)
    assert page is not None and page.text.split("\n") == BODY

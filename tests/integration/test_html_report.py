"""brief.html in a real browser: Debian's headless Chromium driven by Playwright.

The story is built by hand (four outlets covering one port strike, with a copied wire story, a
disputed figure, quote variants and dated events), validated against the story schema, rendered
with :func:`newsprism.report.html.render_html`, and opened from a ``file:`` URL. The page must draw
every section, log no console error and attempt no network request. A screenshot is saved under
the test's tmp folder and, when ``NEWSPRISM_SCREENSHOT_DIR`` is set, there as well.

Skipped (with the reason) when ``/usr/bin/chromium`` or the ``playwright`` package is absent:
``apt-get install -y chromium`` and ``pip install playwright`` (never ``playwright install``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsprism.report.html import render_html
from newsprism.report.story_json import validate_story

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

JSON = dict[str, Any]


def _id(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


ARTICLES = [
    (
        "Harbour Gazette",
        "Port Alder dockworkers walk out over pay",
        "2024-03-11T06:45:00+00:00",  # a timestamp: every listing shows its day
        "Dockworkers at Port Alder walked off the job on Monday, halting container traffic at the "
        "region's busiest harbour. The Alder Dockers Union said about 1,200 members joined the strike "
        "after talks with the Port Authority collapsed on March 8. “We have waited two years for a fair "
        "offer and we will not wait any longer,” said Mara Quint, the union's general secretary. "
        "Port Authority chief executive Tomas Reyne said the authority had offered a 4% raise. "
        "Mayor Ilse Brandt urged both sides to return to talks. Ships were diverted to Kessling.",
    ),
    (
        "Coastline Wire",
        "Strike shuts Port Alder",
        "2024-03-11",
        "A strike by dockworkers shut Port Alder on Monday. About 1,500 workers walked out, the Alder "
        "Dockers Union said. “We have waited two years for a fair offer and we won't wait any longer,” "
        "Mara Quint said. Tomas Reyne, chief executive of the Port Authority, said the authority had "
        "offered a 4% raise and called the walkout premature. Talks collapsed on March 8.",
    ),
    (
        None,
        "Strike shuts Port Alder, ships diverted",
        None,
        "A strike by dockworkers shut Port Alder on Monday. About 1,500 workers walked out, the Alder "
        "Dockers Union said. “We have waited two years for a fair offer and we won't wait any longer,” "
        "Mara Quint said. Ships were diverted to Kessling.",
    ),
    (
        "Alder Evening Post",
        "Mayor calls for calm as harbour strike enters second day",
        "2024-03-12",
        "Mayor Ilse Brandt called for calm on Tuesday as the harbour strike entered its second day. "
        "Brandt said the city would host new talks between the Alder Dockers Union and the Port Authority "
        "on March 14. Mara Quint said the union would attend. Shipping agents estimated losses at "
        "$3 million a day. Cargo piled up at Kessling.",
    ),
]


def _at(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def _story() -> JSON:
    """A linked four-article story that follows ``story.schema.json``."""
    articles: list[JSON] = []
    for outlet, title, day, text in ARTICLES:
        published = (
            {"value": day, "how": "metadata", "confidence": None, "evidence": []}
            if day
            else {
                "value": "2024-03-11",
                "how": "inferred",
                "confidence": 0.8,
                "evidence": ["copies Coastline Wire, published 2024-03-11"],
            }
        )
        spun = outlet is None
        flags = [{"kind": "word salad", "start": 0, "end": 8, "text": text[:8]}] if spun else []
        articles.append(
            {
                "id": _id("article", title),
                "source": f"corpus/{title.lower().replace(' ', '_')[:24]}.html",
                "title": title,
                "outlet": outlet,
                "url": f"https://example.invalid/{_id(title)}" if outlet else None,
                "language": "en",
                "text": text,
                "published": published,
                "removed": [],
                "quality": {"score": 0.6 if spun else 0.05, "spun": spun, "flags": flags},
            }
        )
    by_outlet = {a["outlet"]: a for a in articles}
    gazette, wire, post = (
        by_outlet["Harbour Gazette"],
        by_outlet["Coastline Wire"],
        by_outlet["Alder Evening Post"],
    )
    copy = by_outlet[None]

    def cite(article: JSON, phrase: str, nth: int = 0) -> JSON:
        """Where ``phrase`` stands in ``article``: the span fields every spanned record starts with."""
        start, end = _at(article["text"], phrase, nth)
        return {"article": article["id"], "start": start, "end": end, "text": phrase}

    people = {
        ("Mara Quint", "person"): ["Mara Quint"],
        ("Tomas Reyne", "person"): ["Tomas Reyne"],
        ("Ilse Brandt", "person"): ["Ilse Brandt", "Brandt"],
        ("Alder Dockers Union", "organization"): ["Alder Dockers Union"],
        ("Port Authority", "organization"): ["Port Authority"],
        ("Port Alder", "place"): ["Port Alder"],
        ("Kessling", "place"): ["Kessling"],
    }
    entities = []
    for (name, etype), aliases in people.items():
        mentions = []
        for a in articles:
            taken: set[int] = set()
            for alias in sorted(aliases, key=len, reverse=True):
                start = a["text"].find(alias)
                while start >= 0:
                    if not any(start <= t < start + len(alias) for t in taken):
                        mentions.append(
                            {"article": a["id"], "start": start, "end": start + len(alias), "text": alias}
                        )
                        taken.update(range(start, start + len(alias)))
                    start = a["text"].find(alias, start + 1)
        roles = []
        if name == "Mara Quint":
            s, e = _at(gazette["text"], "general secretary")
            roles.append({"text": "general secretary", "article": gazette["id"], "start": s, "end": e})
        entities.append(
            {
                "id": _id("entity", name),
                "name": name,
                "type": etype,
                "aliases": aliases,
                "roles": roles,
                "mentions": mentions,
            }
        )
    ent = {e["name"]: e["id"] for e in entities}

    def quote(
        article: JSON, words: str, speaker: str | None, kind: str = "direct", role: str | None = None
    ) -> JSON:
        return {
            "id": _id("quote", article["id"], words),
            **cite(article, words),
            "kind": kind,
            "speaker": ent.get(speaker or ""),
            "speaker_name": speaker,
            "speaker_text": speaker,
            "speaker_span": None,
            "role": role,
            "cue": "said",
            "cue_span": None,
            "unresolved": None if speaker else "no speaker in the sentence",
        }

    fair = "We have waited two years for a fair offer and we will not wait any longer,"
    fair2 = "We have waited two years for a fair offer and we won't wait any longer,"
    quotes = [
        quote(gazette, fair, "Mara Quint", role="general secretary"),
        quote(wire, fair2, "Mara Quint"),
        quote(copy, fair2, "Mara Quint"),
        quote(gazette, "the authority had offered a 4% raise", "Tomas Reyne", "indirect", "chief executive"),
        quote(
            wire,
            "the authority had offered a 4% raise and called the walkout premature",
            "Tomas Reyne",
            "indirect",
        ),
        quote(post, "the city would host new talks", "Ilse Brandt", "indirect", "Mayor"),
        quote(post, "the union would attend", "Mara Quint", "indirect"),
        quote(post, "Shipping agents estimated losses at", None, "indirect"),
    ]
    qid = {(q["article"], q["text"]): q for q in quotes}

    def variant(article: JSON, words: str, match: str) -> JSON:
        q = qid[(article["id"], words)]
        return {
            "quote": q["id"],
            "article": article["id"],
            "start": q["start"],
            "end": q["end"],
            "text": words,
            "outlet": article["outlet"],
            "speaker": q["speaker"],
            "speaker_name": q["speaker_name"],
            "match": match,
        }

    quote_groups = [
        {
            "id": _id("group", "fair"),
            "speaker": ent["Mara Quint"],
            "speaker_name": "Mara Quint",
            "independent_origins": 2,
            # the group's own wording (matched "exact") need not come first: words are marked
            # against it, not against whichever wording comes first
            "variants": [
                variant(wire, fair2, "variant"),
                variant(gazette, fair, "exact"),
                variant(copy, fair2, "variant"),
            ],
        }
    ]

    def quantity(
        article: JSON,
        text: str,
        value: float,
        unit: str,
        category: str,
        measure: str | None,
        modifier: str | None = None,
    ) -> JSON:
        return {
            "id": _id("quantity", article["id"], text),
            **cite(article, text),
            "value": value,
            "unit": unit,
            "category": category,
            "modifier": modifier,
            "measure": measure,
            "measure_span": None,
            "direction": None,
            "period": "a day" if unit.startswith("currency") else None,
            "period_span": None,
        }

    quantities = [
        quantity(gazette, "1,200", 1200, "count", "count", "members on strike", "about"),
        quantity(wire, "1,500", 1500, "count", "count", "workers on strike", "about"),
        quantity(copy, "1,500", 1500, "count", "count", "workers on strike", "about"),
        quantity(gazette, "4%", 4, "percent", "percent", "pay raise offered"),
        quantity(wire, "4%", 4, "percent", "percent", "pay raise offered"),
        quantity(post, "$3 million", 3_000_000, "currency:USD", "money", "losses"),
    ]
    conflict = {
        "id": _id("conflict", "strikers"),
        "kind": "quantity",
        "subject": "number of workers on strike",
        "severity": "contradiction",
        "values": [
            {"value": "about 1,200", "citation": cite(gazette, "1,200")},
            {"value": "about 1,500", "citation": cite(wire, "1,500")},
            {"value": "about 1,500", "citation": cite(copy, "1,500")},  # a conflict cites every figure
        ],
    }
    role_conflict = {
        "id": _id("conflict", "date"),
        "kind": "date",
        "subject": "when talks resume",
        "severity": "inconsistent_detail",
        "values": [
            {"value": "March 14", "citation": cite(post, "March 14")},
            {
                "value": "not announced",
                "citation": cite(gazette, "Mayor Ilse Brandt urged both sides to return to talks."),
            },
        ],
    }
    walk = "Dockworkers at Port Alder walked off the job on Monday, halting container traffic at the region's busiest harbour."
    raise_ = "Port Authority chief executive Tomas Reyne said the authority had offered a 4% raise."
    claims = [
        {
            "id": _id("claim", "walk"),
            "kind": "sentence",
            "text": walk,
            "independent_origins": 3,
            "articles": [gazette["id"], wire["id"], copy["id"]],
            "support": [
                cite(gazette, walk),
                cite(wire, "A strike by dockworkers shut Port Alder on Monday."),
            ],
            "conflicts": [],
        },
        {
            "id": _id("claim", "count"),
            "kind": "quantity",
            "text": "about 1,500 workers walked out",
            "independent_origins": 2,
            "articles": [wire["id"], copy["id"]],
            "support": [cite(wire, "1,500"), cite(copy, "1,500")],
            "conflicts": [conflict["id"]],
        },
    ]
    relation = {
        "copy": copy["id"],
        "original": wire["id"],
        "kind": "edited",
        "similarity": 0.86,
        "evidence": [
            {
                "copy": cite(copy, "A strike by dockworkers shut Port Alder on Monday."),
                "original": cite(wire, "A strike by dockworkers shut Port Alder on Monday."),
            }
        ],
    }
    origins = [
        {
            "id": _id("origin", "gazette"),
            "original": gazette["id"],
            "articles": [gazette["id"]],
            "relations": [],
        },
        {
            "id": _id("origin", "wire"),
            "original": wire["id"],
            "articles": [wire["id"], copy["id"]],
            "relations": [relation],
        },
        {"id": _id("origin", "post"), "original": post["id"], "articles": [post["id"]], "relations": []},
    ]

    def event(date: str, precision: str, text: str, support: list[JSON], origins: int) -> JSON:
        return {
            "id": _id("event", date, text),
            "date": date,
            "precision": precision,
            "sort_key": date[:10],
            "text": text,
            "independent_origins": origins,
            "support": support,
        }

    timeline = [
        event(
            "2022",
            "year",
            "The last pay deal was signed two years before the strike.",
            [cite(gazette, "two years")],
            1,
        ),
        event(
            "2024-03-08",
            "day",
            "Talks with the Port Authority collapsed.",
            [cite(gazette, "March 8"), cite(wire, "March 8")],
            2,
        ),
        event(
            "2024-03-11",
            "day",
            "Dockworkers walked off the job, halting container traffic.",
            [
                cite(gazette, walk),
                cite(wire, "A strike by dockworkers shut Port Alder on Monday."),
                cite(copy, "A strike by dockworkers shut Port Alder on Monday."),
            ],
            2,
        ),
        event(
            "2024-03-12",
            "day",
            "Mayor Ilse Brandt called for calm.",
            [cite(post, "Mayor Ilse Brandt called for calm on Tuesday")],
            1,
        ),
        event("2024-03-14", "day", "New talks are to be hosted by the city.", [cite(post, "March 14")], 1),
        event(
            "2024-W11", "week", "Cargo piled up at Kessling.", [cite(post, "Cargo piled up at Kessling.")], 1
        ),
    ]
    summary = [
        {
            "text": walk,
            "citation": cite(gazette, walk),
            "corroborations": [cite(wire, "A strike by dockworkers shut Port Alder on Monday.")],
        },
        {"text": raise_, "citation": cite(gazette, raise_), "corroborations": []},
        {
            "text": "Mayor Ilse Brandt called for calm on Tuesday as the harbour strike entered its second day.",
            "citation": cite(
                post,
                "Mayor Ilse Brandt called for calm on Tuesday as the harbour strike entered its second day.",
            ),
            "corroborations": [],
        },
    ]
    notes = [
        {
            "article": gazette["id"],
            "unique": [cite(gazette, "Ships were diverted to Kessling.")],
            "omits": [],
            "flags": [],
            "copies": [],
        },
        {
            "article": wire["id"],
            "unique": [cite(wire, "called the walkout premature")],
            "omits": [],
            "flags": [],
            "copies": [],
        },
        {
            "article": copy["id"],
            "unique": [],
            "omits": [claims[0]["id"]],
            "flags": ["possibly machine-spun"],
            "copies": [relation],
        },
        {
            "article": post["id"],
            "unique": [cite(post, "Shipping agents estimated losses at $3 million a day.")],
            "omits": [],
            "flags": [],
            "copies": [],
        },
    ]
    story = {
        "schema": "newsprism.story/4",
        "generator": {"newsprism": "0.1.0", "model": "en_core_web_sm"},
        "articles": articles,
        "skipped": [
            {"source": "corpus/empty.html", "reason": "no article text left after removing boilerplate"}
        ],
        "entities": entities,
        "quotes": quotes,
        "quantities": quantities,
        "time_expressions": [],
        "origins": origins,
        "quote_groups": quote_groups,
        "claims": claims,
        "conflicts": [conflict, role_conflict],
        "timeline": timeline,
        "summary": summary,
        "notes": notes,
    }
    validate_story(story)
    return story


def _empty_story() -> JSON:
    keys = ("articles", "skipped", "entities", "quotes", "quantities", "time_expressions", "origins")
    keys += ("quote_groups", "claims", "conflicts", "timeline", "summary", "notes")
    story: JSON = {"schema": "newsprism.story/4", "generator": {"newsprism": "0.1.0", "model": None}}
    story.update({k: [] for k in keys})
    validate_story(story)
    return story


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: apt-get install -y chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed: pip install playwright"
    )
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


class Opened:
    """A page opened from a file, with everything it logged and requested."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": 1366, "height": 900}, device_scale_factor=1)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri(), wait_until="load")
        self.page.wait_for_selector("body[data-ready=true]", timeout=15_000)

    def count(self, selector: str) -> int:
        return int(self.page.locator(selector).count())

    def external_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "data:"))]


def _write(tmp_path: Path, story: JSON, name: str) -> Path:
    path = tmp_path / name
    path.write_text(render_html(story), encoding="utf-8")
    return path


def _save_screenshot(page: Any, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    target = os.environ.get("NEWSPRISM_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(target) / name)
    return shot


@pytest.fixture(scope="module")
def opened(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Opened]:
    tmp = tmp_path_factory.mktemp("brief")
    page = Opened(browser, _write(tmp, _story(), "brief.html"))
    _save_screenshot(page.page, tmp, "brief.png")
    yield page
    page.context.close()


def test_the_page_runs_without_console_errors_or_network(opened: Opened) -> None:
    assert opened.errors == []
    assert opened.external_requests() == []
    assert opened.requests and all(u.startswith("file:") for u in opened.requests)


def test_every_section_renders(opened: Opened) -> None:
    for section in ("summary", "quotes", "numbers", "timeline", "actors", "sources"):
        assert opened.page.locator(f"section#{section}").is_visible(), section
    assert opened.count("ol.summary > li") == 3
    assert opened.count("article.speaker") == 4  # Quint, Reyne, Brandt, and the unattributed one
    assert opened.count("table.sources tbody tr") == 4


def test_the_timeline_chart_draws_one_mark_per_dated_event(opened: Opened) -> None:
    assert opened.count("#timeline-chart svg g.event") == 5  # not the year 2022: off the scale of days
    assert "Not drawn at this scale: 2022." in opened.page.locator("#timeline-chart figcaption").inner_text()
    assert opened.count("#timeline-chart svg .axis .tick") >= 2
    assert opened.count("#timeline-chart svg rect.period") == 1  # week 11
    box = opened.page.locator("#timeline-chart svg").bounding_box()
    assert box and box["width"] > 600 and box["height"] > 60


def test_the_actor_network_draws_nodes_and_co_occurrence_edges(opened: Opened) -> None:
    assert opened.count("#network-chart svg g.node") == 7
    assert opened.count("#network-chart svg .links line") == 4  # pairs named in one sentence
    assert opened.page.locator("#network-chart svg g.node.t-person text", has_text="Mara Quint").is_visible()
    assert opened.count("#network-chart .legend .dot") == 3  # person, organisation, place


def test_clicking_a_citation_reveals_the_source_passage_and_corroboration(opened: Opened) -> None:
    page = opened.page
    page.locator("ol.summary > li").first.locator("button.cite").click()
    pop = page.locator("#np-popover")
    assert pop.is_visible()
    assert pop.locator(".passage.main .poutlet").inner_text() == "Harbour Gazette"
    assert pop.locator(".passage.main .pdate").inner_text() == "2024-03-11"  # the day, not the timestamp
    assert pop.locator(".passage.main mark").inner_text().startswith("Dockworkers at Port Alder walked off")
    assert pop.locator(".passage:not(.main) .poutlet").inner_text() == "Coastline Wire"
    page.keyboard.press("Escape")
    assert not pop.is_visible()
    assert opened.errors == []


def test_disputed_figures_are_highlighted_and_variant_words_marked(opened: Opened) -> None:
    rows = opened.page.locator("table.numbers tr.disputed")
    assert rows.count() == 3  # 1,200 (Gazette) and 1,500 (Wire, and the copy quoting it)
    red = rows.first.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert red != "rgba(0, 0, 0, 0)"
    inserted = opened.page.locator("ol.variants ins").all_inner_texts()
    assert inserted == ["won't", "won't"]  # the Wire and its copy, against the Gazette's wording


def test_an_empty_story_renders_gracefully(browser: Any, tmp_path: Path) -> None:
    page = Opened(browser, _write(tmp_path, _empty_story(), "empty.html"))
    try:
        assert page.errors == []
        assert page.external_requests() == []
        assert page.count("p.empty") == 6
        assert page.count("svg") == 0
        _save_screenshot(page.page, tmp_path, "empty.png")
    finally:
        page.context.close()

"""``index.html``: the stories of one mixed run on one self-contained page.

Rendered, like the briefs, from the story.json dicts (each with its ``clustering``), through the
same views (:func:`.views.story_view`) and the same HTML machinery (:func:`.html.page`: the bundled
CSS inlined, nothing fetched; every text from an article escaped, so a title's markup shows as
text). Per story: its title, article and outlet counts, outlets, date range, links to its files,
and why each article is in it: the similarity and the shared terms and entities of its assignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..records import Skip
from .html import _p, _published, date_span, page
from .views import JSON, SourceView, StoryView, articles_from_outlets, plural, story_view


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One story on the index: its story.json dict (with ``clustering``) and the files written
    for it, as ``(label, relative path)`` pairs the page links to."""

    story: JSON
    files: tuple[tuple[str, str], ...]


def entity_label(key: str) -> str:
    """A clustering entity key as a reader reads it: a person's key (``p:<surname key>``) without
    its prefix, which only keeps people apart from places of the same spelling."""
    return key.removeprefix("p:")


def _why(assignment: JSON) -> str:
    """Why an article is in its story, from its ``clustering.assignments[]`` entry."""
    if assignment["new_story"]:
        why = "opened the story (the first of its articles to arrive)"
    else:
        why = f"joined with similarity {assignment['similarity']:.2f}"
        shared = [
            f"{label} {', '.join(escape(entity_label(str(k)) if key == 'shared_entities' else str(k)) for k in assignment[key])}"
            for key, label in (("shared_terms", "terms"), ("shared_entities", "entities"))
            if assignment[key]
        ]
        why = escape(why) + (f": shared {'; '.join(shared)}" if shared else "")
    if assignment["merged"]:
        why += f" (bridged it with {plural(len(assignment['merged']), 'other story', 'other stories')})"
    return why


def _row(s: SourceView, assignment: JSON) -> str:
    title = escape(s.title or s.source)
    if s.link:
        title = f'<a href="{escape(s.link)}" rel="noreferrer noopener">{title}</a>'
    return (
        f'<tr><td class="num">{s.number}</td><td class="outlet">{escape(s.outlet or "—")}</td>'
        f'<td class="title">{title}<div class="path">{escape(s.source)}</div></td>'
        f'<td class="when">{_published(s.published)}</td><td class="why">{_why(assignment)}</td></tr>'
    )


def _story(number: int, entry: IndexEntry, view: StoryView) -> str:
    clustering = entry.story["clustering"]
    by_article = {a["article"]: a for a in clustering["assignments"]}
    sources = view.sources
    title = view.title or "Story"
    outlets = list(dict.fromkeys(s.outlet for s in sources if s.outlet))
    span = date_span(sources)
    facts = articles_from_outlets(view)
    facts += f" · {span}" if span else ""
    links = " · ".join(f'<a href="{escape(path)}">{escape(label)}</a>' for label, path in entry.files)
    rows = "".join(_row(s, by_article[s.id]) for s in sources)
    return (
        f'<section id="story-{number}" class="section" aria-labelledby="story-{number}-h">'
        f'<h2 id="story-{number}-h">{number}. {_p(title)}</h2>'
        f'<p class="facts">{escape(facts)}</p>'
        f'<p class="lede">Outlets: {escape(", ".join(outlets) or "none named")}. '
        f"Story <code>{escape(clustering['story'])}</code>. {links}</p>"
        '<div class="scroll"><table class="sources"><thead><tr><th class="num">#</th><th>Outlet</th>'
        "<th>Title</th><th>Published</th><th>Why it is in this story</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def _overview(views: Sequence[StoryView]) -> str:
    """The run's stories as a table (number and title linked to the story's section, articles,
    outlets, date range): what ``newsprism stories`` lists. Not the briefs' sticky section bar: a
    run of a hundred stories wraps it to more than a screen, and pinned to the top it hid every
    section it linked to."""
    rows = []
    for n, view in enumerate(views, 1):
        rows.append(
            f'<tr><td class="num">{n}</td><td class="title"><a href="#story-{n}">{_p(view.title or "")}</a></td>'
            f'<td class="num">{len(view.sources)}</td><td class="num">{view.outlets}</td>'
            f'<td class="when">{escape(date_span(view.sources))}</td></tr>'
        )
    return (
        '<div class="scroll"><table class="sources"><thead><tr><th class="num">#</th><th>Story</th>'
        '<th class="num">Articles</th><th class="num">Outlets</th><th>Published</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def render_index(entries: Sequence[IndexEntry], skipped: Sequence[Skip] = ()) -> str:
    """The index page of a run's stories (in the order given), with the run's skipped inputs."""
    articles = sum(len(e.story["articles"]) for e in entries)
    heading = f"{plural(len(entries), 'story', 'stories')} from {plural(articles, 'article')}"
    views = [story_view(e.story) for e in entries]  # each read once, for the table and its section
    nav = _overview(views)
    intro = (
        "newsprism grouped the articles into stories: each article joined the most similar story "
        "(title and body terms, named entities, publication time) or opened a new one."
    )
    skips = ""
    if skipped:
        items = "".join(f"<li><code>{escape(s.source)}</code>: {escape(s.reason)}</li>" for s in skipped)
        skips = f'<details class="skipped"><summary>{plural(len(skipped), "input")} skipped</summary><ul>{items}</ul></details>'
    body = (
        f'<header class="masthead"><p class="kicker">newsprism stories</p><h1>{escape(heading)}</h1>'
        f'<p class="facts">{escape(intro)}</p></header><nav aria-label="Stories">{nav}</nav>'
        f"<main>{''.join(_story(n, e, v) for n, (e, v) in enumerate(zip(entries, views, strict=True), 1))}{skips}</main>"
    )
    return page(f"{escape(heading)} — newsprism", body)

"""The ``newsprism`` command line: a thin edge over :mod:`newsprism.pipeline` and the store.

Every outcome is one line on standard error and a documented exit status (docs/cli.md): 1 for a
usage error or a :class:`~newsprism.errors.NewsprismError`, 2 nothing usable, 3 inputs skipped
under ``--strict``, 128 + N when signal N (SIGINT, SIGTERM) interrupted the run, 70 for a bug. No
traceback reaches the user unless ``NEWSPRISM_DEBUG=1``. The translation lives in the app's
group (:class:`NewsprismGroup`), so ``main()``, ``python -m newsprism`` and typer's ``CliRunner``
all see the same statuses.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, redirect_stdout
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from .config import Settings, load_settings
from .errors import (
    ConfigError,
    Interrupted,
    NewsprismError,
    NotFoundError,
    NothingUsableError,
    StrictModeError,
    check_interrupted,
    clear_interrupted,
    interrupt,
)
from .records import Article, Story, headline
from .report import FORMATS, Format

if TYPE_CHECKING:
    from .export import ExportFormat, ExportStory, What
    from .fetch import Failed, FetchOptions, Poll
    from .pipeline import ClusteredStory, Corpus, IngestResult

#: Exit status of a bug (BSD's EX_SOFTWARE).
INTERNAL_ERROR = 70


class NewsprismGroup(TyperGroup):
    """The app's command group: runs a command and turns how it ended into an exit status.

    typer's own handling (``standalone_mode=True``) prints usage errors as a boxed, multi-line
    message with status 2 and turns Ctrl-C into a silent 130; with ``standalone_mode=False`` it
    *returns* that 130 instead of raising, which is how an interrupted run used to exit 0. So the
    command always runs non-standalone here and every ending is translated in one place.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        def run() -> Any:
            return super(NewsprismGroup, self).main(
                args, prog_name or "newsprism", complete_var, False, windows_expand_args, **extra
            )

        status = _exit_status(run)
        if standalone_mode:
            sys.exit(status)
        return status


app = typer.Typer(
    cls=NewsprismGroup,
    name="newsprism",
    add_completion=False,
    help="Turn many outlets' coverage of one event into one structured, verifiable story.",
)

PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for standard input.")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy pipeline name or path.")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", "-w", help="Processes for the analysis.")]
RunnerOpt = Annotated[
    str | None,
    typer.Option("--runner", help="Where the per-article analysis runs: local (--workers processes) or ray."),
]
RayAddressOpt = Annotated[
    str | None,
    typer.Option("--ray-address", help="Ray cluster to join for --runner ray (default: start one here)."),
]
MaxBytesOpt = Annotated[int | None, typer.Option("--max-bytes", help="Skip inputs larger than this.")]
MaxCharsOpt = Annotated[
    int | None, typer.Option("--max-chars", help="Cut articles longer than this at a paragraph boundary.")
]
LanguageOpt = Annotated[
    str | None, typer.Option("--language", help="Language to analyse (ISO 639-1); others are only listed.")
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Exit with status 3 when any input is skipped.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or skip report.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="A TOML settings file.")]
WhatOpt = Annotated[
    str | None,
    typer.Option(
        "--what",
        help="What a .jsonl/.csv/.parquet export holds: articles, quotes (default), entities, claims, "
        "stories; .graphml always holds the actor network.",
    ),
]
DbOpt = Annotated[str | None, typer.Option("--db", help="Database URL (default sqlite:///newsprism.db).")]


def _settings(config: Path | None, **flags: Any) -> Settings:
    return load_settings(config, **flags)


def _read_corpus(
    paths: list[str], config: Path | None, *, strict: bool, quiet: bool, **flags: Any
) -> tuple[Settings, Corpus]:
    """The settings (config file, then the flags given) and the corpus read under them, its
    skipped inputs and notes reported. An unset switch is ``None``, not ``False``, so that it
    does not override the config file's ``strict = true``."""
    from .pipeline import read_corpus

    settings = _settings(config, strict=strict or None, quiet=quiet or None, **flags)
    corpus = read_corpus(paths, settings)
    _report_skips(corpus, settings.quiet)
    _report_notes(corpus.articles, settings.quiet)
    return settings, corpus


def _err(message: str) -> None:
    """``newsprism: message`` on standard error, always one line."""
    typer.echo("newsprism: " + re.sub(r"\s*\n\s*", " ", message.strip()), err=True)


def _report_notes(articles: Sequence[Article], quiet: bool) -> None:
    """One line per note on an article that was used (cut to max_chars, a bad published date)."""
    noted = [a for a in articles if a.notes]
    if noted and not quiet:
        _err(f"notes on {len(noted)} article(s):")
        for article in noted:
            for note in article.notes:
                typer.echo(f"  {article.source}: {note}", err=True)


def _report_skips(corpus: Corpus, quiet: bool) -> None:
    """List the skipped inputs, unless the "nothing usable" error that follows names them all."""
    from .pipeline import NAMED_SKIPS

    skipped = corpus.skipped
    if not corpus.articles and len(skipped) <= NAMED_SKIPS:
        return
    if skipped and not quiet:
        _err(f"skipped {len(skipped)} input(s):")
        for skip in skipped:
            typer.echo(f"  {skip.source}: {skip.reason}", err=True)


@contextmanager
def _progress(total: int, label: str, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    """A rich progress bar on a terminal (standard error) for runs worth watching."""
    if quiet or total < 2 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _is_folder(out: str) -> bool:
    """An ``-o`` names a folder (the stories of a mixed run, one set of files each) when it ends
    in ``/`` or is an existing folder; typer's ``Path`` would drop the ``/``, so ``-o`` is a str.

    The ``-o`` probes use ``os.path``, never ``Path.is_dir``/``exists``/``is_file``: on Python
    3.11 those raise ``PermissionError`` for a path inside a folder the user may not enter
    (``-o /root/story.json``), which ended every command taking ``-o`` as an internal error
    (status 70). ``os.path`` answers False there, and the writable-ancestor check below then
    names the folder that cannot be written (status 1)."""
    return out.endswith(("/", os.sep)) or os.path.isdir(out)


def _check_outputs(outputs: Sequence[str], what: str | None = None, *, tables: bool = False) -> None:
    """Every ``-o`` can be written, checked before the (long) analysis rather than found after it;
    with ``tables``, an export extension (.jsonl, .csv, .parquet, .graphml) is one too, and
    ``what`` must suit its format.

    Nothing is created here: a folder ``-o`` needs is made only when there is a story to write.
    """
    from .export import EXTENSIONS

    for raw in outputs:
        out = Path(raw)
        if _is_folder(raw):
            _check_creatable(raw, out)
            continue
        suffix = out.suffix.lower()
        if tables and suffix in EXTENSIONS:
            _table_what(out, what)
        elif suffix not in FORMATS:
            use = ".json, .md, .html, .jsonl, .csv, .parquet, .graphml" if tables else ".json, .md or .html"
            raise ConfigError(f"cannot tell the format of {out}: use {use}, or a folder (out/)")
        _check_file(raw)


def _table_what(out: Path, what: str | None) -> What:
    """What the export file ``out`` of ``analyze`` holds: a .graphml file the actor network,
    the others ``--what`` (default quotes)."""
    from .export import EXTENSIONS, what_for

    fmt = EXTENSIONS[out.suffix.lower()]
    return what_for(fmt, None if fmt == "graphml" else what)


def _check_file(raw: str) -> None:
    """The file ``-o`` names can be written (replaced, or created in its folder)."""
    out = Path(raw)
    if os.path.exists(out) and not os.access(out, os.W_OK):
        raise ConfigError(f"cannot write {out}: permission denied")
    _check_creatable(raw, out.parent)


def _check_creatable(out: str, target: Path) -> None:
    """``target`` (the folder of the ``-o`` named ``out``, or that folder output itself) exists
    or can be made, and can be written in: the nearest existing ancestor decides."""
    folder = target
    while not os.path.exists(folder) and folder != folder.parent:
        folder = folder.parent
    if not os.path.isdir(folder):
        raise ConfigError(f"cannot create {target} for {out}: {folder} is not a folder")
    if not os.path.isfile(out) and not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"cannot write {out}: {folder} is not writable")


def _write(out: Path, text: str) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:  # checked up front, but the disk may fill or a folder vanish meanwhile
        raise ConfigError(f"cannot write {out}: {exc.strerror or exc}") from None


@app.command()
def analyze(
    paths: PathsArg,
    output: Annotated[
        list[str] | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here; format from the extension (.json, .md, .html; the exports .jsonl, .csv, "
            ".parquet, .graphml), or a folder (out/) for an index.html and each story's files. Repeatable.",
        ),
    ] = None,
    what: WhatOpt = None,
    model: ModelOpt = None,
    workers: WorkersOpt = None,
    runner: RunnerOpt = None,
    ray_address: RayAddressOpt = None,
    max_bytes: MaxBytesOpt = None,
    max_chars: MaxCharsOpt = None,
    language: LanguageOpt = None,
    summary_words: Annotated[
        int | None, typer.Option("--summary-words", help="Length of the cited summary, in words.")
    ] = None,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Analyse articles into stories: story.json (machine-readable), brief.md or brief.html (for a reader).

    The articles are grouped into stories first. One story: each -o FILE gets it. Several: -o
    FOLDER/ writes index.html plus story-N.json, brief-N.md and brief-N.html per story. An export
    file (.jsonl, .csv, .parquet: the --what table; .graphml: the actor network) holds every story.
    Without -o every story's brief goes to standard output, each under a header line."""
    from .export import EXTENSIONS
    from .pipeline import analyze_corpus_stories

    outputs = output or []
    _check_outputs(outputs, what, tables=True)
    settings, corpus = _read_corpus(
        paths,
        config,
        model=model,
        workers=workers,
        runner=runner,
        ray_address=ray_address,
        max_bytes=max_bytes,
        max_chars=max_chars,
        language=language,
        summary_words=summary_words,
        strict=strict,
        quiet=quiet,
    )
    with _progress(len(corpus.articles), "analysing", settings.quiet) as progress:
        stories = analyze_corpus_stories(corpus, settings, progress)
    folders = [Path(out) for out in outputs if _is_folder(out)]
    tables = [Path(out) for out in outputs if not _is_folder(out) and Path(out).suffix.lower() in EXTENSIONS]
    files = [Path(out) for out in outputs if not _is_folder(out) and Path(out) not in tables]
    if len(stories) > 1 and files:  # checked before anything is written
        raise ConfigError(
            f"the inputs form {len(stories)} stories and {files[0]} holds one: "
            f"pass a folder instead, e.g. -o {files[0].with_suffix('')}/"
        )
    if len(stories) == 1 and (files or not outputs):
        _write_story(stories[0].story, files, settings.quiet)
    elif not outputs:
        _print_stories(stories)
    for folder in folders:
        _write_folder(folder, stories, corpus, settings.quiet)
    if tables:
        from .export import ExportStory
        from .pipeline import story_summary

        exported = [ExportStory(story_summary(c.grouping.story_id, c.story), c.story) for c in stories]
        for out in tables:
            _export_file(exported, _table_what(out, what), out, settings.quiet)
    if settings.strict and corpus.skipped:
        raise StrictModeError(f"{len(corpus.skipped)} input(s) skipped (--strict)")


def _export_file(
    stories: Sequence[ExportStory],
    what: What,
    out: Path,
    quiet: bool,
    fmt: ExportFormat | None = None,
    loose: Sequence[Article] = (),
) -> None:
    """Export ``what`` of ``stories`` to ``out`` in ``fmt`` (default: from its extension) and say so."""
    from .export import EXTENSIONS
    from .export import export as write_export

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        written = write_export(stories, what, fmt or EXTENSIONS[out.suffix.lower()], out, loose)
    except OSError as exc:  # checked up front, but the disk may fill or a folder vanish meanwhile
        raise ConfigError(f"cannot write {out}: {exc.strerror or exc}") from None
    if not quiet:
        _err(f"wrote {out} ({written} {EXPORT_UNITS[what]} from {len(stories)} stories)")


#: What one row (for the network: one node) of each export is, for the line that reports it.
EXPORT_UNITS: dict[str, str] = {
    "articles": "articles",
    "quotes": "quotes",
    "entities": "entity mentions",
    "claims": "claim citations",
    "stories": "stories",
    "network": "actors",
}


def _write_story(story: Story, outputs: Sequence[Path], quiet: bool) -> None:
    """One story to each ``-o FILE`` (or its brief to standard output): exactly the bytes of a
    run that takes every input as one story (no ``clustering`` in story.json)."""
    from .report import render_all

    formats = [FORMATS[out.suffix.lower()] for out in outputs]
    texts = render_all(story, formats or ["markdown"])
    if not outputs:
        typer.echo(texts["markdown"], nl=False)
    for out, fmt in zip(outputs, formats, strict=True):
        _write(out, texts[fmt])
        if not quiet:
            _err(f"wrote {out} ({len(story.articles)} articles)")


def _story_header(number: int, count: int, clustered: ClusteredStory) -> str:
    """The line above each story's brief on standard output: which story, how many articles."""
    story = clustered.story
    title = headline(story.articles[0].title, story.articles[0].text) if story.articles else ""
    return (
        f"==> story {number} of {count}: {clustered.grouping.story_id}, "
        f"{len(story.articles)} article{'' if len(story.articles) == 1 else 's'}: {title} <=="
    )


def _print_stories(stories: Sequence[ClusteredStory]) -> None:
    """Every story's brief.md, one after another, each under its header line."""
    from .report import render

    for number, clustered in enumerate(stories, 1):
        if number > 1:
            typer.echo("")
        typer.echo(_story_header(number, len(stories), clustered) + "\n")
        typer.echo(render(clustered.story, "markdown"), nl=False)


#: The files a folder ``-o`` gets per story (``N``: the story's number in story order, from 1).
STORY_FILES: tuple[tuple[str, Format], ...] = (
    ("story-{n}.json", "json"),
    ("brief-{n}.md", "markdown"),
    ("brief-{n}.html", "html"),
)


def _write_folder(folder: Path, stories: Sequence[ClusteredStory], corpus: Corpus, quiet: bool) -> None:
    """``folder/index.html`` and each story's files (:data:`STORY_FILES`), all rendered before
    the first is written, so a rendering error leaves nothing half-written."""
    from .report import render_all
    from .report.index import IndexEntry, render_index
    from .report.story_json import story_to_dict

    texts: dict[str, str] = {}
    entries = []
    for n, clustered in enumerate(stories, 1):
        names = [(name.format(n=n), fmt) for name, fmt in STORY_FILES]
        rendered = render_all(clustered.story, [fmt for _, fmt in names], clustered.grouping)
        texts.update({name: rendered[fmt] for name, fmt in names})
        labels = {"json": "story.json", "markdown": "brief.md", "html": "brief.html"}
        files = tuple((labels[fmt], name) for name, fmt in names)
        entries.append(IndexEntry(story_to_dict(clustered.story, clustered.grouping), files))
    texts["index.html"] = render_index(entries, corpus.skipped)
    for name, text in texts.items():
        _write(folder / name, text)
    if not quiet:
        articles = sum(len(c.story.articles) for c in stories)
        from .report.views import plural

        each = plural(len(stories), "story", "stories")
        _err(f"wrote {folder}/index.html and the files of {each} ({plural(articles, 'article')})")


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    model: ModelOpt = None,
    workers: WorkersOpt = None,
    runner: RunnerOpt = None,
    ray_address: RayAddressOpt = None,
    max_bytes: MaxBytesOpt = None,
    max_chars: MaxCharsOpt = None,
    language: LanguageOpt = None,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Analyse articles and store them (idempotent: re-ingesting adds nothing)."""
    from .pipeline import ingest_corpus

    settings, corpus = _read_corpus(
        paths,
        config,
        db=db,
        model=model,
        workers=workers,
        runner=runner,
        ray_address=ray_address,
        max_bytes=max_bytes,
        max_chars=max_chars,
        language=language,
        strict=strict,
        quiet=quiet,
    )
    with _progress(len(corpus.articles), "ingesting", settings.quiet) as progress:
        result = ingest_corpus(corpus, settings, progress)
    if not settings.quiet:
        _err(
            f"{result.added} new, {result.present} already stored, {len(corpus.skipped)} skipped, "
            f"{result.stories_analysed} stories analysed → {settings.db}"
        )
    if settings.strict and corpus.skipped:
        raise StrictModeError(f"{len(corpus.skipped)} input(s) skipped (--strict)")


UrlsArg = Annotated[list[str], typer.Argument(help="http(s) URLs of article pages.")]
AllowPrivateOpt = Annotated[
    bool | None,
    typer.Option(
        "--allow-private/--no-allow-private",
        help="Allow loopback, private and link-local addresses (intranet use, tests); default: off.",
        show_default=False,
    ),
]
UserAgentOpt = Annotated[
    str | None, typer.Option("--user-agent", help="User-Agent to send and to match in robots.txt.")
]
TimeoutOpt = Annotated[
    float | None, typer.Option("--timeout", help="Seconds one request may take in all (default 30).")
]
DelayOpt = Annotated[
    float | None, typer.Option("--delay", help="Least seconds between two requests to one host (default 1).")
]
MaxNewOpt = Annotated[
    int | None,
    typer.Option(
        "--max-new", help="Most new entries one poll fetches (default 200); the rest wait for the next poll."
    ),
]


def _fetch_options(settings: Settings) -> FetchOptions:
    """The fetch options of the settings (flags over environment over config file); the page
    size cap is ``max_bytes``, as for files."""
    from .fetch import FetchOptions

    return FetchOptions(
        user_agent=settings.user_agent,
        allow_private=settings.allow_private,
        total_timeout=settings.timeout,
        host_interval=settings.delay,
        max_bytes=settings.max_bytes,
    )


def _line(quiet: bool) -> Callable[[str], None] | None:
    """Progress lines on standard error, one per URL (none under --quiet)."""
    return None if quiet else (lambda text: typer.echo(f"  {text}", err=True))


@app.command()
def fetch(
    urls: UrlsArg,
    db: DbOpt = None,
    allow_private: AllowPrivateOpt = None,
    user_agent: UserAgentOpt = None,
    timeout: TimeoutOpt = None,
    delay: DelayOpt = None,
    model: ModelOpt = None,
    workers: WorkersOpt = None,
    max_bytes: MaxBytesOpt = None,
    max_chars: MaxCharsOpt = None,
    language: LanguageOpt = None,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Download article pages and store them as ingest does (publication date, canonical URL, outlet).

    Each URL that fails is one line with its reason and the others carry on. Exit status 2 when
    no URL could be fetched (or no page held an article), 3 under --strict when any failed."""
    from .fetch import Fetcher, fetch_documents
    from .pipeline import corpus_of, ingest_corpus

    settings = _settings(
        config,
        db=db,
        model=model,
        workers=workers,
        max_bytes=max_bytes,
        max_chars=max_chars,
        language=language,
        strict=strict or None,
        quiet=quiet or None,
        allow_private=allow_private,
        user_agent=user_agent,
        timeout=timeout,
        delay=delay,
    )
    options = _fetch_options(settings)
    if not settings.quiet:
        _err(f"fetching {len(urls)} URL(s)")
    with Fetcher(options) as fetcher:
        pages = fetch_documents(urls, fetcher, _line(settings.quiet))
    if not pages.fetched:
        raise NothingUsableError(f"nothing fetched: all {len(urls)} URL(s) failed")
    corpus = corpus_of(pages.documents, settings)
    _report_skips(corpus, settings.quiet)
    _report_notes(corpus.articles, settings.quiet)
    result = ingest_corpus(corpus, settings)
    if not settings.quiet:
        _err(
            f"fetched {pages.fetched}, {result.added} new, {result.present} unchanged (already stored), "
            f"{len(pages.failed)} failed{_reasons(pages.failed)}, {len(corpus.skipped)} skipped → {settings.db}"
        )
    if settings.strict and (pages.failed or corpus.skipped):
        raise StrictModeError(f"{len(pages.failed)} URL(s) failed, {len(corpus.skipped)} skipped (--strict)")


def _reasons(failed: Sequence[Failed]) -> str:
    """`` (2 timed out, 1 disallowed by robots.txt)``: the failures counted by reason."""
    from collections import Counter

    counts = Counter(f.reason.split(" (")[0] for f in failed)
    return " (" + ", ".join(f"{n} {reason}" for reason, n in sorted(counts.items())) + ")" if counts else ""


_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(s|m|h)?")


def parse_every(text: str) -> float:
    """``--every``: seconds in ``30s``, ``15m``, ``1h`` or a bare number of seconds."""
    match = _DURATION.fullmatch(text.strip().lower())
    seconds = float(match.group(1)) * {"s": 1, "m": 60, "h": 3600}[match.group(2) or "s"] if match else 0.0
    if seconds <= 0:
        raise ConfigError(f"--every {text!r}: use a duration like 30s, 15m or 1h")
    return seconds


@app.command()
def watch(
    feeds: Annotated[list[str], typer.Argument(help="http(s) URLs of RSS/Atom feeds or sitemaps.")],
    db: DbOpt = None,
    every: Annotated[str, typer.Option("--every", help="Time between polls: 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    allow_private: AllowPrivateOpt = None,
    user_agent: UserAgentOpt = None,
    timeout: TimeoutOpt = None,
    delay: DelayOpt = None,
    max_new: MaxNewOpt = None,
    model: ModelOpt = None,
    workers: WorkersOpt = None,
    max_bytes: MaxBytesOpt = None,
    max_chars: MaxCharsOpt = None,
    language: LanguageOpt = None,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Poll feeds and sitemaps, fetch their new entries' pages and store them; repeat --every.

    What was seen is remembered in the database (no refetch); feeds are asked with their last
    ETag / Last-Modified. One summary line per poll. With --once, exit status 2 when every feed failed."""
    import time

    from .fetch import Fetcher, Refused, WatchState, check_url, poll_feeds, remember
    from .pipeline import IngestResult, corpus_of, ingest_corpus

    interval = parse_every(every)
    for feed in feeds:
        try:
            check_url(feed)
        except Refused as exc:
            raise ConfigError(f"feed {feed}: {exc}") from None
    settings = _settings(
        config,
        db=db,
        model=model,
        workers=workers,
        max_bytes=max_bytes,
        max_chars=max_chars,
        language=language,
        quiet=quiet or None,
        allow_private=allow_private,
        user_agent=user_agent,
        timeout=timeout,
        delay=delay,
        max_new=max_new,
    )
    options = _fetch_options(settings)
    state = WatchState(settings.db)
    try:
        while True:
            with Fetcher(options) as fetcher:  # a new one per poll: robots.txt is read again
                poll = poll_feeds(feeds, fetcher, state, _line(settings.quiet), max_new=settings.max_new)
            corpus = corpus_of(poll.pages.documents, settings)
            _report_skips(corpus, settings.quiet)
            stored = (
                ingest_corpus(corpus, settings)
                if corpus.articles or corpus.other_language
                else IngestResult(0, 0)
            )
            remember(poll, state)
            if not settings.quiet:
                _err(_poll_summary(poll, stored, len(corpus.skipped)))
            if once:
                if all(f.status == "failed" for f in poll.feeds):
                    raise NothingUsableError(f"every feed failed ({len(poll.feeds)})")
                return
            deadline = time.monotonic() + interval
            while (left := deadline - time.monotonic()) > 0:
                check_interrupted()
                time.sleep(min(left, 1.0))
    finally:
        state.close()


def _poll_summary(poll: Poll, stored: IngestResult, skipped: int) -> str:
    """One poll's line: feeds (unchanged, failed), new entries (and those left for the next poll
    by --max-new), pages fetched and failed, stored."""
    feeds = poll.feeds
    unchanged = sum(f.status == "unchanged" for f in feeds)
    failed = [f for f in feeds if f.status == "failed"]
    left = f" ({poll.left} left for the next poll, --max-new)" if poll.left else ""
    return (
        f"polled {len(feeds)} feed(s): {unchanged} unchanged, {len(failed)} failed; "
        f"{sum(f.new for f in feeds)} new entries{left}; fetched {poll.pages.fetched}, "
        f"{stored.added} new, {stored.present} unchanged (already stored), "
        f"{len(poll.pages.failed)} failed{_reasons(poll.pages.failed)}, {skipped} skipped"
    )


@app.command()
def articles(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    config: ConfigOpt = None,
) -> None:
    """List the stored articles."""
    import json

    from .store import open_store

    settings = _settings(config, db=db)
    with open_store(settings.db, create=False) as store:
        for a in store.articles():
            if as_json:
                row = {"id": a.id, "published": a.published.value, "outlet": a.outlet, "title": a.title}
                typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                typer.echo(f"{a.id}  {a.published.value or '-':<10}  {a.outlet or '-':<24}  {a.title}")


JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON object per line.")]


def _since(value: str | None) -> str | None:
    """``--since`` as an ISO date (``2025-03-14``), or a one-line error."""
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ConfigError(f"--since {value!r} is not a date: use YYYY-MM-DD") from None


def _no_stories(store: Any, db: str) -> NotFoundError:
    """The error for a database that holds no stories (empty, or only unanalysed articles)."""
    what = "no articles" if store.count() == 0 else "no stories"
    return NotFoundError(f"{what} in {db} (newsprism ingest adds them)")


@app.command()
def stories(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only stories with an article from this date on (YYYY-MM-DD)."),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many stories.")] = None,
    config: ConfigOpt = None,
) -> None:
    """List the stored stories, newest first: id, title, articles, outlets, origins, first and last date."""
    import json

    from .store import open_store

    settings = _settings(config, db=db)
    start = _since(since)
    with open_store(settings.db, create=False) as store:
        listed = store.stories(since=start, limit=limit)
        if not listed:
            raise (
                NotFoundError(f"no stories since {start}")
                if start and store.stories(limit=1)
                else (_no_stories(store, settings.db))
            )
    for s in listed:
        if as_json:
            typer.echo(json.dumps(_story_row(s), ensure_ascii=False))
        else:
            dates = f"{s.first_published or '-'} … {s.last_published or '-'}"
            outlets = ", ".join(s.outlets) or "-"
            typer.echo(
                f"{s.id}  {s.articles:>3} art.  {s.origins or '-':>3} orig.  {dates}  {s.title or '-'}  [{outlets}]"
            )


def _story_row(s: Any) -> dict[str, Any]:
    """A story as ``stories --json`` prints it (docs/cli.md lists the fields)."""
    return {
        "id": s.id,
        "title": s.title,
        "articles": s.articles,
        "outlets": list(s.outlets),
        "origins": s.origins,
        "first_published": s.first_published,
        "last_published": s.last_published,
        "members": [
            {
                "id": m.article_id,
                "url": m.url,
                "source": m.source,
                "outlet": m.outlet,
                "title": m.title,
                "published": m.published,
                "assignment": {
                    "new_story": m.new_story,
                    "similarity": m.similarity,
                    "shared_terms": list(m.shared_terms),
                    "shared_entities": list(m.shared_entities),
                    "merged": list(m.merged),
                },
            }
            for m in s.members
        ],
    }


@app.command()
def show(
    story: Annotated[str, typer.Argument(help="A story id (or a unique prefix of one).")],
    db: DbOpt = None,
    output: Annotated[
        list[str] | None,
        typer.Option(
            "--output", "-o", help="Write here; format from the extension (.json, .md, .html). Repeatable."
        ),
    ] = None,
    summary_words: Annotated[
        int | None, typer.Option("--summary-words", help="Length of the cited summary, in words.")
    ] = None,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Render one stored story exactly as analyze renders its articles. Without -o the brief goes to standard output."""
    from .pipeline import stored_story
    from .store import open_store

    outputs = output or []
    _check_outputs(outputs)
    if any(_is_folder(out) for out in outputs):
        raise ConfigError("show writes one story: name a file (.json, .md or .html), not a folder")
    settings = _settings(config, db=db, summary_words=summary_words, quiet=quiet or None)
    with open_store(settings.db, create=False) as store:
        if not store.stories(limit=1):
            raise _no_stories(store, settings.db)
        found = stored_story(store, story, settings.summary_words)
    _write_story(found, [Path(out) for out in outputs], settings.quiet)


@app.command()
def export(
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            help="The file to write; its extension (.jsonl, .csv, .parquet, .graphml) "
            "is the format unless --format says otherwise.",
        ),
    ],
    db: DbOpt = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="jsonl, csv, parquet or graphml.")] = None,
    what: Annotated[
        str | None,
        typer.Option(
            "--what",
            help="articles, quotes, entities, claims, stories (tables) or network (graphml); "
            "default quotes, or network for graphml.",
        ),
    ] = None,
    summary_words: Annotated[
        int | None, typer.Option("--summary-words", help="Length of the cited summary, in words.")
    ] = None,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Export the stored stories for other tools: a table (JSON Lines, CSV, Parquet) or the actor network (GraphML).

    Rows come from each story's stored analysis; every row from the text carries its article id,
    start and end. docs/export.md describes each table and how to read it in pandas or networkx."""
    from .export import EXPORT_FORMATS, EXTENSIONS, ExportStory, export_format, what_for
    from .pipeline import stored_story
    from .store import open_store

    out = Path(output)
    chosen_fmt = export_format(fmt.strip().lower()) if fmt else EXTENSIONS.get(out.suffix.lower())
    if chosen_fmt is None:
        raise ConfigError(
            f"cannot tell the export format of {out}: pass --format ({', '.join(EXPORT_FORMATS)}) "
            "or use .jsonl, .csv, .parquet or .graphml"
        )
    chosen = what_for(chosen_fmt, what)
    if _is_folder(output):
        raise ConfigError(f"export writes one file: {output} is a folder")
    _check_file(output)
    settings = _settings(config, db=db, summary_words=summary_words, quiet=quiet or None)
    with open_store(settings.db, create=False) as store:
        listed = store.stories()
        if store.count() == 0 or (not listed and chosen != "articles"):
            raise _no_stories(store, settings.db)
        stories = [ExportStory(s, stored_story(store, s.id, settings.summary_words)) for s in listed]
        placed = {a.id for s in stories for a in s.story.articles}
        loose = [a for a in store.articles() if a.id not in placed] if chosen == "articles" else []
    _export_file(stories, chosen, out, settings.quiet, chosen_fmt, loose)


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(help="Words to find (every one must occur; operators are plain words).")
    ],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many stories.")] = 20,
    config: ConfigOpt = None,
) -> None:
    """Full-text search over titles and text, results grouped by story, best first (SQLite FTS5)."""
    import json

    from .store import open_store

    settings = _settings(config, db=db)
    with open_store(settings.db, create=False) as store:
        found = store.search_stories(query, limit=limit)
    if not found:
        raise NotFoundError(f"no article matches {query!r}")
    for group in found:
        if as_json:
            row = {
                "story": group.story_id,
                "title": group.title,
                "hits": [
                    {"id": h.article_id, "title": h.title, "snippet": h.snippet, "rank": round(h.rank, 6)}
                    for h in group.hits
                ],
            }
            typer.echo(json.dumps(row, ensure_ascii=False))
            continue
        typer.echo(f"{group.story_id or '(no story)'}  {group.title or ''}".rstrip())
        for h in group.hits:
            typer.echo(f"  {h.article_id}  {h.title}")
            typer.echo(f"    {h.snippet}")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            help="Bearer token that enables POST /api/v1/articles (or NEWSPRISM_TOKEN); without one writes are off.",
        ),
    ] = None,
    processes: Annotated[
        int,
        typer.Option(
            "--processes",
            min=1,
            max=64,
            help="Server processes (uvicorn workers); more than 1 serves read-only. 2 on a 2-core machine.",
        ),
    ] = 1,
    config: ConfigOpt = None,
) -> None:
    """Serve the store: web pages and the JSON API under /api/v1 (OpenAPI at /openapi.json)."""
    import uvicorn

    from .store import open_store
    from .web import create_app
    from .web.access import check_served_url
    from .web.app import environment_of, web_settings

    settings = _settings(config, db=db, token=token)
    check_served_url(settings.db)
    if processes > 1 and settings.token:
        raise ConfigError(
            f"--processes {processes} serves read-only: writes (a token) need one process, "
            "as two ingests at once would each save the story index without the other's articles"
        )
    with open_store(settings.db, create=False):  # a missing or unreadable database: one line, now
        pass
    writes = "writes enabled (bearer token)" if settings.token else "read-only"
    many = f", {processes} processes" if processes > 1 else ""
    _err(f"serving {settings.db} on http://{host}:{port} ({writes}{many})")
    if processes == 1:
        uvicorn.run(create_app(web_settings(settings)), host=host, port=port, log_level="warning")
        return
    os.environ.update(environment_of(settings))  # each worker reads its settings back
    target = "newsprism.web.app:app_from_environment"
    uvicorn.run(target, factory=True, workers=processes, host=host, port=port, log_level="warning")


def _version() -> str:
    try:
        return version("newsprism")
    except PackageNotFoundError:  # run from a source tree that was never installed
        from . import __version__

        return __version__


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    show_version: Annotated[
        bool, typer.Option("--version", is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    if show_version:
        typer.echo(f"newsprism {_version()}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:  # no command: a usage error that shows the help
        with redirect_stdout(sys.stderr):  # typer's rich help prints itself (to stdout)
            text = ctx.get_help()
        if text:
            typer.echo(text, err=True)
        raise typer.Exit(1)


@contextmanager
def _signals_interrupt() -> Iterator[None]:
    """While a command runs, SIGINT and SIGTERM raise :class:`Interrupted` (once: a repeat while
    the run unwinds is ignored, so the rollback of the current batch completes; see
    :func:`~newsprism.errors.interrupt`)."""
    if threading.current_thread() is not threading.main_thread():  # signal.signal would fail
        yield
        return

    def handler(signum: int, _frame: object) -> None:
        interrupt(signum)

    def unraisable(report: Any) -> None:
        # The interruption raised inside a finaliser or an at-fork hook, where Python prints it
        # as "Exception ignored in ..." and carries on: recorded, and raised again at the next
        # check (errors.check_interrupted), so no traceback reaches the user.
        if not isinstance(report.exc_value, Interrupted):
            hook(report)

    hook = sys.unraisablehook
    sys.unraisablehook = unraisable
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, signal.SIG_DFL if old is None else old)
        sys.unraisablehook = hook


def _exit_status(run: Callable[[], Any]) -> int:
    """Run a command and return its exit status, printing one line for anything but success."""
    clear_interrupted()
    try:
        with _signals_interrupt():
            returned = run()
            check_interrupted()  # its exception lost in a finaliser: still an interrupted run
    except Interrupted as exc:
        clear_interrupted()
        _err("interrupted")
        return exc.exit_code
    except KeyboardInterrupt:  # raised outside the handlers above (e.g. by a library)
        _err("interrupted")
        return 128 + signal.SIGINT
    except NewsprismError as exc:
        _err(str(exc))
        return exc.exit_code
    except typer.TyperException as exc:  # usage errors: bad option or value, unknown command
        ctx = getattr(exc, "ctx", None)
        command = getattr(ctx, "command_path", "newsprism")
        _err(f"{exc.format_message()} (see '{command} --help')")
        return 1
    except typer.Abort:
        _err("aborted")
        return 1
    except Exception as exc:  # the edge: a bug must still not print a traceback at a user
        if os.environ.get("NEWSPRISM_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set NEWSPRISM_DEBUG=1 for the traceback)")
        return INTERNAL_ERROR
    # non-standalone typer returns the status of a typer.Exit (--help: 0); commands return None
    return returned if isinstance(returned, int) else 0


def main(argv: list[str] | None = None) -> None:
    """Entry point (the ``newsprism`` console script): exits with the command's status."""
    app(args=argv, prog_name="newsprism")


if __name__ == "__main__":
    main()

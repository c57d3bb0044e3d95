"""The ``newsprism`` command line: a thin edge over :mod:`newsprism.pipeline` and the store.

Every :class:`~newsprism.errors.NewsprismError` becomes one line on standard error and its exit
status (1 error, 2 nothing usable, 3 inputs skipped under ``--strict``); no traceback reaches the
user unless ``NEWSPRISM_DEBUG=1``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from .config import Settings, load_settings
from .errors import ConfigError, NewsprismError, StrictModeError
from .records import Article, Skip

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn many outlets' coverage of one event into one structured, verifiable story.",
)

PathsArg = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for standard input.")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy pipeline name or path.")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", "-w", help="Processes for the analysis.")]
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
DbOpt = Annotated[str | None, typer.Option("--db", help="Database URL (default sqlite:///newsprism.db).")]

FORMATS = {".json": "json", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def _settings(config: Path | None, **flags: Any) -> Settings:
    return load_settings(config, **flags)


def _err(message: str) -> None:
    typer.echo(f"newsprism: {message}", err=True)


def _report_notes(articles: Sequence[Article], quiet: bool) -> None:
    """One line per note on an article that was used (cut to max_chars, a bad published date)."""
    noted = [a for a in articles if a.notes]
    if noted and not quiet:
        _err(f"notes on {len(noted)} article(s):")
        for article in noted:
            for note in article.notes:
                typer.echo(f"  {article.source}: {note}", err=True)


def _report_skips(skipped: Sequence[Skip], quiet: bool) -> None:
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


def _check_outputs(outputs: Sequence[Path]) -> None:
    for out in outputs:
        if out.suffix.lower() not in FORMATS:
            raise ConfigError(f"cannot tell the format of {out}: use .json, .md or .html")


@app.command()
def analyze(
    paths: PathsArg,
    output: Annotated[
        list[Path] | None,
        typer.Option(
            "--output", "-o", help="Write here; format from the extension (.json, .md, .html). Repeatable."
        ),
    ] = None,
    model: ModelOpt = None,
    workers: WorkersOpt = None,
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
    """Analyse articles into a story: story.json (machine-readable), brief.md or brief.html (for a reader).

    Without -o the brief goes to standard output."""
    from .pipeline import analyze_corpus, read_corpus
    from .report.html import render_html
    from .report.markdown import render_markdown
    from .report.story_json import story_to_dict, story_to_json

    settings = _settings(
        config,
        model=model,
        workers=workers,
        max_bytes=max_bytes,
        max_chars=max_chars,
        language=language,
        summary_words=summary_words,
        strict=strict or None,
        quiet=quiet or None,
    )
    outputs = output or []
    _check_outputs(outputs)
    corpus = read_corpus(paths, settings)
    _report_skips(corpus.skipped, settings.quiet)
    _report_notes(corpus.articles, settings.quiet)
    with _progress(len(corpus.articles), "analysing", settings.quiet) as progress:
        story = analyze_corpus(corpus, settings, progress)
    data = story_to_dict(story)
    if not outputs:
        typer.echo(render_markdown(data), nl=False)
    for out in outputs:
        out.parent.mkdir(parents=True, exist_ok=True)
        fmt = FORMATS[out.suffix.lower()]
        renderers = {"json": lambda: story_to_json(story), "html": lambda: render_html(data)}
        text = renderers.get(fmt, lambda: render_markdown(data))()
        out.write_text(text, encoding="utf-8")
        if not settings.quiet:
            _err(f"wrote {out} ({len(story.articles)} articles)")
    if settings.strict and corpus.skipped:
        raise StrictModeError(f"{len(corpus.skipped)} input(s) skipped (--strict)")


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    model: ModelOpt = None,
    workers: WorkersOpt = None,
    max_bytes: MaxBytesOpt = None,
    max_chars: MaxCharsOpt = None,
    language: LanguageOpt = None,
    strict: StrictOpt = False,
    quiet: QuietOpt = False,
    config: ConfigOpt = None,
) -> None:
    """Analyse articles and store them (idempotent: re-ingesting adds nothing)."""
    from .pipeline import ingest_corpus, read_corpus

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
    )
    corpus = read_corpus(paths, settings)
    _report_skips(corpus.skipped, settings.quiet)
    _report_notes(corpus.articles, settings.quiet)
    with _progress(len(corpus.articles), "ingesting", settings.quiet) as progress:
        result = ingest_corpus(corpus, settings, progress)
    if not settings.quiet:
        _err(
            f"{result.added} new, {result.present} already stored, {len(corpus.skipped)} skipped → {settings.db}"
        )
    if settings.strict and corpus.skipped:
        raise StrictModeError(f"{len(corpus.skipped)} input(s) skipped (--strict)")


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
    with open_store(settings.db) as store:
        for a in store.articles():
            if as_json:
                row = {"id": a.id, "published": a.published.value, "outlet": a.outlet, "title": a.title}
                typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                typer.echo(f"{a.id}  {a.published.value or '-':<10}  {a.outlet or '-':<24}  {a.title}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning newsprism errors into one line and an exit status."""
    try:
        app(args=argv, standalone_mode=False)
    except NewsprismError as exc:
        _err(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except Exception as exc:  # the edge: a bug must still not print a traceback at a user
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Exit):
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(1)
        if os.environ.get("NEWSPRISM_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set NEWSPRISM_DEBUG=1 for the traceback)")
        sys.exit(70)


if __name__ == "__main__":
    main()

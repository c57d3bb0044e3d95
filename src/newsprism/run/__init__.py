"""Running the per-article analysis: in this process, a process pool, or on Ray (``run.ray``,
imported only when chosen: ``ray`` is an optional extra)."""

from .local import Runner, WorkerMemory, analyze_articles, open_runner

__all__ = ["Runner", "WorkerMemory", "analyze_articles", "open_runner"]

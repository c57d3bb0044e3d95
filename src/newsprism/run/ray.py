"""The per-article analysis on Ray: Ray Data ``map_batches`` over an actor pool.

Each actor is one :class:`Analyzer` (a callable class): it loads the spaCy pipeline once, in its
constructor, then turns batches of articles into analyses. Articles and analyses cross Ray as
pickled records in a binary column (frozen slotted dataclasses pickle by value and round-trip
equal), never as spaCy Docs; each row keeps its input index and the driver puts the results back
in input order, so the output does not depend on which actor finished first.

Without an address a local Ray instance of ``workers`` CPUs (all of this machine's when
``workers`` is 1) is started, quiet (no dashboard, no worker logs on the driver), and shut down
when the runner closes; with one, the driver connects to that cluster and every worker node needs
newsprism and the spaCy model package installed (docs/scaling.md).

``ray`` is an optional extra (``pip install 'newsprism[ray]'``): nothing imports this module
unless the Ray runner is chosen, and without ray that choice is a one-line error.
"""

from __future__ import annotations

import logging
import os
import pickle
import socket
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import ConfigError, check_interrupted
from ..nlp import load_pipeline
from ..records import Article, ArticleAnalysis
from .local import Progress, Runner, analyze_with, chunk_size, peak_rss

MISSING = "the Ray runner needs ray: pip install 'newsprism[ray]'"


def _ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise ConfigError(MISSING) from None
    return ray


def check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail at once, in one line, when nobody listens at ``address`` (``HOST:PORT`` or
    ``ray://HOST:PORT``; ``auto`` is Ray's to find): ``ray.init`` retries a dead address for a
    minute, printing C++ warnings, before it gives up."""
    if address == "auto":
        return
    host, _, port = address.split("://", 1)[-1].rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f"ray_address {address!r} is not HOST:PORT, ray://HOST:PORT or auto")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ConfigError(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}") from None


class Analyzer:
    """One Ray actor's analysis: the pipeline loaded once, then batch after batch.

    The model and batch size are class attributes of a subclass made per run (:func:`analyzer`).
    Ray's core worker logs an error line (C++, straight to stderr) for every restartable actor
    whose constructor arguments are in the object store, as Ray Data's actors' are; on a local
    instance the actors are made not restartable (``max_restarts=0``: there is no node to lose,
    and an actor that crashes there is a bug to see), which keeps the run quiet. On a cluster
    they stay restartable, to survive a lost node, and the line appears."""

    model: str | None = None
    batch_size: int = 32

    def __init__(self) -> None:
        self.nlp = load_pipeline(self.model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        articles: list[Article] = [pickle.loads(blob) for blob in batch["article"]]
        analyses = list(analyze_with(self.nlp, articles, self.batch_size))
        blobs = np.empty(len(analyses), dtype=object)
        blobs[:] = [pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL) for a in analyses]
        count = len(analyses)
        return {
            "index": batch["index"],
            "analysis": blobs,
            "pid": np.full(count, os.getpid(), dtype=np.int64),
            "peak_rss": np.full(count, peak_rss(), dtype=np.int64),
        }


def analyzer(model: str | None, batch_size: int) -> type[Analyzer]:
    """The :class:`Analyzer` of this model and batch size."""
    return type("Analyzer", (Analyzer,), {"model": model, "batch_size": batch_size})


class RayRunner(Runner):
    """Ray Data over an actor pool; Ray is started (or joined) at the first :meth:`analyze`."""

    def __init__(
        self, model: str | None = None, workers: int = 1, batch_size: int = 32, address: str | None = None
    ) -> None:
        super().__init__()
        self.model = model
        self.workers = workers
        self.batch_size = batch_size
        self.address = address
        self._ray: Any = None
        _ray()  # fail before any work when ray is not installed

    def _start(self) -> Any:
        if self._ray is not None:
            return self._ray
        load_pipeline(self.model)  # a missing model is one clear error here, not an actor's traceback
        ray = _ray()
        quiet: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.ERROR,
        }
        if self.address:
            check_reachable(self.address)
        try:
            if self.address:
                ray.init(address=self.address, **quiet)
            else:
                cpus = self.workers if self.workers > 1 else os.cpu_count() or 1
                ray.init(num_cpus=cpus, **quiet)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = self.address or "a local Ray instance"
            raise ConfigError(f"cannot start Ray on {where}: {str(exc).splitlines()[0]}") from None
        logging.getLogger("ray.data").setLevel(logging.ERROR)  # "execution finished in ..." lines
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        context.execution_options.preserve_order = True
        self._ray = ray
        return ray

    def stream(
        self, articles: Sequence[Article], progress: Progress | None = None
    ) -> Iterator[ArticleAnalysis]:
        if not articles:
            return
        ray = self._start()
        actors = max(1, int(ray.cluster_resources().get("CPU", 1)))
        size = chunk_size(len(articles), actors, self.batch_size)
        rows = [{"index": i, "article": pickle.dumps(a)} for i, a in enumerate(articles)]
        restarts: dict[str, Any] = {} if self.address else {"max_restarts": 0}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # ray_remote_args: removed in 2.64
            dataset = ray.data.from_items(rows, override_num_blocks=-(-len(rows) // size)).map_batches(
                analyzer(self.model, self.batch_size),
                batch_size=size,
                batch_format="numpy",
                compute=ray.data.ActorPoolStrategy(size=actors),
                num_cpus=1,
                **restarts,
            )
        done: dict[int, ArticleAnalysis] = {}
        ready = 0  # the next article to hand out, in input order
        for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
            check_interrupted()
            for index, blob, pid, rss in zip(
                batch["index"], batch["analysis"], batch["pid"], batch["peak_rss"], strict=True
            ):
                done[int(index)] = pickle.loads(blob)
                self.record(int(pid), int(rss))
            if progress:
                progress(len(batch["index"]))
            while ready in done:
                yield done.pop(ready)
                ready += 1
        if ready < len(articles):  # Ray Data lost rows: never hand back a short run silently
            raise RuntimeError(f"Ray returned no analysis for article {ready} ({articles[ready].source})")

    def close(self, failed: bool) -> None:
        ray, self._ray = self._ray, None
        if ray is not None:
            ray.shutdown()

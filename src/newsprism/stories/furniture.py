"""Site furniture: text that recurs in the bodies of unrelated articles is no evidence of a story.

A crawler's archive notice, a paywall or reprint notice, a "media playback is unsupported" or
"breaking news emails" header: extraction keeps such text, sometimes as the whole body, often as
a prefix or a footer of the real article, and it varies a little between copies (a phrase added,
a sentence cut). Left in the features it makes unrelated articles alike: on the Multi-News set,
clusters of 8 to 44 unrelated documents gathered on one notice each.

:class:`Furniture` counts, for every run of ``shingle_words`` consecutive content stems of a body
(a shingle), the earlier bodies it occurred in. A stem is furniture when every shingle covering it
was already seen in ``limit`` earlier bodies: only the inside of a recurring run goes, never a
word that a fresh shingle also covers, so a common phrase ("president barack obama said
tuesday") costs at most its middle. The counts are kept in two bounded least-recently-seen
tiers: shingles seen once (``memory`` of them; most of every body, churning) and shingles seen
again (``recurring_memory``; furniture recurs, so it stays), so the cost per article is the
length of its body and the memory stays flat however long the stream.

The summariser's furniture (:mod:`newsprism.summarize.furniture`) is told by a sentence's form
within one story, after clustering; this is told by recurrence across the stream, before it, and
needs no sentence split (the notices run into the article without a full stop).

The trade-off, as for the whole-body copies this replaces: the third copy of one story's
syndicated text is furniture too (two copies still join; nothing tells a notice's copies from a
wire story's). Such a copy keeps whatever it has of its own, and a body with almost nothing of its
own is a notice that stays alone (:meth:`newsprism.stories.StoryIndex.add`).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any


class Furniture:
    """The recurring-shingle counts of a stream of bodies (see the module docstring)."""

    def __init__(
        self, shingle_words: int = 5, limit: int = 2, memory: int = 100_000, recurring_memory: int = 20_000
    ) -> None:
        self.shingle_words = shingle_words
        self.limit = limit
        self.memory = memory
        self.recurring_memory = recurring_memory
        self._once: OrderedDict[int, None] = OrderedDict()  # least recently seen first
        self._recurring: OrderedDict[int, int] = OrderedDict()  # shingle -> bodies seen in

    def strip(self, stems: list[str]) -> list[str]:
        """``stems`` without the furniture (as the counts stood before this body), then counts
        this body's shingles, each once."""
        if not stems:
            return []
        k = self.shingle_words
        shingles = [_hash(stems[j : j + k]) for j in range(max(1, len(stems) - k + 1))]
        if self.limit > 0:
            furniture = [self._seen(h) >= self.limit for h in shingles]
            # stem t is covered by shingles max(0, t-k+1) .. min(t, last); furniture if all are
            last = len(shingles) - 1
            kept = [
                stem
                for t, stem in enumerate(stems)
                if not all(furniture[j] for j in range(max(0, t - k + 1), min(t, last) + 1))
            ]
        else:
            kept = list(stems)
        for h in dict.fromkeys(shingles):
            self._count(h)
        return kept

    def _seen(self, h: int) -> int:
        """The earlier bodies shingle ``h`` occurred in (0 once forgotten)."""
        return self._recurring.get(h, 0) or (1 if h in self._once else 0)

    def _count(self, h: int) -> None:
        if h in self._recurring:
            self._recurring[h] += 1
            self._recurring.move_to_end(h)
        elif h in self._once:
            del self._once[h]
            self._recurring[h] = 2
            if len(self._recurring) > self.recurring_memory:
                self._recurring.popitem(last=False)
        else:
            self._once[h] = None
            if len(self._once) > self.memory:
                self._once.popitem(last=False)

    def state(self) -> dict[str, Any]:
        """JSON-ready counts, in recency order (restored exactly by :meth:`load`)."""
        return {"once": list(self._once), "recurring": [[h, c] for h, c in self._recurring.items()]}

    def load(self, state: dict[str, Any]) -> None:
        self._once = OrderedDict.fromkeys(state["once"])
        self._recurring = OrderedDict((h, c) for h, c in state["recurring"])


def _hash(words: list[str]) -> int:
    """A 48-bit hash of a shingle: exact in JSON and in any reader's doubles."""
    return int.from_bytes(hashlib.blake2b(" ".join(words).encode(), digest_size=6).digest(), "big")

"""Book-keeping of one pre-render: which texts, how many came back, how many failed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Batch:
    """A pre-render. Results of an older batch (a lower tag) are not counted in this one."""

    tag: int
    texts: list[str]
    done: int = 0
    failed: int = 0
    finished: bool = False

    @property
    def total(self) -> int:
        """How many texts the batch renders."""
        return len(self.texts)

    @property
    def complete(self) -> bool:
        """Whether every text came back."""
        return self.done >= self.total

    def record(self, ok: bool) -> None:
        """Count one result."""
        self.done += 1
        self.failed += 0 if ok else 1

    def finish(self) -> tuple[int, int]:
        """Close the batch: (texts rendered, texts not rendered)."""
        self.finished = True
        rendered = self.done - self.failed
        return rendered, self.total - rendered

"""What a process that builds again and again (the live preview) keeps between its builds,
in memory: the chart pictures it drew and the Chromium it keeps open for them, and the
search indexes it made. The build is handed one; a build handed none starts with an
empty one and leaves nothing behind, so no state outlives a call unless its caller keeps it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from fuling.charts.pictures import PictureMemory
from fuling.outputs.search import IndexMemory


@dataclass
class Resident:
    pictures: PictureMemory = field(default_factory=PictureMemory)
    indexes: IndexMemory = field(default_factory=IndexMemory)

    def close(self) -> None:
        """Close the kept Chromium (its thread would rule out a fork)."""
        self.pictures.close()

"""What a process that builds again and again (the live preview) keeps between its builds,
in memory: the chart pictures it drew and the Chromium it keeps open for them, the search
indexes it made, and the model its last good build rendered. The build is handed one; a
build handed none starts with an empty one and leaves nothing behind, so no state outlives
a call unless its caller keeps it.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from fuling.charts.pictures import PictureMemory
from fuling.core.memo import NO_MEMO
from fuling.outputs.search import IndexMemory

if TYPE_CHECKING:  # annotations only: a build imports the render stage when it renders
    from fuling.core.model import Site
    from fuling.site.render import RenderContext


@dataclass
class RenderedModel:
    """The loaded site of the last build that rendered and published, and the render context
    it rendered with (its templates compiled, its views made): what the preview's first look
    re-renders an open page from (fuling/preview/firstlook.py)."""

    site: Site
    context: RenderContext


@dataclass
class Resident:
    pictures: PictureMemory = field(default_factory=PictureMemory)
    indexes: IndexMemory = field(default_factory=IndexMemory)
    model: RenderedModel | None = None

    def keep_model(self, site: Site, context: RenderContext) -> None:
        """Keep what a build rendered, without its build cache (a later build has its own)."""
        self.model = RenderedModel(site, dataclasses.replace(context, memo=NO_MEMO, exports=None, reporter=None))

    def close(self) -> None:
        """Close the kept Chromium (its thread would rule out a fork)."""
        self.pictures.close()

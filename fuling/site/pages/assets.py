"""Every file under templates/assets/ and plotly.js, copied into site/assets/."""
from __future__ import annotations


def generate(ctx) -> dict[str, bytes]:
    return {asset.path: asset.data for asset in ctx.assets.values()}

"""Seed API: the tiny FastAPI service that the devstack-kit seed example builds into an image.

Run locally with ``uv run uvicorn app.main:app --reload``; the image runs
``/app/.venv/bin/uvicorn app.main:app``.
"""

import logging.config
from pathlib import Path

from fastapi import FastAPI

CONFIG = Path(__file__).resolve().parent.parent / "logging.ini"
if CONFIG.exists():
    logging.config.fileConfig(CONFIG, disable_existing_loggers=False)

app = FastAPI(title="seed-api", version="0.1.0")


@app.get("/health")
def health() -> dict[str, str]:
    """Liveness probe used by the compose healthcheck."""
    return {"status": "ok"}


@app.get("/items/{item_id}")
def read_item(item_id: int, q: str | None = None) -> dict[str, int | str | None]:
    """Echo an item id and an optional query string."""
    return {"item_id": item_id, "q": q}

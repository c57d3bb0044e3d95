"""The JSON API under ``/api/v1`` (stories, articles, entities, search, writes)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()


@router.get("/health")
def health() -> dict[str, str]:
    """For process supervisors: the app answers."""
    return {"status": "ok"}

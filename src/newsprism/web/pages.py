"""Server-rendered pages (Jinja2): stories, a story, an article, a person or organisation, search."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()

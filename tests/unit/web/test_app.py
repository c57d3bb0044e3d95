"""The web app's frame: one error shape under /api, security headers on every answer."""

from __future__ import annotations

from fastapi.testclient import TestClient

from newsprism.web import create_app


def test_health_answers_and_every_response_carries_the_security_headers() -> None:
    answer = TestClient(create_app()).get("/api/v1/health")
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_an_unknown_api_path_answers_in_the_one_error_shape() -> None:
    answer = TestClient(create_app()).get("/api/v1/no-such-thing")
    assert answer.status_code == 404
    assert answer.json() == {"error": {"status": 404, "code": "http_error", "message": "Not Found"}}

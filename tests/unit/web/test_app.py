"""The web app's frame: one error shape under /api, security headers on every answer."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.errors import ConfigError, InputError, ModelError, NewsprismError, NotFoundError, StoreError
from newsprism.web import WebSettings, create_app
from newsprism.web.app import ERRORS, HTTP_CODES, http_code
from newsprism.web.models import ErrorCode

CODES = set(typing.get_args(ErrorCode))
DOC = Path(__file__).resolve().parents[3] / "docs" / "web.md"
BEARER = {"authorization": "Bearer s3cret"}
JSON = {"content-type": "application/json"}


def test_health_answers_and_every_response_carries_the_security_headers() -> None:
    answer = TestClient(create_app()).get("/api/v1/health")
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_an_unknown_api_path_answers_in_the_one_error_shape() -> None:
    answer = TestClient(create_app()).get("/api/v1/no-such-thing")
    assert answer.status_code == 404
    assert answer.json() == {"error": {"status": 404, "code": "not_found", "message": "Not Found"}}


# -- error codes: one closed snake_case set -------------------------------------------------------


def raising(exc: Exception) -> TestClient:
    """A client of an app with one extra API route that raises ``exc``."""
    app = create_app()

    def boom() -> None:
        raise exc

    app.add_api_route("/api/v1/boom", boom)
    return TestClient(app, raise_server_exceptions=False)


def every_error_class() -> list[type[NewsprismError]]:
    out, todo = [], [NewsprismError]
    while todo:
        kind = todo.pop()
        out.append(kind)
        todo.extend(kind.__subclasses__())
    return sorted(out, key=lambda k: k.__name__)


@pytest.mark.parametrize("kind", every_error_class(), ids=lambda k: k.__name__)
def test_every_newsprism_error_answers_a_code_of_the_closed_set_never_its_class_name(
    kind: type[NewsprismError],
) -> None:
    answer = raising(kind("the cause, for people")).get("/api/v1/boom")
    status = {NotFoundError: 404, StoreError: 503}.get(kind, 400)  # the statuses as they were
    error = answer.json()["error"]
    assert (answer.status_code, error["status"], error["message"]) == (
        status,
        status,
        "the cause, for people",
    )
    assert error["code"] in CODES and error["code"] != kind.__name__


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (NotFoundError, "not_found"),
        (ConfigError, "bad_request"),
        (InputError, "bad_request"),
        (StoreError, "store_unavailable"),
        (ModelError, "model_unavailable"),
    ],
)
def test_the_code_names_what_went_wrong(kind: type[NewsprismError], code: str) -> None:
    assert raising(kind("x")).get("/api/v1/boom").json()["error"]["code"] == code


def test_a_bug_is_a_500_internal_error_naming_only_the_exception_type() -> None:
    answer = raising(KeyError("secret detail")).get("/api/v1/boom")
    assert answer.status_code == 500
    assert answer.json()["error"] == {
        "status": 500,
        "code": "internal_error",
        "message": "internal error: KeyError",
    }


def test_an_unknown_api_path_and_a_wrong_method_have_their_own_codes() -> None:
    client = TestClient(create_app())
    assert client.get("/api/v1/no-such-thing").json()["error"]["code"] == "not_found"
    wrong = client.delete("/api/v1/health")
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (405, "method_not_allowed")


def test_each_refused_post_has_its_own_code() -> None:
    """The POST's refusals come before the store is touched, so no database is needed."""
    closed = TestClient(create_app(WebSettings(db="sqlite:///unused.db")))
    post = closed.post("/api/v1/articles", json={"title": "t", "text": "x"})
    assert (post.status_code, post.json()["error"]["code"]) == (403, "forbidden")
    client = TestClient(create_app(WebSettings(db="sqlite:///unused.db", token="s3cret", max_post_bytes=10)))
    answers = {
        "no token": client.post("/api/v1/articles", json={}),
        "wrong type": client.post(
            "/api/v1/articles", content=b"x", headers=BEARER | {"content-type": "text/plain"}
        ),
        "too large": client.post("/api/v1/articles", content=b"x" * 11, headers=BEARER | JSON),
        "not JSON": client.post("/api/v1/articles", content=b"{", headers=BEARER | JSON),
        "no title": client.post("/api/v1/articles", content=b"{}", headers=BEARER | JSON),
    }
    got = {why: (a.status_code, a.json()["error"]["code"]) for why, a in answers.items()}
    assert got == {
        "no token": (401, "unauthorized"),
        "wrong type": (415, "unsupported_media_type"),
        "too large": (413, "payload_too_large"),
        "not JSON": (400, "bad_request"),
        "no title": (422, "invalid_request"),
    }
    assert answers["no token"].headers["www-authenticate"] == "Bearer"


def test_an_unlisted_http_status_still_answers_a_code_of_the_set() -> None:
    assert (http_code(409), http_code(429), http_code(502)) == (
        "bad_request",
        "bad_request",
        "internal_error",
    )


def test_the_code_set_is_closed_every_code_reachable_documented_and_in_the_openapi_enum() -> None:
    mapped = {code for _, _, code in ERRORS} | set(HTTP_CODES.values())
    assert mapped == CODES, "every code the app can send is in ErrorCode, and every ErrorCode is sent"
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", code) for code in CODES)
    documented = set(re.findall(r"^  \| `([a-z_]+)` \| \d{3} \|", DOC.read_text(encoding="utf-8"), re.M))
    assert documented == CODES, "docs/web.md lists each error code"
    schema = create_app().openapi()["components"]["schemas"]["Error"]["properties"]["code"]
    assert set(schema["enum"]) == CODES

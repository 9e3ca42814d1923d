"""The router of the pages: a refusal of the store becomes a page in the user's language, not
the JSON the API answers with; no session sends the browser to sign in."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute

from zairyu.interview.state import InterviewError
from zairyu.store.access import ForbiddenError, InvalidRequestError, NotFoundError
from zairyu.web.pages.rendering import render
from zairyu.web.pages.session import BadFormToken, SignInRequired

log = logging.getLogger("zairyu.web.pages")


class PageRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def shown(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInRequired:
                return RedirectResponse("/sign-in", status_code=303)
            except BadFormToken:
                return _problem(request, 403, "This form has expired. Go back, reload and retry.")
            except NotFoundError:
                return _problem(request, 404, "Not found in your organisation.")
            except ForbiddenError:
                return _problem(request, 403, "Your role may not do this.")
            except InterviewError as error:
                return _problem(request, 422, str(error))
            except InvalidRequestError as error:
                return _problem(request, 422, "; ".join(p["message"] for p in error.problems))

        return shown


def _problem(request: Request, status: int, message: str) -> Response:
    return render(request, "problem.html", {"status": status, "message": message}, status)


def page_router() -> APIRouter:
    return APIRouter(route_class=PageRoute, include_in_schema=False)

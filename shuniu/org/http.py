from __future__ import annotations

from django.http import HttpRequest

from shuniu.org.models import User


class AuthedRequest(HttpRequest):
    """A request behind the login middleware: `user` is a real User (for type checking)."""

    user: User

"""The language of the API's messages for a signed-in user: their account's
preferred language, whatever the browser's Accept-Language says (which Django's
LocaleMiddleware follows for everyone else)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation


class PreferredLanguageMiddleware:
    """After AuthenticationMiddleware. Only GraphQL answers are concerned (the
    admin has its own language setting), and only requests with a session
    cookie: without one the user is anonymous and no session is read."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.path == reverse(
            "graphql"
        ):
            user = request.user
            language = getattr(user, "preferred_language", "")
            if user.is_authenticated and language in self.languages:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)

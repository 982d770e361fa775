"""Login is required everywhere except the pages listed as public."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

PUBLIC_PREFIXES = (
    "/accounts/login/",
    "/accounts/password-reset/",
    "/accounts/reset/",
    "/i18n/",
    "/static/",
    "/api/",  # the API answers 401/403 itself
    "/public/",
)


class LoginRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class RussianFirstLocaleMiddleware:
    """The interface is Russian unless the user chose another language (cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language and show English to most browsers
    installed with an English locale; an official system of a Russian municipality speaks Russian by default.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionActivityMiddleware:
    """Renews the session of an active user at most once a minute (the idle timeout stays exact to the minute).

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) made every page a database write and commit;
    under load the slowest of those commits set the 95th percentile of every page (bench/README.md).
    """

    RENEW_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        session = getattr(request, "session", None)
        if session is not None and session.session_key:
            now = int(time.time())
            if now - session.get("_seen", 0) >= self.RENEW_SECONDS:
                session["_seen"] = now  # marks the session modified: saved, and the cookie's max-age renewed
        return self.get_response(request)

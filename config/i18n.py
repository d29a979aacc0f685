"""The language switch: both ways, on every page, back to the same page.

Django's `set_language` translates `next` with `translate_url`, which resolves the path in the
language active for the switch request (the cookie or the browser's): from `/en/calls/` with
Korean active, `/en/calls/` does not resolve, so the user stayed on `/en/` (issue 10). Here the
path is resolved in its own language (the `/en/` prefix, or the default language without a
prefix) and translated to the chosen one before Django's view sets the cookie and redirects.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.i18n import set_language as django_set_language


def translated_path(path: str, language: str) -> str:
    """`path` (a path with optional query) as it reads in `language`; unchanged if unknown."""
    own = translation.get_language_from_path(urlsplit(path).path) or settings.LANGUAGE_CODE
    with translation.override(own):
        return translate_url(path, language)


def set_language(request):
    """`django.views.i18n.set_language` with `next` first translated to the chosen language."""
    if request.method == "POST":
        language = request.POST.get("language", "")
        next_url = request.POST.get("next", request.GET.get("next"))
        if (
            next_url
            and language in dict(settings.LANGUAGES)
            and url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
        ):
            post = request.POST.copy()
            post["next"] = translated_path(next_url, language)
            request.POST = post
    return django_set_language(request)

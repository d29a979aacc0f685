from django.utils.functional import SimpleLazyObject

from accounts.enums import Role


def roles(request):
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    role = getattr(user, "role", None) if authenticated else None
    return {
        "user_role": role,
        "Role": Role,
        # the header's unread badge: one count query, only on pages that show it, once per request
        "unread_notices": SimpleLazyObject(lambda: _unread(request)) if authenticated else 0,
    }


def _unread(request) -> int:
    if not hasattr(request, "_unread_notices"):
        from accounts.domain.notices import unread_count

        request._unread_notices = unread_count(request.user)
    return request._unread_notices

from accounts.enums import Role


def roles(request):
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user and user.is_authenticated else None
    return {"user_role": role, "Role": Role}

"""DRF permission that maps HTTP methods to django-rules permission names (same names as the pages)."""

from rest_framework.permissions import BasePermission


class HasPerm(BasePermission):
    """Usage: permission_classes = [HasPerm.of(get="app.view_x", post="app.add_x")].

    Object-level checks pass the object to the rule; methods not listed are refused.
    """

    perms: dict[str, str] = {}
    object_perms: dict[str, str] = {}

    @classmethod
    def of(cls, object_perms: dict[str, str] | None = None, **perms: str):
        mapping = {k.upper(): v for k, v in perms.items()}
        if "GET" in mapping:
            mapping.setdefault("HEAD", mapping["GET"])
            mapping.setdefault("OPTIONS", mapping["GET"])
        return type(
            "HasPerm",
            (cls,),
            {
                "perms": mapping,
                "object_perms": {k.upper(): v for k, v in (object_perms or {}).items()},
            },
        )

    def has_permission(self, request, view) -> bool:
        perm = self.perms.get(request.method)
        if perm is None:
            return False
        if perm == "public":
            return True
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in self.object_perms:
            return True  # decided per object
        return request.user.has_perm(perm)

    def has_object_permission(self, request, view, obj) -> bool:
        perm = self.object_perms.get(request.method) or self.perms.get(request.method)
        if perm == "public":
            return True
        return bool(perm) and request.user.has_perm(perm, obj)

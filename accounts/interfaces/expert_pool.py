"""Import and export of the campus-town expert pool (R03) in the admin (django-import-export).

One row per expert: username, name, email, university (the institution's exact name or business
number), position, department, fields (codes such as "ai, bio" or their English labels), keywords,
bio, available. A username that does not exist yet becomes an EXPERT account without a usable
password (the expert sets one through the password-reset link); an existing account must already
have the EXPERT role.
"""

from django.db.models import Q
from django.utils import translation
from import_export import fields, resources
from import_export.widgets import Widget

from accounts.enums import InstitutionType, Role
from accounts.models import ExpertProfile, Institution, TechField, User
from accounts.models.expert import stored_fields
from config.spreadsheet import safe_cell


def _by_label() -> dict[str, str]:
    """Field codes by their English and Korean labels (lower case)."""
    found = {}
    for lang in ("en", "ko"):
        with translation.override(lang):
            found.update({str(label).lower(): code for code, label in TechField.choices})
    return found


class FieldsWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        codes, by_label = [], _by_label()
        for part in str(value or "").replace(";", ",").split(","):
            part = part.strip().lower()
            code = part if part in TechField.values else by_label.get(part)
            if part and code is None:
                raise ValueError(f"unknown technical field: {part}")
            if code:
                codes.append(code)
        return stored_fields(codes)

    def render(self, value, obj=None, **kwargs):
        return safe_cell(", ".join(c for c in (value or "").split(",") if c))


class UniversityWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        value = str(value or "").strip()
        found = Institution.objects.filter(
            Q(name=value) | Q(business_no=value.replace("-", "")), type=InstitutionType.UNIVERSITY
        ).first()
        if found is None:
            raise ValueError(f"no registered university named {value!r}")
        return found

    def render(self, value, obj=None, **kwargs):
        return safe_cell(value.name) if value else ""


class ExpertPoolResource(resources.ModelResource):
    username = fields.Field(attribute="user__username", column_name="username", readonly=True)
    name = fields.Field(column_name="name", readonly=True)
    email = fields.Field(attribute="user__email", column_name="email", readonly=True)
    university = fields.Field(
        attribute="university", column_name="university", widget=UniversityWidget()
    )
    fields = fields.Field(attribute="fields", column_name="fields", widget=FieldsWidget())

    class Meta:
        model = ExpertProfile
        import_id_fields = ["username"]
        fields = ("username", "name", "email", "university", "position", "department", "fields",
                  "keywords", "bio", "available")  # fmt: skip
        skip_unchanged = True
        use_transactions = True  # a file with an error imports nothing

    def dehydrate_name(self, profile):
        return profile.user.get_full_name()

    def get_instance(self, instance_loader, row):
        return ExpertProfile.objects.filter(
            user__username=str(row.get("username") or "").strip()
        ).first()

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.user_id is None:
            instance.user = _expert_account(row)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return False


def _expert_account(row) -> User:
    username = str(row.get("username") or "").strip()
    if not username:
        raise ValueError("username is required")
    user = User.objects.filter(username=username).first()
    if user is None:
        name = str(row.get("name") or "").strip()
        user = User(username=username, email=str(row.get("email") or "").strip(),
                    first_name=name, role=Role.EXPERT)  # fmt: skip
        user.set_unusable_password()
        user.save()
    elif user.role != Role.EXPERT:
        raise ValueError(f"account {username} exists with another role")
    return user

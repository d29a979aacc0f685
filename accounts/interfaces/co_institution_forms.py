"""Forms of the co-institution search and invitation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.interfaces.forms import InstitutionForm
from accounts.validators import normalise_number, validate_business_number
from config.forms import KrdsFormMixin


class InstitutionSearchForm(KrdsFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Business registration number or name"),
        max_length=100,
        help_text=_("10 digits (hyphens allowed) or at least 2 characters of the name."),
    )


class InvitationForm(KrdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Institution name"), max_length=200)
    business_no = forms.CharField(
        label=_("Business registration number"),
        max_length=14,
        help_text=_("10 digits; hyphens are allowed (e.g. 124-81-00998)."),
    )
    email = forms.EmailField(
        label=_("Contact e-mail"),
        help_text=_("The invitation link is sent to this address."),
    )

    def clean_business_no(self) -> str:
        value = normalise_number(self.cleaned_data["business_no"])
        validate_business_number(value)
        return value


class InvitedInstitutionForm(InstitutionForm):
    """The institution form with the invited business number fixed."""

    def __init__(self, *args, invitation, **kwargs):
        kwargs.setdefault("initial", {}).update(
            name=invitation.name, business_no=invitation.business_no
        )
        super().__init__(*args, **kwargs)
        field = self.fields["business_no"]
        field.disabled = True
        field.help_text = _("The invited number; it cannot be changed.")

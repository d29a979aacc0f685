"""Forms of the R01 tracks pages (labels ko/en through gettext)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CampaignForm(forms.Form):
    platform = forms.ChoiceField(label=_("Crowdfunding platform"))
    url = forms.CharField(label=_("Campaign address (URL)"), max_length=500)
    target_krw = forms.CharField(label=_("Funding target (KRW)"), max_length=20)
    raised_krw = forms.CharField(label=_("Amount raised (KRW)"), max_length=20)
    backers = forms.CharField(label=_("Number of backers"), max_length=10)
    ends_on = forms.DateField(
        label=_("Campaign end date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    succeeded = forms.ChoiceField(label=_("Did the funding succeed?"), widget=forms.RadioSelect,
                                  choices=[("true", _("Yes, it reached its target")), ("false", _("No"))])  # fmt: skip

    def __init__(self, *args, platforms, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import translation

        en = translation.get_language() == "en"
        self.fields["platform"].choices = [("", "—")] + [
            (p["code"], p["name_en"] if en else p["name_ko"]) for p in platforms
        ]
        for name, field in self.fields.items():
            if name != "succeeded":
                field.widget.attrs.setdefault("class", "krds-input")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or Excel)"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect,
                                 choices=[("verify", _("Verify the result")), ("reject", _("Reject the result"))])  # fmt: skip
    reason = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FlagForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=[
        ("investigating", _("Open an investigation")), ("cleared", _("Clear the flag")),
        ("confirmed", _("Confirm the fraud"))])  # fmt: skip
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    cancel_agreement = forms.BooleanField(
        label=_("Cancel the agreement (sanction path)"), required=False
    )
    sanction_until = forms.DateField(label=_("Participation restriction until"), required=False,
                                     widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip


class SessionForm(forms.Form):
    call = forms.ModelChoiceField(label=_("Call"), queryset=None)
    track = forms.ChoiceField(label=_("Track"), required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Starts at (Seoul time)"),
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))  # fmt: skip
    place = forms.CharField(label=_("Place"), max_length=300)


class SlotForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Application"), queryset=None)
    starts_at = forms.DateTimeField(label=_("Presentation time (Seoul time)"),
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))  # fmt: skip


class PanelForm(forms.Form):
    evaluators = forms.ModelMultipleChoiceField(label=_("Expert panel"), queryset=None,
                                                widget=forms.CheckboxSelectMultiple, required=False)  # fmt: skip


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))


class FeedbackForm(forms.Form):
    text = forms.CharField(label=_("Written consultation feedback"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 8}))  # fmt: skip

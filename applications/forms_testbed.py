"""Forms of the testbed pages (labels in English msgids, Korean in locale/ko)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.models import Institution, User
from applications.models import DemandTopic
from programs.domain.flows import flow_value, program_tracks


class ProposalForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    track = forms.ChoiceField(label=_("Proposal type"), widget=forms.RadioSelect)
    demand_topic = forms.ModelChoiceField(
        label=_("Demand topic"), required=False, queryset=DemandTopic.objects.none(),
        empty_label=_("Free proposal (no demand topic)"),
    )  # fmt: skip
    title_ko = forms.CharField(label=_("Title (Korean)"), max_length=300)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    summary = forms.CharField(label=_("Summary of the product or service"), widget=forms.Textarea)
    tech_field = forms.ChoiceField(label=_("Technology field"))
    current_trl = forms.IntegerField(label=_("Current TRL"), min_value=1, max_value=9)
    city_krw = forms.IntegerField(label=_("City money asked (KRW)"), min_value=0, initial=0)
    company_krw = forms.IntegerField(label=_("Company share (KRW)"), min_value=0, initial=0)

    def __init__(self, *args, program, lang: str = "ko", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].choices = [(t.code, t.name) for t in program_tracks(program=program)]
        self.fields["demand_topic"].queryset = DemandTopic.objects.filter(published=True)
        fields = flow_value(program=program, key="tech_fields", default=[])
        name = "name_en" if lang == "en" else "name_ko"
        self.fields["tech_field"].choices = [("", "—")] + [(t["code"], t[name]) for t in fields]


class RequirementsForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[("pass", _("Requirements met: ask the site")), ("fail", _("Requirements not met"))],
    )  # fmt: skip
    site = forms.ModelChoiceField(
        label=_("Demonstration site"), required=False,
        queryset=Institution.objects.filter(members__role=Role.DEMO_SITE).distinct(),
    )  # fmt: skip
    note = forms.CharField(label=_("Reasons"), widget=forms.Textarea)


class SiteOpinionForm(forms.Form):
    fit = forms.ChoiceField(
        label=_("Fitness for the city site"), widget=forms.RadioSelect,
        choices=[("fit", _("Fit")), ("unfit", _("Unfit"))],
    )  # fmt: skip
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea)


class CloseReviewForm(forms.Form):
    """Close the review with the committee's aggregated score (no score is typed)."""

    step = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Review summary (optional)"), widget=forms.Textarea,
                           required=False, max_length=2000)  # fmt: skip


class CommitteeForm(forms.Form):
    call = forms.ModelChoiceField(label=_("Call"), queryset=None, empty_label=None)
    stage = forms.ChoiceField(label=_("Review stage"))
    name = forms.CharField(label=_("Committee name"), max_length=200)

    def __init__(self, *args, calls, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls
        self.fields["stage"].choices = stages


class MemberForm(forms.Form):
    evaluator = forms.ModelChoiceField(
        label=_("Evaluator"),
        queryset=User.objects.filter(role=Role.EVALUATOR, is_active=True).order_by("username"),
    )


class AssignForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=None, empty_label=None)

    def __init__(self, *args, committees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees


class DemoPlanForm(forms.Form):
    plan = forms.CharField(label=_("Demonstration plan"), widget=forms.Textarea)
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))


class DemoEvaluationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Demonstration evaluation"), widget=forms.RadioSelect,
        choices=[("pass", _("Passed: issue the certificate")), ("fail", _("Not passed"))],
    )  # fmt: skip
    result_ko = forms.CharField(label=_("Result (Korean)"), widget=forms.Textarea)
    result_en = forms.CharField(label=_("Result (English)"), widget=forms.Textarea)


class TopicForm(forms.ModelForm):
    class Meta:
        model = DemandTopic
        fields = ["title_ko", "title_en", "description_ko", "description_en", "site", "published"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = Institution.objects.filter(
            members__role=Role.DEMO_SITE
        ).distinct()


class OutcomeForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("Company"), queryset=Institution.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2018, max_value=2100)
    procurement_krw = forms.IntegerField(
        label=_("Public procurement (KRW)"), min_value=0, initial=0
    )
    investment_krw = forms.IntegerField(label=_("Investment (KRW)"), min_value=0, initial=0)
    exports_usd = forms.IntegerField(label=_("Exports (USD)"), min_value=0, initial=0)
    mou_count = forms.IntegerField(label=_("MOUs"), min_value=0, initial=0)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, institutions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institutions

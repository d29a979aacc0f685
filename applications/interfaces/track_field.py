"""The track choice of the plan form (required to submit when the programme has tracks)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from programs.domain.flows import program_tracks


def add_track_field(form) -> None:
    """Put a labelled track select first in the plan form when the application's programme has
    tracks (names shown, codes posted); nothing otherwise."""
    instance = getattr(form, "instance", None)
    program_id = getattr(instance, "program_id", None)
    if program_id is None and getattr(instance, "pk", None):
        from applications.models import Application

        program_id = (
            Application.objects.filter(pk=instance.pk).values_list("program_id", flat=True).first()
        )
    if program_id is None:
        return
    from programs.models import Program

    tracks = program_tracks(program=Program.objects.get(pk=program_id))
    if not tracks:
        return
    field = forms.ChoiceField(label=_("Track"), required=False, choices=[("", "—"), *((t.code, t.name) for t in tracks)],
                              initial=getattr(instance, "track", ""),
                              help_text=_("Each track is ranked and selected on its own, with its own slots and budget."))  # fmt: skip
    field.widget.attrs.update({"class": "krds-form-select", "aria-required": "true"})
    form.fields = {"track": field, **form.fields}
    form.required_names.add("track")

"""Repair calls stored before required_documents was checked at the boundary.

An item that is not a document definition (e.g. `["x", 1]` through the old API) crashed every
applicant page of its call. Known codes are expanded, other invalid items dropped; a call left with
no valid item gets the seed 002 list. Valid lists are not touched (idempotent)."""

from django.core.exceptions import ValidationError
from django.db import migrations


def repair(apps, schema_editor):
    from programs.domain.calls import default_documents
    from programs.interfaces.documents import clean_required_documents

    Call = apps.get_model("programs", "Call")
    known = {d["code"]: d for d in default_documents()}
    for call in Call.objects.only("pk", "required_documents").iterator():
        try:
            cleaned = clean_required_documents(call.required_documents)
        except ValidationError:
            items = call.required_documents if isinstance(call.required_documents, list) else []
            kept, seen = [], set()
            for item in items:
                item = known.get(item) if isinstance(item, str) else item
                try:
                    (valid,) = clean_required_documents([item]) if isinstance(item, dict) else ()
                except (ValidationError, ValueError):
                    continue
                if valid["code"] not in seen:
                    seen.add(valid["code"])
                    kept.append(valid)
            cleaned = kept or default_documents()
        if cleaned != call.required_documents:
            Call.objects.filter(pk=call.pk).update(required_documents=cleaned)


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]
    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]

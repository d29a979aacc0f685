"""Uploaded files are never served by a public URL, in any setting (DEBUG included)."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse

from applications.models import Attachment
from tests.evaluation.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(catalogue, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    app = ApplicationFactory()
    att = Attachment(
        application=app, doc_code="plan", original_name="plan.pdf", content_type_detected="pdf",
        size=12, sha256="0" * 64,
    )  # fmt: skip
    att.file.save("plan.pdf", ContentFile(b"%PDF-1.4 top"), save=True)
    return att


@pytest.fixture
def debug_urlconf():
    """The URLconf as imported with DEBUG=True (patterns added under DEBUG are decided at import)."""
    import config.urls

    with override_settings(DEBUG=True):
        importlib.reload(config.urls)
        clear_url_caches()
        yield
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.parametrize("who", ["anonymous", "applicant", "staff"])
def test_media_path_of_a_real_attachment_is_404_with_debug(attachment, debug_urlconf, users, who):
    from accounts.enums import Role

    path = attachment.file.path
    assert path.endswith(attachment.file.name) and open(path, "rb").read() == b"%PDF-1.4 top"
    client = Client()
    user = {"applicant": attachment.application.applicant, "staff": users[Role.STAFF]}.get(who)
    if user is not None:
        client.force_login(user)
    response = client.get(f"/media/{attachment.file.name}")
    assert response.status_code == 404
    assert b"%PDF-1.4 top" not in b"".join(getattr(response, "streaming_content", [])) + (
        response.content if not response.streaming else b""
    )
    # The permission-checked view serves it to its owner.
    if who == "applicant":
        ok = client.get(reverse("applications:attachment", args=[attachment.application_id,
                                                                 attachment.pk]))  # fmt: skip
        assert ok.status_code == 200 and ok.content == b"%PDF-1.4 top"

"""REST API of applications: the same domain functions and permission names as the pages."""

from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.enums import Role
from applications.domain.attachments import add_attachments
from applications.domain.drafts import autosave_draft, create_draft, update_draft
from applications.domain.errors import ApplicationRefused, NotPermitted
from applications.domain.graph import load_application_graph
from applications.domain.submission import submit_application
from applications.domain.validation import application_queryset, validate_application
from applications.enums import ApplicationStatus
from applications.interfaces.serializers import (
    ApplicationOut,
    ApplicationSummaryOut,
    AttachmentOut,
    CreateIn,
    DraftIn,
    application_out,
    autosave_fields,
)
from applications.models import Application
from applications.rules import readable_applications
from config.params import id_param
from config.parsers import StrictJSONParser
from config.permissions import HasPerm
from programs.models import Call


def refused(exc: ApplicationRefused) -> Response:
    return Response(exc.as_dict(), status=exc.status)


def get_application(request, pk: int, perm: str, queryset=None) -> Application:
    """Fetch and check `perm`: another applicant's application is 404, other roles get 403."""
    app = get_object_or_404(queryset if queryset is not None else Application.objects, pk=pk)
    return check_application_perm(request, app, perm)


def get_application_graph(request, pk: int, perm: str) -> Application:
    """Like get_application, with everything validation and the detail read (one query on PG)."""
    app = load_application_graph(application_id=pk)
    if app is None:
        raise Http404
    return check_application_perm(request, app, perm)


def check_application_perm(request, app: Application, perm: str) -> Application:
    if not request.user.has_perm(perm, app):
        raise access_refused(request)
    return app


def access_refused(request) -> Exception:
    """404 for applicants (another's application is not revealed), 403 for other roles."""
    user = request.user
    if getattr(user, "role", None) == Role.APPLICANT or not user.is_authenticated:
        return Http404()
    return PermissionDenied()


class ApplicationListCreateApi(APIView):
    permission_classes = [
        HasPerm.of(get="applications.list_applications", post="applications.add_application")
    ]

    def get(self, request):
        qs = readable_applications(request.user, Application.objects.select_related("program"))
        if (call := id_param(request.query_params, "call", default=None)) is not None:
            qs = qs.filter(call_id=call)
        return Response(ApplicationSummaryOut(qs, many=True).data)

    def post(self, request):
        data = CreateIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        call = get_object_or_404(Call, pk=values.pop("call"))
        if not request.user.has_perm("programs.view_call", call):
            raise Http404
        try:
            app = create_draft(
                call=call, applicant=request.user, program=values.pop("program", None),
                data=values,
            )  # fmt: skip
        except ApplicationRefused as exc:
            return refused(exc)
        return Response(
            ApplicationOut(application_queryset().get(pk=app.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ApplicationDetailApi(APIView):
    permission_classes = [
        HasPerm.of(
            get="applications.view_application", patch="applications.change_application",
            object_perms={"GET": "applications.view_application",
                          "PATCH": "applications.change_application"},
        )
    ]  # fmt: skip

    def get(self, request, pk: int):
        app = get_application_graph(request, pk, "applications.view_application")
        return Response(application_out(app))

    def patch(self, request, pk: int):
        """Autosave: only the given keys change.

        A body of plain text fields (the autosave of the editor) is saved with one conditional
        UPDATE and answered with {id, status, updated_at, <saved fields>}. Any other body (numbers,
        dates, forms, nested lists, programme) goes through DraftIn and update_draft and is
        answered with the application summary.
        """
        user = request.user
        base_version = _base_version(request.data)
        fields = autosave_fields(request.data) if base_version is None else None
        # The rule is checked with the user as owner; autosave_draft's UPDATE only matches the row
        # if the application is really theirs, otherwise the checked path below answers 404/403.
        if fields is not None and user.has_perm(
            "applications.change_application", Application(pk=pk, applicant_id=user.pk)
        ):
            try:
                saved_at = autosave_draft(application_id=pk, user=user, fields=fields)
            except ApplicationRefused as exc:
                return refused(exc)
            except Application.DoesNotExist:
                pass  # not this user's application: refused below like any other change
            else:
                return Response(
                    {"id": pk, "status": ApplicationStatus.DRAFT.value,
                     "updated_at": timezone.localtime(saved_at).isoformat(), **fields}
                )  # fmt: skip
        app = get_application(request, pk, "applications.change_application")
        body = request.data
        if base_version is not None:
            body = {k: v for k, v in request.data.items() if k != "base_version"}
        data = DraftIn(data=body, partial=True)
        data.is_valid(raise_exception=True)
        try:
            app = update_draft(
                application=app, actor=request.user, data=data.validated_data,
                base_version=base_version,
            )  # fmt: skip
        except ApplicationRefused as exc:
            return refused(exc)
        except IntegrityError:
            return Response(
                {"code": "conflict", "message": "동시에 저장되었습니다. 다시 시도하십시오."},
                status=409,
            )
        return Response(ApplicationSummaryOut(app).data)


def _base_version(data) -> int | None:
    """The optional "base_version" of a co-edited draft's PATCH (edit_version it was based on)."""
    value = data.get("base_version") if isinstance(data, dict) else None
    if value is None or isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            {"base_version": ["정수여야 합니다. / Must be an integer."]}
        ) from None
    if not 0 <= number < 2**31:
        raise ValidationError({"base_version": ["범위를 벗어났습니다. / Out of range."]})
    return number


class ApplicationValidationApi(APIView):
    permission_classes = [
        HasPerm.of(get="applications.view_application",
                   object_perms={"GET": "applications.view_application"})
    ]  # fmt: skip

    def get(self, request, pk: int):
        app = get_application_graph(request, pk, "applications.view_application")
        problems = validate_application(app)
        return Response(
            {
                "valid": not problems,
                "problems": [
                    {"code": p.code, "field": p.field, "message": p.message,
                     "message_ko": p.message_ko, "message_en": p.message_en}
                    for p in problems
                ],
            }
        )  # fmt: skip


class ApplicationAttachmentsApi(APIView):
    parser_classes = [MultiPartParser, FormParser]
    permission_classes = [
        HasPerm.of(post="applications.change_application",
                   object_perms={"POST": "applications.change_application"})
    ]  # fmt: skip

    def post(self, request, pk: int):
        app = get_application(
            request,
            pk,
            "applications.change_application",
            Application.objects.select_related("call"),
        )
        files = request.FILES.getlist("files") or request.FILES.getlist("file")
        try:
            created = add_attachments(
                application=app, actor=request.user,
                doc_code=request.data.get("doc_code", ""), files=files,
            )  # fmt: skip
        except ApplicationRefused as exc:
            return refused(exc)
        return Response(AttachmentOut(created, many=True).data, status=status.HTTP_201_CREATED)


class ApplicationSubmitApi(APIView):
    parser_classes = [StrictJSONParser, FormParser]
    permission_classes = [
        HasPerm.of(post="applications.submit_application",
                   object_perms={"POST": "applications.submit_application"})
    ]  # fmt: skip

    def post(self, request, pk: int):
        # The permission is checked by submit_application on the row it locks (one statement
        # less than fetching the row here first); a refusal is answered like get_application's.
        try:
            receipt = submit_application(
                application_id=pk, actor=request.user,
                idempotency_key=request.headers.get("Idempotency-Key", ""),
            )  # fmt: skip
        except Application.DoesNotExist:
            raise Http404 from None
        except NotPermitted:
            raise access_refused(request) from None
        except ApplicationRefused as exc:
            return refused(exc)
        return Response(receipt.as_dict())

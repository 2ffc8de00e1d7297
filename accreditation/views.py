"""Uploading the document of an application: ``POST /accreditation/documents/``.

The GraphQL endpoint takes JSON only (no multipart requests: cms/graphql/views.py),
so a file comes here first, as ``multipart/form-data`` with one field ``file``,
signed in (the session cookie) and with the CSRF token in ``X-CSRFToken``, as for
mutations. The answer, 201 ``{"id", "name", "size", "contentType"}``, gives the id
that ``applyForAccreditation(input: {documentId})`` takes. Refusals are JSON with
``errors[0].extensions.code``, as the API's."""

from __future__ import annotations

import datetime
import os

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from cms.graphql.views import csrf_failure_reason

from .models import AccreditationDocument

# The first bytes of the formats accepted: PDF, JPEG, PNG.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}
UPLOADS_PER_DAY = 20


def refusal(status: int, code: str, message: str, **extensions) -> JsonResponse:
    response = JsonResponse(
        {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]},
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def sniff(file) -> str | None:
    head = file.read(16)
    file.seek(0)
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


@csrf_exempt  # checked below, answered in JSON like the API's CSRF_FAILED
def upload_document(request):
    if request.method != "POST":
        response = refusal(405, "METHOD_NOT_ALLOWED", _("Send the document with POST."))
        response["Allow"] = "POST"
        return response
    if csrf_failure_reason(request) is not None:
        return refusal(
            403,
            "CSRF_FAILED",
            _(
                "The CSRF check failed: send the token from the csrfToken query in "
                "the X-CSRFToken header, with cookies."
            ),
        )
    user = request.user
    if not user.is_authenticated:
        return refusal(401, "NOT_AUTHENTICATED", _("Sign in to upload a document."))
    file = request.FILES.get("file")
    if file is None:
        return refusal(
            400,
            "BAD_REQUEST",
            _("Send the document as multipart/form-data in the field file."),
            parameter="file",
        )
    limit = settings.ACCREDITATION_DOCUMENT_MAX_BYTES
    if file.size > limit:
        return refusal(
            413,
            "DOCUMENT_TOO_LARGE",
            _("The document is larger than %(max)d bytes.") % {"max": limit},
            limit=limit,
        )
    content_type = sniff(file)
    if content_type is None:
        return refusal(
            415,
            "UNSUPPORTED_DOCUMENT_TYPE",
            _("Send the document as a PDF, JPEG or PNG file."),
        )
    since = timezone.now() - datetime.timedelta(days=1)
    if user.accreditation_documents.filter(uploaded_at__gte=since).count() >= (
        UPLOADS_PER_DAY
    ):
        return refusal(
            429,
            "RATE_LIMITED",
            _("Too many documents uploaded today: try again tomorrow."),
            retryAfter=86400,
        )
    name = os.path.basename(file.name or "document")[:255]
    document = AccreditationDocument.objects.create(
        user=user, file=file, name=name, content_type=content_type, size=file.size
    )
    response = JsonResponse(
        {
            "id": str(document.pk),
            "name": document.name,
            "size": document.size,
            "contentType": content_type,
        },
        status=201,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def serve_document(request, document_id):
    """For the media office in the admin (the URL is registered there, behind
    its sign-in): the file as an attachment, never rendered by the browser."""
    if not request.user.has_perm("accreditation.view_accreditation"):
        raise Http404
    document = get_object_or_404(AccreditationDocument, pk=document_id)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

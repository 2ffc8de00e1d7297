"""Accreditation from application to expiry (issue 15): the journalist uploads a
document and applies through the API, the media office decides in the admin, the
journalist is e-mailed in their language (read from a real SMTP server), every
decision is logged, and the accreditation ends with the press card or a
revocation, taking embargoed releases away with it."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone

from accreditation.models import Accreditation, AccreditationDecision
from editorial import roles
from tests.editorial.conftest import make_member
from tests.embargo.conftest import (
    LIFT,
    accredit,
    graphql,
    make_user,
    publish_under_embargo,
)
from tests.factories import create_release

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
APPLY = """mutation Apply($input: AccreditationInput!) {
  applyForAccreditation(input: $input) {
    accreditation { status mediaOutlet pressCardExpiresOn documentName }
  }
}"""
MINE = """{ myAccreditation { status reason pressCardExpiresOn
  embargoAlertTopics decidedAt } }"""


def csrf_client(user=None) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    token = graphql(client, "{ csrfToken }")["csrfToken"]
    return client, token


def upload(client: Client, token: str | None, content: bytes, name="card.pdf"):
    extra = {"HTTP_X_CSRFTOKEN": token} if token else {}
    return client.post(
        "/accreditation/documents/",
        {"file": SimpleUploadedFile(name, content)},
        **extra,
    )


def mutate(client: Client, token: str, query: str, variables: dict) -> dict:
    response = client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200, response.content[:2000]
    return response.json()


def codes(answer: dict) -> list[str]:
    return [error["extensions"]["code"] for error in answer.get("errors", [])]


def application(document_id: str, expires: datetime.date | None = None) -> dict:
    expires = expires or timezone.localdate() + datetime.timedelta(days=30)
    return {
        "input": {
            "mediaOutlet": "Radio Lac",
            "role": "Correspondante",
            "pressCardNumber": "FR-12345",
            "pressCardExpiresOn": expires.isoformat(),
            "documentId": document_id,
        }
    }


def test_uploads_are_refused_with_codes(db):
    journalist = make_user("upload@press.example")
    anonymous, token = csrf_client()
    assert upload(anonymous, token, PDF).json()["errors"][0]["extensions"] == {
        "code": "NOT_AUTHENTICATED"
    }
    client, token = csrf_client(journalist)
    refused = upload(client, None, PDF)
    assert refused.status_code == 403
    assert codes(refused.json()) == ["CSRF_FAILED"]
    wrong = upload(client, token, b"MZ\x90\x00 not a document", name="card.pdf")
    assert (wrong.status_code, codes(wrong.json())) == (
        415,
        ["UNSUPPORTED_DOCUMENT_TYPE"],
    )
    with override_settings(ACCREDITATION_DOCUMENT_MAX_BYTES=len(PDF) - 1):
        large = upload(client, token, PDF)
    assert (large.status_code, codes(large.json())) == (413, ["DOCUMENT_TOO_LARGE"])
    assert client.get("/accreditation/documents/").status_code == 405
    assert not journalist.accreditation_documents.exists()


def test_documents_are_private_files(db):
    journalist = make_user("private@press.example")
    client, token = csrf_client(journalist)
    answer = upload(client, token, PDF, name="../../carte de presse.pdf")
    assert answer.status_code == 201, answer.content
    document = journalist.accreditation_documents.get()
    assert answer.json() == {
        "id": str(document.pk),
        "name": "carte de presse.pdf",
        "size": len(PDF),
        "contentType": "application/pdf",
    }
    stored = Path(document.file.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve() / "accr")
    assert "carte" not in stored.name
    assert stored.read_bytes() == PDF
    # Not on the public media path, and the admin's link needs the permission.
    url = f"/admin/accreditations/document/{document.pk}/"
    assert client.get(url).status_code in (302, 404)


def test_application_errors(db, clock):
    journalist = make_user("errors@press.example")
    other = make_user("other@press.example")
    client, token = csrf_client(journalist)
    theirs, their_token = csrf_client(other)
    their_document = upload(theirs, their_token, PDF).json()["id"]
    mine = upload(client, token, PDF).json()["id"]

    anonymous, anonymous_token = csrf_client()
    assert codes(mutate(anonymous, anonymous_token, APPLY, application(mine))) == [
        "NOT_AUTHENTICATED"
    ]
    assert codes(mutate(client, token, APPLY, application(their_document))) == [
        "UNKNOWN_DOCUMENT"
    ]
    assert codes(mutate(client, token, APPLY, application("not-a-uuid"))) == [
        "UNKNOWN_DOCUMENT"
    ]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    expired = mutate(client, token, APPLY, application(mine, yesterday))
    assert codes(expired) == ["INVALID_ARGUMENT"]
    assert expired["errors"][0]["extensions"]["reason"] == "PRESS_CARD_EXPIRED"
    blank = application(mine)
    blank["input"]["mediaOutlet"] = "   "
    assert codes(mutate(client, token, APPLY, blank)) == ["INVALID_ARGUMENT"]
    unknown = application(mine)
    unknown["input"]["embargoAlertTopics"] = ["no-such-topic"]
    assert codes(mutate(client, token, APPLY, unknown)) == ["UNKNOWN_TOPIC"]
    assert not Accreditation.objects.exists()

    first = mutate(client, token, APPLY, application(mine))
    assert not first.get("errors"), first
    assert first["data"]["applyForAccreditation"]["accreditation"] == {
        "status": "PENDING",
        "mediaOutlet": "Radio Lac",
        "pressCardExpiresOn": (
            timezone.localdate() + datetime.timedelta(days=30)
        ).isoformat(),
        "documentName": "card.pdf",
    }
    again = mutate(client, token, APPLY, application(mine))
    assert codes(again) == ["ACCREDITATION_PENDING"]
    assert Accreditation.objects.count() == 1
    assert codes(mutate(anonymous, anonymous_token, MINE, {})) == ["NOT_AUTHENTICATED"]


def decide(client: Client, accreditation, action: str, reason: str = ""):
    return client.post(
        f"/admin/accreditations/review/{accreditation.pk}/",
        {"action": action, "reason": reason},
    )


def test_from_application_to_expiry(
    db, clock, smtp_server, django_capture_on_commit_callbacks
):
    journalist = make_user("amelie@radio.example", language="fr")
    client, token = csrf_client(journalist)
    document_id = upload(client, token, PDF).json()["id"]
    card_expires = timezone.localdate() + datetime.timedelta(days=3)
    mutate(client, token, APPLY, application(document_id, card_expires))
    accreditation = Accreditation.objects.get(user=journalist)

    release = publish_under_embargo(
        create_release(title="Embargoed for the queue", publish=False),
        timezone.now() + datetime.timedelta(days=10),
    )
    query = "query($id: ID!) { page(id: $id) { id } }"

    def sees_release() -> bool:
        return graphql(client, query, {"id": str(release.pk)})["page"] is not None

    assert graphql(client, MINE)["myAccreditation"]["status"] == "PENDING"
    assert not sees_release()

    # The queue: the media office sees it, filtered; an editor does not.
    office = make_member(roles.MEDIA_OFFICE, "office@example.org")
    editor = make_member(roles.EDITORS, "editor@example.org")
    admin = Client()
    admin.force_login(office)
    queue = admin.get("/admin/accreditations/", {"status": "pending"})
    assert queue.status_code == 200
    assert "amelie@radio.example" in queue.content.decode()
    approved_only = admin.get("/admin/accreditations/", {"status": "approved"})
    assert "amelie@radio.example" not in approved_only.content.decode()
    review = admin.get(f"/admin/accreditations/review/{accreditation.pk}/")
    assert review.status_code == 200 and "FR-12345" in review.content.decode()
    document = admin.get(f"/admin/accreditations/document/{document_id}/")
    assert b"".join(document.streaming_content) == PDF
    assert document["Content-Disposition"].startswith("attachment")
    outsider = Client()
    outsider.force_login(editor)
    assert decide(outsider, accreditation, "approved").status_code in (302, 403)
    assert outsider.get(
        f"/admin/accreditations/document/{document_id}/"
    ).status_code in (
        302,
        404,
    )
    accreditation.refresh_from_db()
    assert accreditation.status == "pending"

    # Rejecting needs a reason; nothing changes without one.
    form = decide(admin, accreditation, "rejected")
    assert form.status_code == 200
    accreditation.refresh_from_db()
    assert accreditation.status == "pending"

    with django_capture_on_commit_callbacks(execute=True):
        assert decide(admin, accreditation, "approved").status_code == 302
    mail = smtp_server.last_to("amelie@radio.example")
    assert mail.subject == "Votre accréditation est approuvée"
    assert "Radio Lac" in mail.text and "Radio Lac" in mail.html
    mine = graphql(client, MINE)["myAccreditation"]
    assert mine["status"] == "APPROVED" and mine["decidedAt"]
    assert sees_release()

    log = list(AccreditationDecision.objects.filter(accreditation=accreditation))
    assert [(d.action, d.actor, d.at) for d in log] == [
        ("submitted", journalist, timezone.now()),
        ("approved", office, timezone.now()),
    ]

    # A second decision on a decided application is refused, not applied.
    decide(admin, accreditation, "rejected", "Too late")
    accreditation.refresh_from_db()
    assert accreditation.status == "approved"

    # The press card expires: the accreditation with it, without anyone acting.
    clock.tick(datetime.timedelta(days=3))
    assert graphql(client, MINE)["myAccreditation"]["status"] == "APPROVED"
    clock.tick(datetime.timedelta(days=1))
    assert graphql(client, MINE)["myAccreditation"]["status"] == "EXPIRED"
    assert not sees_release()
    assert len(smtp_server.to("amelie@radio.example")) == 1


def test_revocation(db, clock, smtp_server, django_capture_on_commit_callbacks):
    journalist = make_user("revoked@press.example")
    accreditation = accredit(journalist)
    client = Client()
    client.force_login(journalist)
    release = publish_under_embargo(
        create_release(title="Embargoed for revocation", publish=False),
        timezone.now() + LIFT,
    )
    query = "query($id: ID!) { page(id: $id) { id } }"
    assert graphql(client, query, {"id": str(release.pk)})["page"]

    admin = Client()
    office = make_member(roles.MEDIA_OFFICE, "office2@example.org")
    admin.force_login(office)
    assert decide(admin, accreditation, "revoked").status_code == 200  # no reason
    with django_capture_on_commit_callbacks(execute=True):
        decide(admin, accreditation, "revoked", "Published before the lift.")
    mail = smtp_server.last_to("revoked@press.example")
    assert mail.subject == "Your accreditation has been revoked"
    assert "Published before the lift." in mail.text
    mine = graphql(client, MINE)["myAccreditation"]
    assert (mine["status"], mine["reason"]) == ("REVOKED", "Published before the lift.")
    assert graphql(client, query, {"id": str(release.pk)})["page"] is None
    decision = AccreditationDecision.objects.get(action="revoked")
    assert (decision.actor, decision.reason) == (office, "Published before the lift.")

"""The media office's side: the queue (a Wagtail ModelViewSet with filters) and the
review page, where the documents are read and decisions taken with their reason."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from .decisions import DecisionNotAllowed, decide
from .models import Accreditation, AccreditationDecision

Action = AccreditationDecision.Action


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Action.APPROVED, _("Approve")),
            (Action.REJECTED, _("Reject")),
            (Action.REVOKED, _("Revoke")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the journalist. Required to reject or revoke."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("action") in (Action.REJECTED, Action.REVOKED)
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Say why: the journalist is told."))
        return data


def _may_review(user) -> bool:
    return user.is_active and user.has_perm("accreditation.review_accreditation")


@user_passes_test(lambda user: user.has_perm("accreditation.view_accreditation"))
def review(request, pk: int):
    accreditation = get_object_or_404(
        Accreditation.objects.select_related("user", "document", "decided_by"), pk=pk
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not _may_review(request.user):
            raise PermissionDenied
        if form.is_valid():
            action = form.cleaned_data["action"]
            try:
                decide(
                    accreditation,
                    action,
                    request.user,
                    form.cleaned_data["reason"].strip(),
                )
            except DecisionNotAllowed:
                messages.error(
                    request,
                    _("This accreditation is no longer in a state for that decision."),
                )
            else:
                messages.success(
                    request,
                    _("Decision recorded: %(action)s. The journalist is e-mailed.")
                    % {"action": Action(action).label},
                )
            return redirect("accreditation_review", pk=accreditation.pk)
    return TemplateResponse(
        request,
        "accreditation/admin/review.html",
        {
            "accreditation": accreditation,
            "decisions": accreditation.decisions.select_related("actor"),
            "form": form,
            "may_review": _may_review(request.user),
            "status": accreditation.get_current_status_display(),
        },
    )

"""Who may download the broadcast master: the media office adds accounts to the
Broadcasters group, and removes them, here (Settings → Broadcasters).

Only that group: editing users or groups in Wagtail's own views would let whoever
may do it give any group (Administrators too), so the media office gets this page
instead, with its own permission (``videos.grant_master_download``)."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem

from .roles import BROADCASTERS

logger = logging.getLogger(__name__)
PERMISSION = "videos.grant_master_download"


def broadcasters(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    group, _created = Group.objects.get_or_create(name=BROADCASTERS)
    if request.method == "POST":
        _change(request, group)
        return redirect("editorial_broadcasters")
    members = group.user_set.order_by("email")
    return TemplateResponse(
        request, "editorial/broadcasters.html", {"members": members}
    )


def _change(request, group: Group) -> None:
    User = get_user_model()
    if "remove" in request.POST:
        user = group.user_set.filter(pk=request.POST["remove"]).first()
        if user is not None:
            group.user_set.remove(user)
            logger.info("%s removed %s from %s", request.user, user, BROADCASTERS)
            messages.success(
                request,
                _("%(email)s may no longer download masters.") % {"email": user.email},
            )
        return
    email = request.POST.get("email", "").strip()
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if not email or user is None:
        messages.error(
            request,
            _("There is no active account with the e-mail address %(email)s.")
            % {"email": email or "-"},
        )
        return
    group.user_set.add(user)
    logger.info("%s added %s to %s", request.user, user, BROADCASTERS)
    messages.success(
        request, _("%(email)s may now download masters.") % {"email": user.email}
    )


class BroadcastersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


def broadcasters_menu_item() -> MenuItem:
    return BroadcastersMenuItem(
        gettext_lazy("Broadcasters"),
        reverse("editorial_broadcasters"),
        name="broadcasters",
        icon_name="media",
        order=900,
    )

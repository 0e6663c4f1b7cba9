"""The reject actions' intermediate page, shared by events and their pending changes."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class RejectForm(forms.Form):
    """The reason for a rejection, which the submitter is told."""

    reason = forms.CharField(
        label=_("Reason (the submitter sees it)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


def reject_with_reason(model_admin, request, queryset, reject_one, action):
    """The intermediate page of a reject action: ask for the reason, then reject each.

    ``reject_one(obj, reason)`` rejects one row of ``queryset``; ``action`` is the action's
    name, posted again with the reason. Returns the page (a ``TemplateResponse``) until a
    valid reason is posted, then ``None`` after a success message, as an admin action does.
    """
    form = RejectForm(request.POST if "reason" in request.POST else None)
    if form.is_bound and form.is_valid():
        rows = list(queryset)
        for obj in rows:
            reject_one(obj, form.cleaned_data["reason"])
        model_admin.message_user(
            request,
            ngettext("%(count)d rejected.", "%(count)d rejected.", len(rows))
            % {"count": len(rows)},
            messages.SUCCESS,
        )
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Reject"),
        "objects": queryset,
        "form": form,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "admin/events/reject.html", context)

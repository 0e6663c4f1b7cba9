"""The list actions that decide (approve, reject), shared by events and their pending
changes: each row is decided on the version the list showed (the hidden ``version-<pk>``
inputs of the list's "review" column), and the reject actions' intermediate page asks for
the reason."""

from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import moderation


class RejectForm(forms.Form):
    """The reason for a rejection, which the submitter is told."""

    reason = forms.CharField(
        label=_("Reason (the submitter sees it)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


def shown_version(request, obj, name="version"):
    """The version of ``obj`` the list (or the reject page) showed (the ``<name>-<pk>``
    input), or None when it showed none (a row on another page of a "select all across
    pages")."""
    value = request.POST.get(f"{name}-{obj.pk}", "")
    return int(value) if value.isascii() and value.isdigit() else None


def _decide_each(model_admin, request, rows, decide_one, message):
    done = changed = refused = 0
    for obj in rows:
        try:
            done += bool(decide_one(obj, shown_version(request, obj)))
        except moderation.ContentChanged:
            changed += 1
        except moderation.NotSubmitted:
            refused += 1
    if done:
        model_admin.message_user(request, message(done) % {"count": done}, messages.SUCCESS)
    if refused:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d was not decided: only an event awaiting review can be approved "
                "or rejected.",
                "%(count)d were not decided: only events awaiting review can be approved "
                "or rejected.",
                refused,
            )
            % {"count": refused},
            messages.WARNING,
        )
    if changed:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d was not decided: the content has changed since you opened the "
                "list (or it was not shown). Open it to read it again.",
                "%(count)d were not decided: the content has changed since you opened the "
                "list (or they were not shown). Open them to read them again.",
                changed,
            )
            % {"count": changed},
            messages.WARNING,
        )


def decide_shown(model_admin, request, queryset, decide_one, message):
    """Decide each row of ``queryset`` on the version the list showed:
    ``decide_one(obj, version)`` (which raises ``moderation.ContentChanged`` for a row saved
    again since); ``message(n)`` is the success message for ``n`` rows (with
    ``%(count)d``). Returns None, as an admin action does."""
    _decide_each(model_admin, request, list(queryset), decide_one, message)


def reject_with_reason(model_admin, request, queryset, reject_one, action):
    """The intermediate page of a reject action: ask for the reason, then reject each.

    ``reject_one(obj, reason, version)`` rejects one row of ``queryset`` as the list showed
    it; ``action`` is the action's name, posted again with the reason and the versions.
    Returns the page (a ``TemplateResponse``) until a valid reason is posted, then ``None``
    after the messages, as an admin action does.
    """
    form = RejectForm(request.POST if "reason" in request.POST else None)
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        _decide_each(
            model_admin,
            request,
            list(queryset),
            lambda obj, version: reject_one(obj, reason, version),
            lambda n: ngettext("%(count)d rejected.", "%(count)d rejected.", n),
        )
        return None
    objects = [(obj, shown_version(request, obj)) for obj in queryset]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Reject"),
        "objects": objects,
        "form": form,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "admin/events/reject.html", context)

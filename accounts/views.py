"""The public "request access" form (/konto/adgang/), limited per client address."""

import logging

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.generic import FormView, TemplateView

from core.clients import client_ip

from . import limits
from .access_requests import notify_secretariat
from .forms import AccessRequestForm

logger = logging.getLogger(__name__)


def _key(request):
    return f"access-request:{client_ip(request)}"


class AccessRequestView(FormView):
    """The public form. Over the per-address limit: 429 and nothing saved; a filled-in
    honeypot: the thanks page and nothing saved."""

    template_name = "accounts/access_request_form.html"
    form_class = AccessRequestForm

    def post(self, request, *args, **kwargs):
        if limits.reached(_key(request), settings.ACCESS_REQUEST_RATE_LIMIT):
            return render(request, "accounts/access_request_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        limits.count(_key(self.request))
        if form.is_spam:
            logger.info("Access request honeypot filled in; nothing saved.")
            return redirect("accounts:access_request_done")
        access_request = form.save()
        transaction.on_commit(lambda: notify_secretariat(access_request.pk))
        return redirect("accounts:access_request_done")

    def form_invalid(self, form):
        if form.is_spam:
            limits.count(_key(self.request))
            return redirect("accounts:access_request_done")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AccessRequestDoneView(TemplateView):
    """The thanks page after a request (also shown to a robot that filled in the honeypot)."""

    template_name = "accounts/access_request_done.html"

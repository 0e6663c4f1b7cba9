"""The public "request access" form (/konto/adgang/), limited per client address."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.generic import FormView, TemplateView

from .access_requests import notify_secretariat
from .clients import client_ip
from .forms import AccessRequestForm

logger = logging.getLogger(__name__)

RATE_LIMIT_WINDOW = 60 * 60  # seconds


def _over_rate_limit(request):
    key = f"access-request:{client_ip(request)}"
    return cache.get(key, 0) >= settings.ACCESS_REQUEST_RATE_LIMIT


def _count_request(request):
    key = f"access-request:{client_ip(request)}"
    if not cache.add(key, 1, RATE_LIMIT_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, RATE_LIMIT_WINDOW)


class AccessRequestView(FormView):
    """The public form. Over the per-address limit: 429 and nothing saved; a filled-in
    honeypot: the thanks page and nothing saved."""

    template_name = "accounts/access_request_form.html"
    form_class = AccessRequestForm

    def post(self, request, *args, **kwargs):
        if _over_rate_limit(request):
            return render(request, "accounts/access_request_limited.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        _count_request(self.request)
        if form.is_spam:
            logger.info("Access request honeypot filled in; nothing saved.")
            return redirect("accounts:access_request_done")
        access_request = form.save()
        transaction.on_commit(lambda: notify_secretariat(access_request.pk))
        return redirect("accounts:access_request_done")

    def form_invalid(self, form):
        if form.is_spam:
            _count_request(self.request)
            return redirect("accounts:access_request_done")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AccessRequestDoneView(TemplateView):
    """The thanks page after a request (also shown to a robot that filled in the honeypot)."""

    template_name = "accounts/access_request_done.html"

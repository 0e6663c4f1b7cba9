from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: login, password reset, invitations and access requests."""

    name = "accounts"
    verbose_name = _("Accounts")

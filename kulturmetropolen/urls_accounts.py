"""Account URLs under /konto/ beyond Django's login, logout and password reset."""

account_patterns = ([], "accounts")

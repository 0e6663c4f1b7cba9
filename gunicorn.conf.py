"""gunicorn's settings that must follow the site's own (gunicorn reads this file from the
project folder by default; the README's deploy command, `make bench`, `make loadtest` and
`make faults` also name it with ``--config gunicorn.conf.py``).

Forwarded headers: gunicorn sets the request's scheme from ``X-Forwarded-Proto`` (and its
kin) when the connection comes from ``forwarded_allow_ips``, by default loopback, even when no
proxy is in front. Then any local client could claim https. Here gunicorn trusts forwarded
headers only when the site is configured behind proxies (``TRUSTED_PROXY_COUNT`` above 0, by
default when ``BEHIND_PROXY`` is on; see core.clients), and then only from the addresses in
``FORWARDED_ALLOW_IPS`` (the proxies'; default loopback: a proxy on the same machine).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kulturmetropolen.settings import TRUSTED_PROXY_COUNT

forwarded_allow_ips = (
    os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1") if TRUSTED_PROXY_COUNT > 0 else ""
)

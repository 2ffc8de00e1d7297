"""How a webhook proves it comes from the CMS.

Each POST carries ``X-Portal-Signature: sha256=<hex>``, the HMAC-SHA256 of the raw
request body keyed with the endpoint's secret. A receiver recomputes it over the
bytes it received (before any JSON parsing), compares in constant time, and rejects
the request on a mismatch. ``X-Portal-Delivery`` is the same on every retry of a
delivery, so a receiver that already handled it can answer 2xx and do nothing.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Portal-Signature"
EVENT_HEADER = "X-Portal-Event"
DELIVERY_HEADER = "X-Portal-Delivery"
SIGNATURE_PREFIX = "sha256="


def sign(secret: str, body: bytes) -> str:
    """The ``X-Portal-Signature`` value for ``body``."""
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def verify(secret: str, body: bytes, signature: str | None) -> bool:
    """What a receiver does: recompute the signature and compare in constant time."""
    if not signature:
        return False
    return hmac.compare_digest(sign(secret, body), signature.strip())

"""On the worker's tick, zips past their time are deleted (one worker at a time)."""

from django.dispatch import receiver

from cms.models import Lease
from cms.scheduled_publishing import worker_tick

from .building import expire_zips

LEASE = "basket.expiry"


@receiver(worker_tick)
def zip_expiry(sender, holder: str, **kwargs):
    if not Lease.acquire(LEASE, holder, 600):
        return
    try:
        expire_zips()
    finally:
        Lease.release(LEASE, holder)

"""The client's address: the one place that reads ``X-Forwarded-For`` (or the header
named by ``CLIENT_IP_HEADER``, ``DJANGO_CLIENT_IP_HEADER``: e.g. ``X-Real-IP``,
``CF-Connecting-IP``, or RFC 7239's ``Forwarded``, whose ``for=`` values are read).

A request that reaches the app through a reverse proxy has the proxy as
``REMOTE_ADDR``; the proxy appends the address it saw to ``X-Forwarded-For``. That
header is believed only as far as it was written by proxies listed in
``TRUSTED_PROXIES`` (addresses or networks; ``DJANGO_TRUSTED_PROXIES``): the list is
read from the right, each hop a trusted proxy added, and the first address that is
not a trusted proxy is the client. Anything to its left was written by the client
and is ignored. With no trusted proxies the client is ``REMOTE_ADDR``.

Rate limits, django-axes (``AXES_CLIENT_IP_CALLABLE``) and persisted-query
registration all count by this address."""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks() -> tuple[IPNetwork, ...]:
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 192.0.2.1:47011
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _is_trusted(address, networks: tuple[IPNetwork, ...]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def header_name() -> str:
    return getattr(settings, "CLIENT_IP_HEADER", "") or "X-Forwarded-For"


def _hops(request) -> list[str]:
    """The addresses of the client-address header, left (client) to right (the
    last proxy). Proxies that append join every value with commas."""
    name = header_name()
    value = request.META.get("HTTP_" + name.upper().replace("-", "_"), "")
    if not value:
        return []
    hops = [hop.strip() for hop in value.split(",")]
    if name.lower() == "forwarded":  # for=192.0.2.1;proto=https, for="[2001:db8::1]"
        hops = [_forwarded_for(element) for element in hops]
    return hops


def _forwarded_for(element: str) -> str:
    for pair in element.split(";"):
        key, _sep, value = pair.strip().partition("=")
        if key.lower() == "for":
            return value.strip().strip('"')
    return ""


def client_ip(request) -> str:
    """The client's address as text, or "unknown" when there is none."""
    remote = _parse(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return "unknown"
    networks = trusted_networks()
    client = remote
    if networks and _is_trusted(remote, networks):
        for hop in reversed(_hops(request)):
            address = _parse(hop)
            if address is None:
                break  # garbage: keep the last address a trusted proxy vouched for
            client = address
            if not _is_trusted(address, networks):
                break
    return str(client)


def axes_client_ip(request) -> str | None:
    """For django-axes, which stores the address in an IP column: None when there
    is none (a request built in code, such as the test client's login)."""
    address = client_ip(request)
    return None if address == "unknown" else address


def rate_limit_identity(address: str) -> str:
    """What a per-client limit counts: the address, or for IPv6 its /64 network
    (one subscriber usually holds a whole /64 and can rotate through it)."""
    parsed = _parse(address)
    if parsed is not None and parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address

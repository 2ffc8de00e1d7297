"""An optional PostgreSQL read replica (``DATABASE_REPLICA_URL``).

A streaming replica lags the primary by a little, so only reads that cannot
notice are sent to it: those of a read-only request from the public (GET or
HEAD of a page, a GraphQL query that is not a mutation), outside the admin.
Everything else reads the primary: the admin and the editors, mutations (a
``register`` then ``login`` must find the account), the task worker, management
commands, and any read inside a transaction or after the request wrote. The
choice is per request, made by ``ReplicaRequestMiddleware``; outside a request
(workers, commands) the primary is used.

Migrations run on the primary only: the replica copies them."""

from __future__ import annotations

import contextvars
import json

REPLICA = "replica"
PRIMARY = "default"
PRIMARY_ONLY_PATHS = ("/admin", "/django-admin")
# Who is signed in is always read from the primary: a session or account written a
# moment ago may not have reached the replica yet.
PRIMARY_ONLY_APPS = {"sessions", "auth", "accounts", "axes"}

replica_allowed: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "replica_allowed", default=False
)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        from django.db import connections

        if not replica_allowed.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        # Read your writes: once this request writes, it reads the primary.
        replica_allowed.set(False)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def may_use_replica(request) -> bool:
    if request.path_info.startswith(PRIMARY_ONLY_PATHS):
        return False
    if request.method in ("GET", "HEAD"):
        return True
    if request.method == "POST" and request.path_info.rstrip("/") == "/graphql":
        from django.conf import settings

        from cms.graphql.documents import is_mutation

        size = int(request.META.get("CONTENT_LENGTH") or 0)
        if size > settings.GRAPHQL_MAX_REQUEST_BYTES:
            return False  # the view refuses it anyway
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, RecursionError):  # bad JSON or bad UTF-8; too deep
            return False
        if not isinstance(data, dict) or not isinstance(data.get("query"), str):
            return False  # persisted queries by hash alone: be careful
        return not is_mutation(data["query"], data.get("operationName"))
    return False


class ReplicaRequestMiddleware:
    """Added to MIDDLEWARE by the production settings when a replica is set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = replica_allowed.set(may_use_replica(request))
        try:
            return self.get_response(request)
        finally:
            replica_allowed.reset(token)

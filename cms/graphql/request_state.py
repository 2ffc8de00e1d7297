"""What the GraphQL layer learns about one request while answering it, in one typed
object (``GraphQLRequestState``) instead of attributes scattered on the request.

Resolvers reach it through ``info.context`` (the request): an app calls
``mark_private(info.context)`` when its answer depends on who asks; the view reads
the state once execution is over."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

ATTRIBUTE = "graphql_state"


@dataclass
class GraphQLRequestState:
    #: The answer depends on who asks (a preview, a signed-in user): it is never
    #: shared through the response cache or a CDN.
    private: bool = False


def state_of(request: HttpRequest) -> GraphQLRequestState:
    """The request's state, made on first use."""
    state = getattr(request, ATTRIBUTE, None)
    if state is None:
        state = GraphQLRequestState()
        setattr(request, ATTRIBUTE, state)
    return state


def mark_private(request: HttpRequest) -> None:
    """This answer depends on who asks (a preview, a signed-in user): never share
    it through the response cache or a CDN."""
    state_of(request).private = True

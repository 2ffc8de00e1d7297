"""Checks schemathesis applies to every answer of the fuzzing run (loaded through
SCHEMATHESIS_HOOKS by tests/fuzz/__main__.py).

Coded errors for bad arguments are the contract, so schemathesis's own "GraphQL
server error" check (any ``errors`` at all) is off; these two are what we promise:
no 5xx status, and no error coded INTERNAL_SERVER_ERROR (a resolver that crashed)."""

import schemathesis


@schemathesis.check
def no_server_error_status(ctx, response, case):
    if response.status_code >= 500:
        raise AssertionError(
            f"HTTP {response.status_code} for {case.body!r}: {response.text[:300]}"
        )


@schemathesis.check
def no_internal_server_error(ctx, response, case):
    if "INTERNAL_SERVER_ERROR" in (response.text or ""):
        raise AssertionError(
            f"INTERNAL_SERVER_ERROR for {case.body!r}: {response.text[:300]}"
        )

"""Fuzz the GraphQL API with schemathesis: ``make fuzz`` (and .ci/run).

Starts the CMS on loopback with the demo content (tests/live.py), once with DEBUG
off and the response cache on (as production runs) and once with DEBUG on (as
``make run`` does), and lets schemathesis generate queries and mutations from the
committed schema.graphql. Mutations carry a CSRF cookie and header, so they run.
The run is bounded (FUZZ_EXAMPLES cases per operation, FUZZ_SECONDS at most per
mode) and reproducible (FUZZ_SEED). Exit status: schemathesis's, 0 when no answer
had a 5xx status or an INTERNAL_SERVER_ERROR."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.live import ROOT, running_cms

EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "30")
SECONDS = os.environ.get("FUZZ_SECONDS", "150")
SEED = os.environ.get("FUZZ_SEED", "20261130")


def fuzz(base_url: str, report: Path) -> int:
    token = secrets.token_hex(16)  # 32 characters: Django's unmasked CSRF secret
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        str(ROOT / "schema.graphql"),
        "--url",
        f"{base_url}/graphql/",
        "--phases",
        "fuzzing",
        "--max-examples",
        EXAMPLES,
        "--max-time",
        SECONDS,
        "--seed",
        SEED,
        "--workers",
        "1",
        # Coded errors for bad arguments are the contract: schemathesis's own
        # "any error is a failure" checks are off; tests/fuzz/checks.py has ours.
        "--exclude-checks",
        "not_a_server_error,positive_data_acceptance,negative_data_rejection",
        "--generation-database",
        "none",
        "--no-color",
        "--header",
        f"Cookie: csrftoken={token}",
        "--header",
        f"X-CSRFToken: {token}",
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
    ]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "tests.fuzz.checks",
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(command, cwd=ROOT, env=env).returncode


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="portal-fuzz-"))
    status = 0
    for debug in (False, True):
        mode = "DEBUG on" if debug else "DEBUG off, response cache on"
        print(f"== Fuzzing the GraphQL API ({mode}) ==", flush=True)
        with running_cms(folder, debug=debug, cache=not debug) as base_url:
            name = "debug" if debug else "production"
            status = fuzz(base_url, folder / f"fuzz-{name}.xml") or status
    return status


if __name__ == "__main__":
    sys.exit(main())

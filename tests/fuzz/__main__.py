"""Fuzz the GraphQL API with schemathesis: ``make fuzz`` (and .ci/run).

Starts the CMS on loopback with the content the Node client tests read (the demo
content, a translated release, two videos: tests/clients/site.py), once with
DEBUG off (as production runs) and once with DEBUG on (as ``make run`` does),
the response cache on in both (tests/clients/settings.py), and lets schemathesis
generate queries and mutations from the committed schema.graphql. Mutations carry
a CSRF cookie and header, so they run.
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

from tests import live

EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "30")
SECONDS = os.environ.get("FUZZ_SECONDS", "150")
SEED = os.environ.get("FUZZ_SEED", "20261130")


def fuzz(base_url: str, report: Path) -> int:
    token = secrets.token_hex(16)  # 32 characters: Django's unmasked CSRF secret
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        str(live.ROOT / "schema.graphql"),
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
        "PYTHONPATH": str(live.ROOT),
    }
    return subprocess.run(command, cwd=live.ROOT, env=env).returncode


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="portal-fuzz-"))
    env = live.site_env(folder, "tests.clients.settings")
    live.prepare("tests.clients.site", env)
    status = 0
    for debug in (False, True):
        name = "debug" if debug else "production"
        print(f"== Fuzzing the GraphQL API ({name}) ==", flush=True)
        server_env = {**env, "CLIENTS_DEBUG": "1" if debug else "0"}
        with live.runserver(server_env, folder / f"server-{name}.log") as base_url:
            status = fuzz(base_url, folder / f"fuzz-{name}.xml") or status
    return status


if __name__ == "__main__":
    sys.exit(main())

"""The client side of a load run: the GraphQL queries of the mix, a plain HTTP
request helper, and the load generator run by bench/load.py as its own process
(``python -m bench.loadgen``), so its work does not slow the orchestrator's
freshness checks and vice versa.

The generator is closed-loop: each of ``--concurrency`` threads sends a request,
reads the whole answer, records its latency and sends the next, until the time is
up. Connections are not reused (gunicorn's sync workers close them)."""

from __future__ import annotations

import argparse
import http.client
import json
import random
import resource
import sys
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode

RELEASE_FIELDS = """
      title slug date summary url locale
      translations { locale url }
      people { role person { name slug } }
      topics { name slug }
      heroImage { srcSet(sizes: [320, 640], format: "webp") }"""

LISTING = (
    """query Listing($locale: LanguageCode, $topic: String, $perPage: Int) {
  pressReleases(locale: $locale, topic: $topic, perPage: $perPage) {
    items {%s
    }
    pagination { total totalPages }
  }
}"""
    % RELEASE_FIELDS
)

RELEASE = (
    """query Release($slug: String!, $locale: LanguageCode) {
  pressRelease(slug: $slug, locale: $locale) {%s
      body { __typename ... on RichTextBlock { value } }
  }
}"""
    % RELEASE_FIELDS
)

PEOPLE = """query People($locale: LanguageCode) {
  people(locale: $locale) { name slug positions { title startDate endDate } }
}"""

TOPICS = """query Topics($locale: LanguageCode) {
  topics(locale: $locale) { name slug parent { slug } }
}"""


@dataclass(frozen=True)
class Call:
    name: str
    method: str
    query: str
    variables: dict

    def encode(self) -> tuple[str, bytes | None]:
        """(path, body) for this call."""
        variables = json.dumps(self.variables, separators=(",", ":"))
        if self.method == "GET":
            params = urlencode({"query": self.query, "variables": variables})
            return f"/graphql/?{params}", None
        body = json.dumps({"query": self.query, "variables": self.variables})
        return "/graphql/", body.encode()


def listing(locale: str, method: str, topic: str | None = None) -> Call:
    variables = {"locale": locale, "perPage": 10}
    name = f"listing {locale}"
    if topic:
        variables["topic"] = topic
        name += f" topic={topic}"
    return Call(f"{name} {method}", method, LISTING, variables)


# (weight, call): listings are what a frontend asks for most.
MIX = [
    (4, listing("en", "POST")),
    (4, listing("en", "GET")),
    (2, listing("fr", "POST")),
    (2, listing("fr", "GET")),
    (1, listing("en", "GET", topic="bench-security")),
    (1, listing("fr", "POST", topic="kfor")),
    (
        1,
        Call(
            "release en GET",
            "GET",
            RELEASE,
            {"slug": "bench-release-3", "locale": "en"},
        ),
    ),
    (
        1,
        Call(
            "release fr POST",
            "POST",
            RELEASE,
            {"slug": "communique-banc-3", "locale": "fr"},
        ),
    ),
    (1, Call("people en GET", "GET", PEOPLE, {"locale": "en"})),
    (1, Call("people fr POST", "POST", PEOPLE, {"locale": "fr"})),
    (1, Call("topics en POST", "POST", TOPICS, {"locale": "en"})),
    (1, Call("topics fr GET", "GET", TOPICS, {"locale": "fr"})),
]


@dataclass
class Answer:
    status: int
    body: bytes
    worker: str
    seconds: float
    problem: str | None  # None when the answer is a 200 with data and no errors
    cache: str = "?"  # X-Cache: HIT, STALE, MISS


def send(port: int, call: Call, timeout: float = 10.0, encoded=None) -> Answer:
    path, body = encoded or call.encode()
    headers = {"Host": f"127.0.0.1:{port}", "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(call.method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        status, worker = response.status, response.getheader("X-Bench-Worker", "?")
        cache = response.getheader("X-Cache", "?")
    except (OSError, http.client.HTTPException) as error:
        elapsed = time.perf_counter() - started
        return Answer(0, b"", "?", elapsed, f"{type(error).__name__}: {error}")
    finally:
        connection.close()
    elapsed = time.perf_counter() - started
    problem = None
    if status != 200:
        problem = f"HTTP {status}: {data[:200]!r}"
    else:
        try:
            answer = json.loads(data)
        except ValueError:
            problem = f"not JSON: {data[:200]!r}"
        else:
            if answer.get("errors") or not answer.get("data"):
                problem = f"GraphQL errors: {json.dumps(answer.get('errors'))[:300]}"
    return Answer(status, data, worker, elapsed, problem, cache)


def generate(port: int, seconds: float, concurrency: int, seed: int = 1) -> dict:
    weights = [weight for weight, _call in MIX]
    calls = [call for _weight, call in MIX]
    encoded = {call.name: call.encode() for call in calls}
    lock = threading.Lock()
    results: dict = {
        "latencies_ms": [],
        "requests": 0,
        "errors": 0,
        "error_samples": [],
        "by_call": {call.name: [] for call in calls},
        "workers": {},
        "cache": {},
    }
    started = time.perf_counter()
    deadline = started + seconds

    def client(number: int) -> None:
        chooser = random.Random(seed * 1000 + number)
        latencies, by_call, workers, errors, cache = [], {}, {}, [], {}
        while time.perf_counter() < deadline:
            call = chooser.choices(calls, weights)[0]
            answer = send(port, call, encoded=encoded[call.name])
            milliseconds = answer.seconds * 1000
            latencies.append(milliseconds)
            by_call.setdefault(call.name, []).append(milliseconds)
            workers[answer.worker] = workers.get(answer.worker, 0) + 1
            cache[answer.cache] = cache.get(answer.cache, 0) + 1
            if answer.problem:
                errors.append(f"{call.name}: {answer.problem}")
        with lock:
            results["latencies_ms"] += latencies
            results["requests"] += len(latencies)
            results["errors"] += len(errors)
            results["error_samples"] += errors[: 5 - len(results["error_samples"])]
            for name, values in by_call.items():
                results["by_call"][name] += values
            for worker, count in workers.items():
                results["workers"][worker] = results["workers"].get(worker, 0) + count
            for state, count in cache.items():
                results["cache"][state] = results["cache"].get(state, 0) + count

    threads = [
        threading.Thread(target=client, args=(n,), daemon=True)
        for n in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        # Every request times out after 10 s: a thread ends by then.
        thread.join(timeout=max(0.0, deadline - time.perf_counter()) + 15)
    results["seconds"] = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    results["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    results["unfinished_threads"] = sum(thread.is_alive() for thread in threads)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description="Load generator for bench/load.py.")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--out", required=True, help="where to write the JSON results")
    args = parser.parse_args()
    results = generate(args.port, args.seconds, args.concurrency)
    with open(args.out, "w") as out:
        json.dump(results, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""bench/search.py works at a small size; the search backend setting."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from bench import search as bench
from search.config import backend_params, search_backends


@pytest.mark.django_db
def test_the_benchmark_seeds_indexes_and_measures_a_small_archive(capsys):
    bench.seed(200, progress=lambda *args, **kwargs: None)
    samples = bench.measure(rounds=1)
    assert len(samples) == len(bench.QUERIES)
    totals = {query: total for (query, _code), (_times, total) in samples.items()}
    # Generated titles name these subjects: they are indexed and found.
    assert totals["KFOR"] > 0 and totals["cyber defence"] > 0
    bench.report(samples, "SQLite", 200)
    assert "p95 ms" in capsys.readouterr().out


def test_the_database_backend_is_the_default():
    backend = search_backends({})["default"]
    assert backend["BACKEND"] == "search.backends"
    assert backend["LOCALE_CONFIGS"] == {
        "en": "english_unaccent",
        "fr": "french_unaccent",
    }


def test_elasticsearch_and_opensearch_need_a_url():
    environ = {"SEARCH_BACKEND": "opensearch", "SEARCH_URL": "http://a:9200, http://b"}
    backend = search_backends(environ)["default"]
    assert backend["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert backend["URLS"] == ["http://a:9200", "http://b"]
    assert backend["INDEX"] == "portal"
    with pytest.raises(ImproperlyConfigured):
        search_backends({"SEARCH_BACKEND": "elasticsearch"})
    with pytest.raises(ImproperlyConfigured):
        search_backends({"SEARCH_BACKEND": "solr", "SEARCH_URL": "http://x"})


def test_the_settings_pass_the_environment_and_the_backend_reads_it():
    from django.conf import settings

    setting = settings.WAGTAILSEARCH_BACKENDS["default"]
    assert setting["BACKEND"] == "search.backends"
    path, params = backend_params(
        {
            "ENVIRONMENT": {"SEARCH_BACKEND": "opensearch", "SEARCH_URL": "http://a"},
            "AUTO_UPDATE": False,
        }
    )
    assert path == "wagtail.search.backends.opensearch3"
    assert params["URLS"] == ["http://a"] and params["AUTO_UPDATE"] is False
    path, params = backend_params({"ENVIRONMENT": {}})
    assert path == "search.backends" and params["AUTOCOMPLETE_CONFIG"]


def test_a_wrong_search_backend_stops_the_process_at_startup():
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "SEARCH_BACKEND": "solr",
        "SEARCH_URL": "http://x",
    }
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "SEARCH_BACKEND='solr'" in done.stderr

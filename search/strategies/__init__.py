"""The two ways the engine finds, ranks and counts the hits of every kind:

- ``documents``: one statement on the search documents (search/documents/), on
  PostgreSQL and on SQLite with FTS5, then each kind's window of hits by id;
- ``backend``: each kind through Wagtail's search backend (Elasticsearch,
  OpenSearch, SQLite without FTS5): a count, a window of hits and the facets per
  kind and language.

Both answer a ``hits.Ranking``; the engine (search/engine.py) chooses one."""

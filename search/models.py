"""No Django models: the search documents table is PostgreSQL-only SQL
(search/documents.py, search/migrations/0002). This module exists so that Django
sends this app ``post_migrate``, which fills that table on an existing archive."""

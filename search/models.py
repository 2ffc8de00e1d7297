"""No Django models: the search documents table is plain SQL, one per database
dialect (search/documents/; search/migrations/0002 on PostgreSQL, 0003 on SQLite
with FTS5). This module exists so that Django sends this app ``post_migrate``,
which fills that table on an existing archive."""

"""A dated list's language and published flag, copied into its own table
(PostgreSQL): so that a deep page's ``OFFSET`` and a list's count read one
index of that table, not the ids of two tables joined and sorted.

A release (video, gallery) row has its date and embargo; its language and
``live`` flag are Wagtail's, in ``wagtailcore_page``. On PostgreSQL each listed
table gets two more columns, ``list_locale_id`` and ``list_live``, which
Django's models do not know of (nothing of Python writes them), kept equal to
the page's by two triggers, whatever writes the rows (a save, a publish, an
unpublish, a queryset ``update()``, a bulk insert, raw SQL):

- before a row of the listed table is inserted or updated, its copies are read
  from its page row (inserted first: the page table is the parent);
- after a page's ``live`` or ``locale_id`` changes, its row in the listed table
  is updated (and so re-read from the page).

An index ``(list_locale_id, date, page_ptr_id) INCLUDE (embargoed_until) WHERE
list_live`` then serves the list's order, filtered by language, published and
embargo, as an index-only scan. ``positions`` turns a list's queryset into the
same query on the copies (cms/graphql/pagination.py uses it for the ids of a
deep page and for the count); the rows of a page are still read through the
list's own conditions, so a copy could never show what the list hides.
SQLite keeps the join (its lists are small)."""

from __future__ import annotations

from django.db import connections, models
from django.db.models.lookups import Exact, In, Lookup
from django.db.models.sql.where import WhereNode
from wagtail.models import Page

#: The listed tables; their migrations call ``add`` (newsroom, videos, photos).
TABLES = frozenset(
    {"newsroom_pressreleasepage", "videos_videopage", "photos_gallerypage"}
)

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION portal_listed_read_page() RETURNS trigger AS $$
BEGIN
    SELECT p.locale_id, p.live INTO NEW.list_locale_id, NEW.list_live
    FROM wagtailcore_page p WHERE p.id = NEW.page_ptr_id;
    IF NOT FOUND THEN
        -- Its page is not there yet (a raw load, as Django's serialized
        -- rollback does, may write the child first): unlisted until it comes.
        NEW.list_locale_id := NULL;
        NEW.list_live := false;
    END IF;
    RETURN NEW;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION portal_listed_follow_page() RETURNS trigger AS $$
BEGIN
    EXECUTE format(
        'UPDATE %I SET list_live = $1, list_locale_id = $2 WHERE page_ptr_id = $3',
        TG_ARGV[0]
    ) USING NEW.live, NEW.locale_id, NEW.id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""


# Only the rows whose copies differ from their page are written.
_REFILL = (
    "UPDATE {table} t SET list_locale_id = p.locale_id, list_live = p.live"
    " FROM wagtailcore_page p WHERE p.id = t.page_ptr_id"
    " AND (t.list_locale_id IS DISTINCT FROM p.locale_id"
    " OR t.list_live IS DISTINCT FROM p.live)"
)


def refill(using: str = "default") -> dict[str, int]:
    """Copy every listed row's language and ``live`` flag from its page again,
    and say how many rows of each table were stale. The triggers keep the copies
    right whatever writes the rows; only a write with triggers off (a data-only
    restore with ``pg_restore --disable-triggers``, ``session_replication_role =
    replica``) can leave them stale, which would shift a list's pages (never
    show a hidden item: the rows are read through the list's own conditions).
    ``manage.py refill_list_copies`` runs it. Nothing on SQLite."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return {}
    stale = {}
    with connection.cursor() as cursor:
        for table in sorted(TABLES):
            cursor.execute(_REFILL.format(table=table))
            stale[table] = cursor.rowcount
    return stale


def index_name(table: str) -> str:
    return f"{table.split('_')[0]}_listed"


def add(schema_editor, table: str) -> None:
    """The copies, their triggers and index on ``table`` (PostgreSQL only);
    the rows there already are filled from their pages."""
    if schema_editor.connection.vendor != "postgresql":
        return
    index = index_name(table)
    schema_editor.execute(_FUNCTIONS, None)  # no placeholders: format()'s %I
    schema_editor.execute(
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS list_locale_id integer,"
        " ADD COLUMN IF NOT EXISTS list_live boolean NOT NULL DEFAULT false"
    )
    schema_editor.execute(_REFILL.format(table=table))
    # (Not CREATE OR REPLACE TRIGGER: PostgreSQL 14 and later only.)
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {index}_read ON {table}")
    schema_editor.execute(
        f"CREATE TRIGGER {index}_read BEFORE INSERT OR UPDATE ON {table}"
        " FOR EACH ROW EXECUTE FUNCTION portal_listed_read_page()"
    )
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {index}_follow ON wagtailcore_page")
    schema_editor.execute(
        f"CREATE TRIGGER {index}_follow AFTER UPDATE OF live, locale_id"
        " ON wagtailcore_page FOR EACH ROW WHEN (OLD.live IS DISTINCT FROM NEW.live"
        " OR OLD.locale_id IS DISTINCT FROM NEW.locale_id)"
        f" EXECUTE FUNCTION portal_listed_follow_page('{table}')"
    )
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {index}_born ON wagtailcore_page")
    schema_editor.execute(
        f"CREATE TRIGGER {index}_born AFTER INSERT ON wagtailcore_page"
        f" FOR EACH ROW EXECUTE FUNCTION portal_listed_follow_page('{table}')"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {index} ON {table}"
        " (list_locale_id, date, page_ptr_id) INCLUDE (embargoed_until)"
        " WHERE list_live"
    )


def remove(schema_editor, table: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    index = index_name(table)
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {index}_follow ON wagtailcore_page")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {index}_born ON wagtailcore_page")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {index}_read ON {table}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
    schema_editor.execute(
        f"ALTER TABLE {table} DROP COLUMN IF EXISTS list_locale_id,"
        " DROP COLUMN IF EXISTS list_live"
    )


def _copy(model: type[models.Model], column: str, field: models.Field):
    """A field standing for the copy ``column`` of ``model``'s table."""
    field.set_attributes_from_name(column)
    field.model = model
    return field


class _Unsupported(Exception):
    pass


def positions(queryset: models.QuerySet) -> models.QuerySet | None:
    """``queryset`` (of a listed model, its ids or count) reading the copies
    instead of the page table: its conditions on the page's language and
    ``live`` become conditions on the copies, those on the page's tree path
    (view restrictions) a subquery of page ids, and the join with the page
    table goes. None where that cannot be (SQLite, another model, a condition
    on another column of the page: the language fallback's translation keys)."""
    model = queryset.model
    table = model._meta.db_table
    if table not in TABLES or connections[queryset.db].vendor != "postgresql":
        return None
    if not issubclass(model, Page) or model._meta.pk.column != "page_ptr_id":
        return None
    query = queryset.query.clone()
    parent = Page._meta.db_table
    child = query.get_initial_alias()
    if query.alias_map.get(child).table_name != table:
        return None
    locale = _copy(model, "list_locale_id", models.IntegerField())
    live = _copy(model, "list_live", models.BooleanField())
    pointer = model._meta.pk

    def rewrite(node):
        if isinstance(node, WhereNode):
            return WhereNode(
                [rewrite(child_node) for child_node in node.children],
                node.connector,
                node.negated,
            )
        if not isinstance(node, Lookup):
            raise _Unsupported
        lhs = node.lhs
        target = getattr(lhs, "target", None)
        alias = getattr(lhs, "alias", None)
        if alias == child:
            if _mentions(node.rhs, parent):
                raise _Unsupported
            return node
        if alias != parent or target is None:
            raise _Unsupported
        if target.name == "locale" and node.lookup_name == "exact":
            value = node.rhs.pk if isinstance(node.rhs, models.Model) else node.rhs
            return Exact(locale.get_col(child), value)
        if target.name == "live" and node.lookup_name == "exact":
            return Exact(live.get_col(child), node.rhs)
        if target.name == "path" and isinstance(node.rhs, str):
            pages = Page.objects.filter(
                **{f"path__{node.lookup_name}": node.rhs}
            ).values("pk")
            return In(pointer.get_col(child), pages.query)
        raise _Unsupported

    try:
        query.where = rewrite(query.where)
    except _Unsupported:
        return None
    for expression in [*query.select, *query.order_by]:
        if _mentions(expression, parent):
            return None
    for alias, join in list(query.alias_map.items()):
        if alias == child:
            continue
        if alias == parent or getattr(join, "parent_alias", None) == parent:
            query.alias_refcount[alias] = 0  # not joined any more
        elif query.alias_refcount[alias]:
            return None
    rewritten = queryset._chain()
    iterable = rewritten._iterable_class
    rewritten.query = query  # (which makes a values() queryset yield dicts)
    rewritten._iterable_class = iterable
    return rewritten


def _mentions(node, alias: str) -> bool:
    """Whether ``node`` (an expression, or an order given by name) reads a
    column of the table under ``alias`` of this query."""
    if node is None or isinstance(node, (str, int, bool, float, list, tuple)):
        return False
    if getattr(node, "alias", None) == alias:
        return True
    sources = getattr(node, "get_source_expressions", None)
    return bool(sources) and any(_mentions(source, alias) for source in sources())

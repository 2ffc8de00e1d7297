"""The kit for "a dated page that links people, topics and related items".

Press releases and videos are both such pages; a new content type of that kind
(photos, events) takes the kit and adds nothing to ``newsroom`` or ``search``:

- ``models``: the abstract link rows (``PersonLink``, ``TopicLink``,
  ``ReleaseLink``) a page's own inline models extend with their ``page`` key, and
  ``LinkedPage``, mixed into the page model, which names those relations and
  answers the ``people``/``topics``/``related`` fields;
- ``fields``: the GraphQL types of the links (the one grapple type of ``Person``
  and of ``Topic``, ``ReleasePersonType``) and ``linked_graphql_fields()``, the
  field block every linked page declares;
- ``loaders``: the batch loaders behind those fields, one per link model, made on
  first use, and ``expect_linked`` that a list resolver calls with its pages;
- ``lists``: the helpers of a list query (``topic``/``person``/date arguments,
  their checks, ``dated_pages``).

Arrows: the kit imports ``cms`` and, for the list checks, ``newsroom.models``;
``newsroom.models`` imports ``models`` and ``fields`` (never ``lists``)."""

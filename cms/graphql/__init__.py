"""The GraphQL machinery every app shares: error codes, locale arguments, pagination,
batch loaders and the endpoint's limits. Apps declare fields on their models and put
root queries in ``<app>/schema.py``; they never hand-build query optimisations."""

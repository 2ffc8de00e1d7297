"""The CMS the Node client tests talk to (tests/clients/): the end-to-end tests'
settings (own SQLite file and media), with the shared response cache on as in
production, and DEBUG from CLIENTS_DEBUG: on as under ``make run``, off as in
production."""

from cms.settings.base import env_bool
from tests.e2e.settings import *  # noqa: F403

DEBUG = env_bool("CLIENTS_DEBUG", False)
GRAPHIQL = DEBUG
GRAPHQL_CACHE_ENABLED = True

from tests.accounts.mailserver import smtp_server  # noqa: F401  (fixture)
from tests.embargo.conftest import clock  # noqa: F401  (fixture)

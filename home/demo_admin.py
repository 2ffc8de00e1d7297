"""The demo administrator's credentials, which ``make run`` prints. Plain values
(no Django import), so the Makefile can read them without settings."""

DEMO_ADMIN_EMAIL = "admin@example.com"
DEMO_ADMIN_PASSWORD = "Demo-Portal-2026!"

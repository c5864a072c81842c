"""Platform: the plumbing every context uses and that knows no domain rule of its own.

Who is asking (``access``: Actor, Operator, relation checks), login and sessions (``auth``), the append-only
audit log (``audit``), domain errors (``errors``), settings with their defaults (``settings``), the calendar and
today in WIB (``kalender``), Indonesian formatting (``format``) and typed input (``masukan``), links (``tautan``),
optimistic locking (``konkurensi``), one audited change of a row (``perubahan``), PDF and spreadsheet output,
backup. Depends on nothing above it (import-linter contract in pyproject.toml)."""

"""The Core :class:`~sqlalchemy.Table` of an ORM model, typed as one: :mod:`db.bulk` streams the synthetic
rows into tables, while a declarative model's ``__table__`` is only typed as a ``FromClause``."""

from __future__ import annotations

from sqlalchemy import Table

from db.models import Base


def tabel(model: type[Base]) -> Table:
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table

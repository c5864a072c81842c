"""The audited change of one kind of row, in one place: find it (or say it is missing), add, change or delete
it, flush, and record the before → after in the audit trail.

The services decide who may and what is valid; this owns only the sequence every one of their changes
repeats, so that no change forgets its audit row or records it from a stale snapshot."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy.orm import Session

from services.platform import audit
from services.platform.access import Actor
from services.platform.errors import TidakDitemukan


class _Baris(Protocol):
    @property
    def id(self) -> int: ...


M = TypeVar("M", bound=_Baris)


@dataclass(frozen=True)
class BarisTercatat(Generic[M]):
    """One model whose changes are audited as ``entitas`` with the named fields as before/after."""

    model: type[M]
    entitas: str
    fields: tuple[str, ...]
    tidak_ditemukan: str  # the message when the row is not there

    def ambil(self, session: Session, row_id: int) -> M:
        row = session.get(self.model, row_id)
        if row is None:
            raise TidakDitemukan(self.tidak_ditemukan)
        return row

    def snapshot(self, row: M, **extra: Any) -> dict[str, Any]:
        """The named fields of the row, with ``extra`` (e.g. the parent id) beside them."""
        return {**extra, **audit.snapshot(row, *self.fields)}

    def tambah(self, session: Session, actor: Actor, aksi: str, row: M, sebelum: Any = None, **extra: Any) -> M:
        """Add the new row, flush (it gets its id) and record it; ``sebelum`` says where it came from, if anywhere."""
        session.add(row)
        session.flush()
        audit.record(session, actor, aksi, self.entitas, row.id, sebelum, self.snapshot(row, **extra))
        return row

    @contextmanager
    def ubah(self, session: Session, actor: Actor, aksi: str, row: M) -> Iterator[M]:
        """``with``: snapshot before, the caller's changes, flush, and the before → after recorded. A refusal
        raised inside records nothing."""
        sebelum = self.snapshot(row)
        yield row
        session.flush()
        audit.record(session, actor, aksi, self.entitas, row.id, sebelum, self.snapshot(row))

    def hapus(self, session: Session, actor: Actor, aksi: str, row: M, **extra: Any) -> None:
        """Delete the row, flush, and record what it was (with ``extra``, e.g. its indikator)."""
        row_id = row.id
        sebelum = self.snapshot(row, **extra)
        session.delete(row)
        session.flush()
        audit.record(session, actor, aksi, self.entitas, row_id, sebelum, None)

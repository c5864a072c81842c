"""Who is asking — a logged-in pegawai (:class:`Actor`) or the operator at the server's shell
(:class:`Operator`) — and the relation checks every service makes (own record, direct bawahan, unit
subtree, admin). The menu only hides; these refuse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from db.models import Pegawai, UnitKerja
from services.platform.errors import AksesDitolak, TidakDitemukan


@dataclass(frozen=True)
class Actor:
    """The logged-in pegawai, as the services see them."""

    pegawai_id: int
    nip: str
    nama: str
    unit_kerja_id: int
    is_admin: bool = False
    is_pimpinan: bool = False
    #: A pensiunan in the read window (docs/domain.md §8.31): reads and prints only; the audit refuses writes.
    hanya_baca: bool = False

    @classmethod
    def of(cls, pegawai: Pegawai) -> Actor:
        return cls(
            pegawai.id,
            pegawai.nip,
            pegawai.nama,
            pegawai.unit_kerja_id,
            bool(pegawai.is_admin),
            bool(pegawai.is_pimpinan),
        )

    @property
    def boleh_lihat_dasbor(self) -> bool:
        """Pimpinan and admins see the Dasbor Capaian and the Kurva Distribusi of the units in their reach."""
        return self.is_pimpinan or self.is_admin


def ambil_pegawai(session: Session, pegawai_id: int) -> Pegawai:
    pegawai = session.get(Pegawai, pegawai_id)
    if pegawai is None:
        raise TidakDitemukan("Pegawai tidak ditemukan.")
    return pegawai


def has_bawahan(session: Session, pegawai_id: int, today: date) -> bool:
    """The atasan role follows from the hierarchy: bawahan still in service on ``today`` (§8.31)."""
    return bool(session.scalar(select(exists().where(Pegawai.atasan_id == pegawai_id, Pegawai.bertugas_pada(today)))))


OPERATOR_NAMA_MAX = 100  # the audit_log.operator column
_HANYA_ADMIN = "Hanya Admin BKPSDM yang dapat melakukan tindakan ini."


@dataclass(frozen=True)
class Operator:
    """The person at the server's shell running a ``sipijar`` command. Holding the server already, they
    may do what an admin may; they are no pegawai and have no login, so the audit log names them by
    ``nama`` (their system user)."""

    nama: str

    def __post_init__(self) -> None:
        if not self.nama.strip() or len(self.nama) > OPERATOR_NAMA_MAX:
            raise ValueError(f"an operator needs a name of 1 to {OPERATOR_NAMA_MAX} characters for the audit log")


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise AksesDitolak(_HANYA_ADMIN)


def require_admin_or_operator(actor: Actor | Operator) -> None:
    """For the actions the ``sipijar`` command shares with the admin screens. Anyone else — a pegawai
    without the admin role, or no one (None) — is refused."""
    if isinstance(actor, Operator):
        return
    if not isinstance(actor, Actor):
        raise AksesDitolak(_HANYA_ADMIN)
    require_admin(actor)


def require_operator(operator: Operator) -> None:
    """For what only the shell may do (backup, restore): no pegawai, not even an admin, and not None."""
    if not isinstance(operator, Operator):
        raise AksesDitolak("Hanya operator server yang dapat melakukan tindakan ini.")


def require_self(actor: Actor, pegawai_id: int) -> None:
    """Own records only (admins act on others through admin services, not these)."""
    if actor.pegawai_id != pegawai_id:
        raise AksesDitolak("Anda hanya dapat mengubah data Anda sendiri.")


def require_self_or_admin(actor: Actor, pegawai_id: int) -> None:
    if actor.pegawai_id != pegawai_id and not actor.is_admin:
        raise AksesDitolak("Anda hanya dapat melihat atau mengubah data Anda sendiri.")


class MilikPegawai(Protocol):
    """A record that belongs to one pegawai."""

    @property
    def pegawai_id(self) -> int: ...


RecordT = TypeVar("RecordT", bound=MilikPegawai)


def milik_sendiri(
    session: Session,
    actor: Actor,
    model: type[RecordT],
    record_id: int,
    pesan_tidak_ditemukan: str,
    *,
    admin_boleh: bool = False,
) -> RecordT:
    """The record ``record_id`` of ``model`` when it is the actor's own (or, with ``admin_boleh``, the actor
    is an admin); TidakDitemukan with ``pesan_tidak_ditemukan`` when there is none."""
    record = session.get(model, record_id)
    if record is None:
        raise TidakDitemukan(pesan_tidak_ditemukan)
    if admin_boleh:
        require_self_or_admin(actor, record.pegawai_id)
    else:
        require_self(actor, record.pegawai_id)
    return record


def subtree_unit_ids(session: Session, unit_kerja_id: int) -> list[int]:
    """The unit and every unit below it (by the materialised path)."""
    unit = session.get(UnitKerja, unit_kerja_id)
    if unit is None:
        return []
    return list(session.scalars(select(UnitKerja.id).where(UnitKerja.path.startswith(unit.path))))


def unit_in_subtree(session: Session, root_unit_id: int, unit_id: int) -> bool:
    root = session.get(UnitKerja, root_unit_id)
    unit = session.get(UnitKerja, unit_id)
    return root is not None and unit is not None and unit.path.startswith(root.path)


def require_pimpinan_of_unit(session: Session, actor: Actor, unit_id: int) -> None:
    """A pimpinan sees the subtree of their own unit; an admin sees everything."""
    if actor.is_admin:
        return
    if actor.is_pimpinan and unit_in_subtree(session, actor.unit_kerja_id, unit_id):
        return
    raise AksesDitolak("Unit kerja ini di luar wewenang Anda.")

"""Validasi aktivitas (e-book "Validasi Kinerja/Aktivitas Harian oleh Atasan Langsung", docs/domain.md §3.10).

The atasan chooses a bawahan ("Pilih Bawahan" / "Pilih Pegawai") and validates the pending rows one
by one ("Validasi") or all shown rows at once ("Validasi Semua"), or rejects one ("Tolak") with a
mandatory alasan. Only the direct atasan may: the penilai of the period the activity belongs to.
Validating an already validated row is harmless; a validated row is locked for the pegawai; a closed
month refuses validation like it refuses entries. The screen sends the version of each row it showed
(``versi``): a row the pegawai changed (or deleted) since then is not validated unseen — the whole
request is refused with KonflikData and the list is shown again.

Transitions (from-state, action → to-state), by the penilai of the activity's period:

    Menunggu Validasi  validasi  → Tervalidasi
    Tervalidasi        validasi  → Tervalidasi   (no change)
    Menunggu Validasi  tolak     → Ditolak (alasan required)
    Ditolak            (pegawai corrects: services.aktivitas.harian.ubah) → Menunggu Validasi
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import CursorResult, Row, func, select, tuple_, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from db.enums import StatusAktivitas, StatusSKP
from db.models import SKP, AktivitasHarian, Pegawai, PeriodeSKP
from db.models.base import utcnow
from services.aktivitas.bulan import StatusBulan, pastikan_bulan_terbuka, status_bulan, status_bulan_banyak
from services.aktivitas.harian import AktivitasRow, baris
from services.aktivitas.tertahan import ALASAN, BULAN_DITUTUP, tertahan
from services.organisasi import wewenang
from services.platform import audit
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, KonflikData, TidakDitemukan, ValidationError
from services.platform.kalender import hari_ini
from services.platform.masukan import teks_bebas

MENUNGGU, TERVALIDASI, DITOLAK = StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI, StatusAktivitas.DITOLAK
ALASAN_MAX = 1000


def _sebagai(session: Session, actor: Actor, rows: Sequence[Row], today: date | None) -> dict[str, str]:
    """The audit's "sebagai Plt" mark when the rows are rated for a pejabat the actor stands in for."""
    return next(
        (t for pid in sorted({r.penilai_id for r in rows}) if (t := wewenang.sebagai(session, actor, pid, today))), {}
    )


def _konflik(jumlah: int, aksi: str) -> KonflikData:
    return KonflikData(
        f"{jumlah} aktivitas telah diubah atau diproses sejak daftar ditampilkan, sehingga tidak ada "
        f"yang di{aksi}. Periksa daftar yang dimuat ulang, lalu ulangi."
    )


#: The transition table: (from-state, action) → to-state. Absent pairs are refused.
TRANSISI: dict[tuple[StatusAktivitas, str], StatusAktivitas] = {
    (MENUNGGU, "validasi"): TERVALIDASI,
    (TERVALIDASI, "validasi"): TERVALIDASI,
    (MENUNGGU, "tolak"): DITOLAK,
}


@dataclass(frozen=True)
class Bawahan:
    """A pegawai whose activities the atasan validates, with the number of rows waiting."""

    pegawai_id: int
    nip: str
    nama: str
    jabatan: str
    menunggu: int
    #: a former bawahan (moved by a mutasi): listed only while rows of their old period wait for the actor
    mantan: bool = False
    #: the date of the oldest row waiting (None when nothing waits)
    terlama: date | None = None
    #: days left to validate the oldest waiting row before its month closes (0 = the closing day itself);
    #: None when nothing waits or that month is already closed (docs/domain.md §8.39)
    sisa_hari: int | None = None


def bawahan_list(session: Session, actor: Actor, today: date | None = None) -> list[Bawahan]:
    """ "Pilih Pegawai": the pegawai for whom the actor is penilai of a period (direct bawahan), with
    their pending counts, the most waiting first, then the oldest waiting, then by name (docs/domain.md
    §8.39); those whose atasan is now someone else come last, as "mantan bawahan", and only while something
    of theirs still waits for the actor (docs/domain.md §8.11)."""
    today = today or hari_ini()
    sebagai = wewenang.dinilai(session, actor)
    penilai = wewenang.penilai_ids(session, actor)
    menunggu = (
        select(
            AktivitasHarian.pegawai_id,
            func.count().label("n"),
            func.min(AktivitasHarian.tanggal).label("terlama"),
        )
        .join(PeriodeSKP, PeriodeSKP.id == AktivitasHarian.periode_id)
        .where(sebagai, AktivitasHarian.status == MENUNGGU)
        .group_by(AktivitasHarian.pegawai_id)
        .subquery()
    )
    ids = select(PeriodeSKP.pegawai_id).where(sebagai)
    rows = session.execute(
        select(
            Pegawai.id,
            Pegawai.nip,
            Pegawai.nama,
            Pegawai.jabatan,
            func.coalesce(menunggu.c.n, 0),
            Pegawai.atasan_id.is_(None) | Pegawai.atasan_id.not_in(penilai),
            menunggu.c.terlama,
        )
        .outerjoin(menunggu, menunggu.c.pegawai_id == Pegawai.id)
        .where(Pegawai.id.in_(ids))
        .order_by(Pegawai.nama)
    ).all()
    status = status_bulan_banyak(session, {r[0]: (r[6].year, r[6].month) for r in rows if r[6] is not None}, today)
    semua = [Bawahan(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], _sisa_hari(status.get(r[0]), today)) for r in rows]
    semua.sort(key=lambda b: (b.mantan, -b.menunggu, b.terlama or date.max))  # stable: by name within ties
    return [b for b in semua if not b.mantan or b.menunggu]


def _sisa_hari(status: StatusBulan | None, today: date) -> int | None:
    """Days until the month of the oldest waiting row stops taking validation (its closing day, or an admin's
    reopening); None when nothing waits (no ``status``) or the month is closed."""
    return (status.terbuka_sampai - today).days if status is not None and status.terbuka else None


def daftar_menunggu(session: Session, actor: Actor, pegawai_id: int, today: date | None = None) -> list[AktivitasRow]:
    """The bawahan's rows waiting for the actor (rows of periods the actor is penilai of): first those of open
    months, then those of closed months labelled :data:`BULAN_DITUTUP` (shown, never in Validasi Semua — one of
    them would refuse the whole batch; docs/domain.md §8.39)."""
    sebagai = wewenang.dinilai(session, actor)
    if not session.scalar(select(PeriodeSKP.id).where(PeriodeSKP.pegawai_id == pegawai_id, sebagai).limit(1)):
        raise AksesDitolak("Hanya atasan langsung (penilai) pegawai ini yang dapat memvalidasi aktivitasnya.")
    query = (
        select(AktivitasHarian)
        .join(PeriodeSKP, PeriodeSKP.id == AktivitasHarian.periode_id)
        .where(
            AktivitasHarian.pegawai_id == pegawai_id,
            AktivitasHarian.status == MENUNGGU,
            sebagai,
        )
        .order_by(AktivitasHarian.tanggal, AktivitasHarian.jam_mulai, AktivitasHarian.id)
    )
    rows = baris(session, query)
    today = today or hari_ini()
    bulan = {(r.tanggal.year, r.tanggal.month) for r in rows}
    ditutup = {b for b in bulan if not status_bulan(session, pegawai_id, *b, today).terbuka}
    rows = [replace(r, tertahan=BULAN_DITUTUP) if (r.tanggal.year, r.tanggal.month) in ditutup else r for r in rows]
    return sorted(rows, key=lambda r: r.tertahan == BULAN_DITUTUP)  # stable: by date within each part


def _targets(
    session: Session, actor: Actor, ids: list[int], aksi: str, today: date | None, versi: Mapping[int, int] | None
) -> Sequence[Row[int, int, date, StatusAktivitas, int, int | None, int | None, StatusSKP | None]]:
    """Check every row: exists, the actor is its period's penilai, unchanged since the screen showed it
    (when ``versi`` is given), the transition is allowed, a row to validate is not held by a mutasi
    (services.aktivitas.tertahan), the month is open. Refuses the whole request on the first bad row
    (nothing changes)."""
    if not ids:
        raise ValidationError("Tidak ada aktivitas yang dipilih.")
    rows = session.execute(
        select(
            AktivitasHarian.id,
            AktivitasHarian.pegawai_id,
            AktivitasHarian.tanggal,
            AktivitasHarian.status,
            AktivitasHarian.version_id,
            PeriodeSKP.penilai_id,
            AktivitasHarian.rhk_id,
            SKP.status.label("status_skp"),
        )
        .join(PeriodeSKP, PeriodeSKP.id == AktivitasHarian.periode_id)
        .outerjoin(SKP, SKP.periode_id == PeriodeSKP.id)
        .where(AktivitasHarian.id.in_(ids))
    ).all()
    sebagai = wewenang.penilai_ids(session, actor, today)
    if any(row.penilai_id not in sebagai for row in rows):
        raise AksesDitolak("Hanya atasan langsung (penilai) pegawai yang dapat memvalidasi atau menolak aktivitasnya.")
    if any(row.pegawai_id == actor.pegawai_id for row in rows):  # a Plt whose own penilai they stand in for
        raise AksesDitolak("Anda tidak dapat memvalidasi atau menolak aktivitas Anda sendiri.")
    if versi is not None:
        berubah = len(set(ids)) - sum(versi.get(row.id) == row.version_id for row in rows)
        if berubah:
            raise _konflik(berubah, aksi)
    if len(rows) != len(set(ids)):
        raise TidakDitemukan("Sebagian aktivitas tidak ditemukan; muat ulang halaman.")
    months: set[tuple[int, date]] = set()
    for row in rows:
        if (row.status, aksi) not in TRANSISI:
            raise ValidationError(
                f"Aktivitas tanggal {row.tanggal:%d-%m-%Y} berstatus {row.status.value}; tidak dapat di{aksi}."
            )
        label = tertahan(row.status, row.rhk_id, row.status_skp) if aksi == "validasi" else None
        if label is not None:
            raise ValidationError(
                f"Aktivitas tanggal {row.tanggal:%d-%m-%Y} belum dapat divalidasi ({label}): {ALASAN[label]}."
            )
        months.add((row.pegawai_id, row.tanggal.replace(day=1)))
    for pegawai_id, bulan in months:
        pastikan_bulan_terbuka(session, pegawai_id, bulan, today, tindakan="Validasi")
    return rows


def validasi_semua(
    session: Session, actor: Actor, ids: list[int], today: date | None = None, *, versi: Mapping[int, int] | None = None
) -> int:
    """ "Validasi Semua" (and "Validasi" for one row): one set-based UPDATE of the Menunggu rows among
    ``ids``; rows already Tervalidasi stay as they are. Returns how many rows changed; audited once.
    ``versi`` (id → version the screen showed): the UPDATE touches only rows still at that version, and
    a row changed in between, even after the check, refuses the whole request."""
    ids = sorted({int(i) for i in ids})
    rows = _targets(session, actor, ids, "validasi", today, versi)
    where = [AktivitasHarian.id.in_(ids), AktivitasHarian.status == MENUNGGU]
    if versi is not None:
        where.append(tuple_(AktivitasHarian.id, AktivitasHarian.version_id).in_([(i, versi[i]) for i in ids]))
    result = session.execute(
        update(AktivitasHarian)
        .where(*where)
        .values(
            status=TERVALIDASI,
            divalidasi_oleh_id=actor.pegawai_id,
            divalidasi_at=utcnow(),
            updated_at=utcnow(),
            version_id=AktivitasHarian.version_id + 1,
        )
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult), "an UPDATE answers with the cursor's row count"
    changed = result.rowcount or 0
    menunggu = sum(row.status == MENUNGGU for row in rows)
    if versi is not None and changed != menunggu:  # changed after our check (PostgreSQL, READ COMMITTED)
        raise _konflik(menunggu - changed, "validasi")
    if changed:
        audit.record(
            session,
            actor,
            "validasi_aktivitas",
            "aktivitas_harian",
            ids[0] if len(ids) == 1 else None,
            {"status": MENUNGGU},
            {"status": TERVALIDASI, "ids": ids, "jumlah": changed, **_sebagai(session, actor, rows, today)},
        )
    session.expire_all()
    return changed


def validasi(
    session: Session, actor: Actor, aktivitas_id: int, today: date | None = None, *, version: int | None = None
) -> int:
    """ "Validasi" on one row (idempotent: 0 when it was already Tervalidasi)."""
    return validasi_semua(
        session, actor, [aktivitas_id], today, versi=None if version is None else {aktivitas_id: version}
    )


def tolak(
    session: Session,
    actor: Actor,
    aktivitas_id: int,
    alasan: str,
    today: date | None = None,
    *,
    version: int | None = None,
) -> None:
    """ "Tolak" with a mandatory alasan: Menunggu → Ditolak; the pegawai can correct and resubmit. With
    ``version``, a row changed since the screen showed it is a KonflikData."""
    alasan = teks_bebas(alasan, "Alasan penolakan", ALASAN_MAX)
    rows = _targets(
        session, actor, [aktivitas_id], "tolak", today, None if version is None else {aktivitas_id: version}
    )
    row = session.get_one(AktivitasHarian, aktivitas_id)  # _targets found it
    if version is not None and row.version_id != version:  # changed between the check and this read
        raise _konflik(1, "tolak")
    row.status, row.alasan_tolak = DITOLAK, alasan
    row.divalidasi_oleh_id, row.divalidasi_at, row.updated_at = actor.pegawai_id, utcnow(), utcnow()
    try:
        session.flush()  # the mapper's version check: a change after our read is a conflict
    except StaleDataError:
        raise _konflik(1, "tolak") from None
    audit.record(
        session,
        actor,
        "tolak_aktivitas",
        "aktivitas_harian",
        aktivitas_id,
        {"status": MENUNGGU},
        {"status": DITOLAK, "alasan_tolak": alasan, **_sebagai(session, actor, rows, today)},
    )

"""TPP pokok with effective dates (docs/domain.md §8.26): a pegawai's pokok on a date is the ``jumlah`` of their
``tpp_pokok_riwayat`` row with the latest ``berlaku_mulai`` on or before it; before their first row it is Rp0.
Set by the import (import_terapkan), by the admin ("Ubah TPP Pokok") and by a bulk change for every pegawai of
a jabatan (``ubah_massal``, after ``pratinjau_massal``). ``pegawai.tpp_pokok`` mirrors the pokok of the
pegawai's LATEST row, for lists only; every rupiah of a month is computed from the history
(services/aktivitas/dasar_bulan.py), so a change dated in May leaves January as it was."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from db.enums import SumberTppPokok
from db.models import Pegawai, TppPokokRiwayat, UnitKerja
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor, Operator, require_admin
from services.platform.errors import KonflikData, TidakDitemukan, ValidationError
from services.platform.konkurensi import flush_atau_konflik, kunci_pegawai
from services.platform.masukan import periksa_karakter

#: The date of a pokok that was in force before the history was kept (migration 0005), or of a new pegawai's
#: first pokok when no date is given: early enough for every month SIPIJAR holds.
AWAL = date(2000, 1, 1)
MAKS_JUMLAH = 2_147_483_647  # the INTEGER column
_KETERANGAN_MAX = 300

#: One pegawai's pokok steps, oldest first: (berlaku_mulai, jumlah).
Langkah = Sequence[tuple[date, int]]


@dataclass(frozen=True)
class BarisPokok:
    """One row of a pegawai's pokok history, as the admin screen lists it."""

    berlaku_mulai: date
    jumlah: int
    sumber: str
    keterangan: str | None


@dataclass(frozen=True)
class PratinjauMassal:
    """Who a bulk change would reach: the count the admin confirms, and the first names as a sample."""

    jabatan: str
    unit: str | None
    jumlah_pegawai: int
    contoh: tuple[str, ...]


@dataclass(frozen=True)
class HasilMassal:
    diubah: int
    tidak_berubah: int


# --- reading --------------------------------------------------------------------------------------


def pokok_pada(langkah: Langkah, tanggal: date) -> int:
    """The pokok in force on ``tanggal`` given the steps (Rp0 before the first)."""
    i = bisect_right(langkah, (tanggal, MAKS_JUMLAH + 1))
    return langkah[i - 1][1] if i else 0


def langkah_pokok(
    session: Session, mulai: date, akhir: date, pegawai_ids: Iterable[int] | Select | None = None
) -> dict[int, list[tuple[date, int]]]:
    """The pokok steps that matter from ``mulai`` to ``akhir`` per pegawai (all, or the ids / SELECT of ids
    named): the row in force on ``mulai`` and every later one up to ``akhir``. A pegawai without any row up
    to ``akhir`` is left out (Rp0 throughout). One query, for the Dasbor's 10,000 pegawai too."""
    r = TppPokokRiwayat
    query = select(r.pegawai_id, r.berlaku_mulai, r.jumlah).where(r.berlaku_mulai <= akhir)
    if pegawai_ids is not None:
        query = query.where(r.pegawai_id.in_(pegawai_ids if isinstance(pegawai_ids, Select) else list(pegawai_ids)))
    hasil: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for pid, berlaku, jumlah in session.execute(query.order_by(r.pegawai_id, r.berlaku_mulai)):
        steps = hasil[pid]
        if steps and berlaku <= mulai:
            steps[-1] = (berlaku, jumlah)  # an older row no longer in force on ``mulai``
        else:
            steps.append((berlaku, jumlah))
    return dict(hasil)


def _semua_langkah(session: Session, pegawai_id: int) -> list[tuple[date, int]]:
    r = TppPokokRiwayat
    return [
        (b, j)
        for b, j in session.execute(
            select(r.berlaku_mulai, r.jumlah).where(r.pegawai_id == pegawai_id).order_by(r.berlaku_mulai)
        )
    ]


@dataclass(frozen=True)
class RiwayatPokok:
    """A pegawai and their pokok history, for the admin's "TPP Pokok" tab."""

    pegawai_id: int
    nip: str
    nama: str
    jabatan: str
    unit_kerja: str
    tpp_pokok_hari_ini: int
    riwayat: tuple[BarisPokok, ...]  # newest first


def riwayat(session: Session, actor: Actor, nip: str, hari_ini: date) -> RiwayatPokok:
    """The pegawai with this NIP, the pokok in force ``hari_ini`` and their history, newest first (admin)."""
    require_admin(actor)
    pegawai = session.scalar(select(Pegawai).where(Pegawai.nip == "".join(str(nip or "").split())))
    if pegawai is None:
        raise TidakDitemukan(f"Pegawai dengan NIP {nip} tidak ditemukan.")
    r = TppPokokRiwayat
    rows = list(session.scalars(select(r).where(r.pegawai_id == pegawai.id).order_by(r.berlaku_mulai.desc())))
    langkah = [(x.berlaku_mulai, x.jumlah) for x in reversed(rows)]
    return RiwayatPokok(
        pegawai.id,
        pegawai.nip,
        pegawai.nama,
        pegawai.jabatan,
        pegawai.unit_kerja.nama,
        pokok_pada(langkah, hari_ini),
        tuple(BarisPokok(x.berlaku_mulai, x.jumlah, x.sumber.value, x.keterangan) for x in rows),
    )


# --- writing --------------------------------------------------------------------------------------


def _pegawai(session: Session, pegawai_id: int) -> Pegawai:
    pegawai = session.get(Pegawai, pegawai_id)
    if pegawai is None:
        raise TidakDitemukan("Pegawai tidak ditemukan.")
    return pegawai


def periksa_jumlah(jumlah: object) -> int:
    if isinstance(jumlah, bool) or not isinstance(jumlah, int):
        raise ValidationError("TPP pokok harus berupa rupiah bulat, misalnya 3100000.")
    if jumlah < 0:
        raise ValidationError("TPP pokok tidak boleh negatif.")
    if jumlah > MAKS_JUMLAH:
        raise ValidationError("TPP pokok terlalu besar.")
    return jumlah


def _periksa_tanggal(berlaku_mulai: object) -> date:
    if not isinstance(berlaku_mulai, date) or not AWAL <= berlaku_mulai <= date(2100, 12, 31):
        raise ValidationError("Tanggal berlaku mulai harus antara 01-01-2000 dan 31-12-2100.")
    return berlaku_mulai


def _keterangan(keterangan: str | None) -> str | None:
    teks = " ".join(periksa_karakter(keterangan or "", "Keterangan").split())
    if len(teks) > _KETERANGAN_MAX:
        raise ValidationError(f"Keterangan paling banyak {_KETERANGAN_MAX} karakter.")
    return teks or None


def setel(
    session: Session,
    actor: Actor | Operator,
    pegawai: Pegawai,
    jumlah: int,
    berlaku_mulai: date,
    sumber: SumberTppPokok,
    keterangan: str | None = None,
    langkah: Langkah | None = None,
) -> bool:
    """Make ``jumlah`` the pegawai's pokok from ``berlaku_mulai`` (until their next row, if any): the row of
    that date is added or changed, audited, and ``pegawai.tpp_pokok`` follows the latest row. Nothing
    happens (False) when that pokok is already in force on that date. ``langkah``: the pegawai's steps when
    the caller read them already (the import reads everyone's at once). The caller checked who may act."""
    steps = list(langkah) if langkah is not None else _semua_langkah(session, pegawai.id)
    if pokok_pada(steps, berlaku_mulai) == jumlah:
        return False
    baris = (
        session.scalar(
            select(TppPokokRiwayat).where(
                TppPokokRiwayat.pegawai_id == pegawai.id, TppPokokRiwayat.berlaku_mulai == berlaku_mulai
            )
        )
        if any(d == berlaku_mulai for d, _j in steps)
        else None
    )
    sebelum = None if baris is None else {"berlaku_mulai": berlaku_mulai, "jumlah": baris.jumlah}
    if baris is None:
        baris = TppPokokRiwayat(pegawai_id=pegawai.id, berlaku_mulai=berlaku_mulai)
        session.add(baris)
        steps.append((berlaku_mulai, jumlah))
    else:
        steps[steps.index((berlaku_mulai, baris.jumlah))] = (berlaku_mulai, jumlah)
    baris.jumlah, baris.sumber, baris.keterangan = jumlah, sumber, keterangan
    flush_atau_konflik(session, f"TPP pokok {pegawai.nama} baru saja diubah orang lain. Muat ulang lalu coba lagi.")
    terakhir = max(steps)[1]
    if pegawai.tpp_pokok != terakhir:
        pegawai.tpp_pokok = terakhir
    audit.record(
        session,
        actor,
        "ubah_tpp_pokok",
        "pegawai",
        pegawai.id,
        sebelum,
        {"berlaku_mulai": berlaku_mulai, "jumlah": jumlah, "sumber": sumber.value, "keterangan": keterangan},
    )
    return True


def ubah(
    session: Session,
    actor: Actor,
    pegawai_id: int,
    jumlah: int,
    berlaku_mulai: date,
    keterangan: str | None = None,
) -> None:
    """ "Ubah TPP Pokok" (admin): ``jumlah`` from ``berlaku_mulai``. Months before that date keep their pokok;
    a month the change falls in is prorated by hari kerja (§8.26); a closed month keeps its snapshot."""
    require_admin(actor)
    jumlah, berlaku_mulai = periksa_jumlah(jumlah), _periksa_tanggal(berlaku_mulai)
    keterangan = _keterangan(keterangan)
    pegawai = _pegawai(session, pegawai_id)
    kunci_pegawai(session, pegawai.id)
    if not setel(session, actor, pegawai, jumlah, berlaku_mulai, SumberTppPokok.ADMIN, keterangan):
        raise ValidationError(
            f"TPP pokok {pegawai.nama} pada {fmt.tanggal(berlaku_mulai)} sudah {fmt.rupiah(jumlah)}; tidak ada "
            "yang diubah."
        )


def _sasaran(session: Session, jabatan: object, unit_id: int | None) -> tuple[str, str | None, Select]:
    """The aktif pegawai whose jabatan is exactly ``jabatan`` (spaces collapsed), optionally in a unit subtree."""
    nama_jabatan = " ".join(str(jabatan or "").split())
    if not nama_jabatan:
        raise ValidationError("Nama jabatan wajib diisi.")
    query = (
        select(Pegawai)
        .join(UnitKerja, UnitKerja.id == Pegawai.unit_kerja_id)
        .where(Pegawai.aktif, Pegawai.jabatan == nama_jabatan)
    )
    unit_nama = None
    if unit_id is not None:
        unit = session.get(UnitKerja, unit_id)
        if unit is None:
            raise TidakDitemukan("Unit kerja tidak ditemukan.")
        query, unit_nama = query.where(UnitKerja.path.startswith(unit.path)), unit.nama
    return nama_jabatan, unit_nama, query.order_by(Pegawai.nama, Pegawai.nip)


def pratinjau_massal(session: Session, actor: Actor, jabatan: str, unit_id: int | None = None) -> PratinjauMassal:
    """How many aktif pegawai a bulk change for ``jabatan`` (exact name; optionally within the unit's subtree)
    would reach — shown before the admin confirms."""
    require_admin(actor)
    nama_jabatan, unit_nama, query = _sasaran(session, jabatan, unit_id)
    orang = list(session.scalars(query))
    return PratinjauMassal(nama_jabatan, unit_nama, len(orang), tuple(p.nama for p in orang[:5]))


def ubah_massal(
    session: Session,
    actor: Actor,
    jabatan: str,
    unit_id: int | None,
    jumlah: int,
    berlaku_mulai: date,
    jumlah_dikonfirmasi: int,
    keterangan: str | None = None,
) -> HasilMassal:
    """Set ``jumlah`` from ``berlaku_mulai`` for every aktif pegawai of the jabatan (admin), after the admin
    confirmed :func:`pratinjau_massal`'s count; a different count now (someone was added or moved since) is
    refused, so the change never reaches pegawai the admin did not see counted."""
    require_admin(actor)
    jumlah, berlaku_mulai = periksa_jumlah(jumlah), _periksa_tanggal(berlaku_mulai)
    keterangan = _keterangan(keterangan)
    nama_jabatan, _unit, query = _sasaran(session, jabatan, unit_id)
    orang = list(session.scalars(query))
    if not orang:
        raise ValidationError(f'Tidak ada pegawai aktif dengan jabatan "{nama_jabatan}".')
    if len(orang) != jumlah_dikonfirmasi:
        raise KonflikData(
            f"Jumlah pegawai dengan jabatan ini berubah sejak pratinjau ({jumlah_dikonfirmasi} menjadi "
            f"{len(orang)}). Tampilkan pratinjau lagi lalu konfirmasi."
        )
    semua = langkah_pokok(session, AWAL, date(2100, 12, 31), [p.id for p in orang])
    diubah = 0
    for p in orang:
        diubah += setel(
            session, actor, p, jumlah, berlaku_mulai, SumberTppPokok.MASSAL, keterangan, semua.get(p.id, [])
        )
    return HasilMassal(diubah, len(orang) - diubah)

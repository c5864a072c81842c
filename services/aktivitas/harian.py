"""Aktivitas Harian (e-book "Pengisian Kinerja/Aktivitas Harian", DOMAIN.md §3.9–10 and §4).

A pegawai records what they did on a date, linked to an RHK/indikator of the ditetapkan SKP of the
period containing that date. New and corrected rows wait for the atasan ("Menunggu Validasi").

Rules, each refused with an Indonesian message and nothing saved:

- Jam Selesai after Jam Mulai on the same date; no future dates; the date inside one of the
  pegawai's Periode SKP, whose SKP is ditetapkan;
- activities of one pegawai never overlap in time. A **Ditolak** row does not block: it no longer
  counts, and when the pegawai corrects it, the correction is checked again like a new entry;
- entries (and validation) for month M close after day ``hari_tutup_bulan`` of M+1 (the closing day
  itself is still open); afterwards only an admin reopens the month (``PembukaanBulan``, for one
  pegawai or for everyone, until a date);
- edits, deletions and corrections carry the version the screen showed (optimistic locking): when the
  row changed meanwhile (the atasan validated or rejected it, another tab edited it) the action is a
  :class:`~services.platform.errors.KonflikData` and nothing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.enums import StatusAktivitas, StatusSKP
from db.models import (
    SKP,
    AktivitasHarian,
    IndikatorKinerja,
    KatalogAktivitas,
    Pegawai,
    PembukaanBulan,
    PeriodeSKP,
    RencanaHasilKerja,
)
from db.models.base import utcnow
from services.organisasi.periode import periode_on
from services.platform import audit, kalender, settings, tautan
from services.platform import format as fmt
from services.platform.access import Actor, milik_sendiri
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.kalender import hari_ini
from services.platform.konkurensi import cek_versi, flush_atau_konflik, kunci_pegawai

MENUNGGU, TERVALIDASI, DITOLAK = StatusAktivitas.MENUNGGU, StatusAktivitas.TERVALIDASI, StatusAktivitas.DITOLAK
AKTIVITAS_MAX = 2000
SATUAN_MAX = 100
JAM_MASUK = time(7, 30)
AUDIT_FIELDS = (
    "tanggal",
    "periode_id",
    "rhk_id",
    "indikator_id",
    "katalog_id",
    "jam_mulai",
    "jam_selesai",
    "durasi_menit",
    "aktivitas",
    "volume",
    "satuan",
    "bukti_link",
    "status",
    "alasan_tolak",
)


class TumpangTindih(ValidationError):
    """The times overlap another activity of the pegawai (Salin skips these rows)."""


class SkpTidakCocok(ValidationError):
    """The SKP terkait is not in the SKP of the date's period (Salin skips these rows)."""


@dataclass(frozen=True)
class AktivitasInput:
    """What the "Tambah Aktivitas" form sends. ``periode_id`` None means "the period of the date"."""

    tanggal: date | None
    rhk_id: int | None
    aktivitas: str
    volume: Decimal | int | float | str | None
    satuan: str
    jam_mulai: time | None
    jam_selesai: time | None
    indikator_id: int | None = None
    periode_id: int | None = None
    katalog_id: int | None = None
    bukti_link: str | None = None


@dataclass(frozen=True)
class PilihanSKP:
    """One choice of "SKP terkait": an RHK, or one of its indikator."""

    rhk_id: int
    indikator_id: int | None
    label: str


@dataclass(frozen=True)
class AktivitasRow:
    """One activity as screens, documents and the validation queue show it."""

    id: int
    pegawai_id: int
    periode_id: int
    tanggal: date
    jam_mulai: time
    jam_selesai: time
    durasi_menit: int
    aktivitas: str
    volume: Decimal
    satuan: str
    skp_terkait: str
    status: StatusAktivitas
    alasan_tolak: str | None
    bukti_link: str | None
    rhk_id: int | None
    indikator_id: int | None
    katalog_id: int | None
    version: int = 1  # what an edit or delete of this row sends back (optimistic locking)

    @property
    def jam(self) -> str:
        return f"{jam(self.jam_mulai)}–{jam(self.jam_selesai)}"

    @property
    def output(self) -> str:
        return f"{fmt.target(self.volume)} {self.satuan}"

    def as_input(self) -> AktivitasInput:
        return AktivitasInput(
            self.tanggal,
            self.rhk_id,
            self.aktivitas,
            self.volume,
            self.satuan,
            self.jam_mulai,
            self.jam_selesai,
            self.indikator_id,
            self.periode_id,
            self.katalog_id,
            self.bukti_link,
        )


@dataclass(frozen=True)
class HasilSalin:
    dari: date | None
    disalin: int
    dilewati: int


@dataclass(frozen=True)
class StatusBulan:
    terbuka: bool
    batas: date  # last day entries for the month are open without a reopening
    dibuka_sampai: date | None = None  # the admin's reopening that keeps it open, if any


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def jam(value: time) -> str:
    """08.30 (Indonesian time notation)."""
    return value.strftime("%H.%M")


def durasi(jam_mulai: time, jam_selesai: time) -> int:
    """Minutes from Jam Mulai to Jam Selesai on the same date."""
    return (jam_selesai.hour * 60 + jam_selesai.minute) - (jam_mulai.hour * 60 + jam_mulai.minute)


def _today(today: date | None) -> date:
    return today or hari_ini()


def bulan_range(tahun: int, bulan: int) -> tuple[date, date]:
    """First and last date of the month."""
    first = date(tahun, bulan, 1)
    nxt = date(tahun + (bulan == 12), bulan % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def batas_entri(session: Session, tahun: int, bulan: int) -> date:
    """The last day entries and validation for the month are open: day ``hari_tutup_bulan`` of M+1."""
    _first, last = bulan_range(tahun, bulan)
    nxt = last + timedelta(days=1)
    return date(nxt.year, nxt.month, settings.get(session, "hari_tutup_bulan"))


def status_bulan(session: Session, pegawai_id: int, tahun: int, bulan: int, today: date | None = None) -> StatusBulan:
    """Whether the pegawai's month still takes entries and validation (closing day, or reopened)."""
    today = _today(today)
    batas = batas_entri(session, tahun, bulan)
    if today <= batas:
        return StatusBulan(True, batas)
    dibuka = session.scalar(
        select(PembukaanBulan.dibuka_sampai)
        .where(
            PembukaanBulan.tahun == tahun,
            PembukaanBulan.bulan == bulan,
            PembukaanBulan.dibuka_sampai >= today,
            or_(PembukaanBulan.pegawai_id.is_(None), PembukaanBulan.pegawai_id == pegawai_id),
        )
        .order_by(PembukaanBulan.dibuka_sampai.desc())
        .limit(1)
    )
    return StatusBulan(dibuka is not None, batas, dibuka)


def pastikan_bulan_terbuka(
    session: Session, pegawai_id: int, tanggal: date, today: date | None = None, tindakan: str = "Entri"
) -> None:
    status = status_bulan(session, pegawai_id, tanggal.year, tanggal.month, today)
    if not status.terbuka:
        raise ValidationError(
            f"{tindakan} aktivitas bulan {fmt.bulan_tahun(tanggal.year, tanggal.month)} sudah ditutup "
            f"(batas {fmt.tanggal(status.batas)}). Hubungi Admin BKPSDM untuk membuka kembali bulan tersebut."
        )


def _skp_label(rhk: RencanaHasilKerja | None, indikator: IndikatorKinerja | None) -> str:
    if rhk is None:
        return "-"
    return rhk.teks if indikator is None else f"{rhk.teks} — {indikator.teks}"


def as_row(a: AktivitasHarian) -> AktivitasRow:
    return AktivitasRow(
        a.id,
        a.pegawai_id,
        a.periode_id,
        a.tanggal,
        a.jam_mulai,
        a.jam_selesai,
        a.durasi_menit,
        a.aktivitas,
        a.volume,
        a.satuan,
        _skp_label(a.rhk, a.indikator),
        a.status,
        a.alasan_tolak,
        a.bukti_link,
        a.rhk_id,
        a.indikator_id,
        a.katalog_id,
        a.version_id,
    )


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def periode_list(session: Session, actor: Actor) -> list[PeriodeSKP]:
    """The actor's own periods, newest first (the "Periode" choice)."""
    return list(
        session.scalars(
            select(PeriodeSKP)
            .where(PeriodeSKP.pegawai_id == actor.pegawai_id)
            .order_by(PeriodeSKP.tanggal_mulai.desc())
        )
    )


def pilihan_skp(session: Session, actor: Actor, periode_id: int) -> list[PilihanSKP]:
    """ "SKP terkait": the RHK/indikator of the actor's period, only when its SKP is ditetapkan."""
    milik_sendiri(session, actor, PeriodeSKP, periode_id, "Periode SKP tidak ditemukan.")
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode_id))
    if skp is None or skp.status != StatusSKP.DITETAPKAN:
        return []
    pilihan: list[PilihanSKP] = []
    for rhk in skp.rhk:
        if rhk.indikator:
            pilihan += [PilihanSKP(rhk.id, iki.id, _skp_label(rhk, iki)) for iki in rhk.indikator]
        else:
            pilihan.append(PilihanSKP(rhk.id, None, rhk.teks))
    return pilihan


def katalog_pilihan(session: Session) -> list[KatalogAktivitas]:
    """The aktif katalog aktivitas (readable by every pegawai)."""
    return list(session.scalars(select(KatalogAktivitas).where(KatalogAktivitas.aktif).order_by(KatalogAktivitas.nama)))


def _may_view(session: Session, actor: Actor, pegawai_id: int) -> None:
    """Own records; the atasan (direct, or penilai of one of the pegawai's periods); admin."""
    if actor.pegawai_id == pegawai_id or actor.is_admin:
        return
    atasan = session.scalar(select(Pegawai.atasan_id).where(Pegawai.id == pegawai_id))
    if atasan == actor.pegawai_id:
        return
    if session.scalar(
        select(PeriodeSKP.id)
        .where(PeriodeSKP.pegawai_id == pegawai_id, PeriodeSKP.penilai_id == actor.pegawai_id)
        .limit(1)
    ):
        return
    raise AksesDitolak("Anda hanya dapat melihat aktivitas Anda sendiri atau bawahan langsung Anda.")


def list_bulan(
    session: Session, actor: Actor, pegawai_id: int, tahun: int, bulan: int, status: StatusAktivitas | None = None
) -> list[AktivitasRow]:
    """The pegawai's activities of the month, by date and time."""
    _may_view(session, actor, pegawai_id)
    first, last = bulan_range(tahun, bulan)
    query = select(AktivitasHarian).where(
        AktivitasHarian.pegawai_id == pegawai_id, AktivitasHarian.tanggal >= first, AktivitasHarian.tanggal <= last
    )
    if status is not None:
        query = query.where(AktivitasHarian.status == status)
    query = query.order_by(AktivitasHarian.tanggal, AktivitasHarian.jam_mulai, AktivitasHarian.id)
    return [as_row(a) for a in session.scalars(query)]


def get_own(session: Session, actor: Actor, aktivitas_id: int) -> AktivitasHarian:
    return milik_sendiri(session, actor, AktivitasHarian, aktivitas_id, "Aktivitas tidak ditemukan.")


def slot_berikutnya(session: Session, actor: Actor, tanggal: date, menit: int = 60) -> tuple[time, time]:
    """A sensible default for Jam Mulai/Jam Selesai: right after the day's last activity (07.30 on an
    empty day), ``menit`` long, never past midnight."""
    last = session.scalar(
        select(AktivitasHarian.jam_selesai)
        .where(
            AktivitasHarian.pegawai_id == actor.pegawai_id,
            AktivitasHarian.tanggal == tanggal,
            AktivitasHarian.status != DITOLAK,
        )
        .order_by(AktivitasHarian.jam_selesai.desc())
        .limit(1)
    )
    mulai = last or JAM_MASUK
    start = mulai.hour * 60 + mulai.minute
    end = min(start + max(menit, 1), 23 * 60 + 59)
    if end <= start:
        start, end = 23 * 60 + 58, 23 * 60 + 59
    return time(start // 60, start % 60), time(end // 60, end % 60)


# ---------------------------------------------------------------------------------------------
# Validating the input
# ---------------------------------------------------------------------------------------------


def _volume(value) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", ".")) if value is not None else None
    except (InvalidOperation, ValueError):  # ValueError: str() of an int of more than 4300 digits
        number = None
    if number is None or not number.is_finite() or number <= 0 or number >= Decimal("1e14"):
        raise ValidationError("Volume output harus berupa angka lebih dari 0.")
    return number.quantize(Decimal("0.0001"))


def _link(value: str | None) -> str | None:
    """Optional bukti link: an absolute http/https address (services.platform.tautan's rules)."""
    text = (value or "").strip()
    return tautan.validate_url(text) if text else None


def _check(
    session: Session, actor: Actor, data: AktivitasInput, today: date | None, ignore_id: int | None = None
) -> dict:
    """Every rule of an entry; returns the column values to store."""
    today = _today(today)
    if data.tanggal is None:
        raise ValidationError("Tanggal wajib diisi.")
    tanggal = data.tanggal
    if tanggal > today:
        raise ValidationError(
            f"Tanggal {fmt.tanggal(tanggal)} belum terjadi; aktivitas hanya dapat diisi "
            "untuk hari ini atau hari sebelumnya."
        )
    if data.jam_mulai is None or data.jam_selesai is None:
        raise ValidationError("Jam Mulai dan Jam Selesai wajib diisi.")
    jam_mulai = data.jam_mulai.replace(second=0, microsecond=0)
    jam_selesai = data.jam_selesai.replace(second=0, microsecond=0)
    if jam_selesai <= jam_mulai:
        raise ValidationError("Jam Selesai harus setelah Jam Mulai pada tanggal yang sama.")
    teks = (data.aktivitas or "").strip()
    if not teks:
        raise ValidationError("Uraian aktivitas wajib diisi.")
    if len(teks) > AKTIVITAS_MAX:
        raise ValidationError(f"Uraian aktivitas paling banyak {AKTIVITAS_MAX} karakter.")
    volume = _volume(data.volume)
    satuan = (data.satuan or "").strip()
    if not satuan or len(satuan) > SATUAN_MAX:
        raise ValidationError(f"Satuan output wajib diisi, paling banyak {SATUAN_MAX} karakter.")
    link = _link(data.bukti_link)

    periode = periode_on(session, actor.pegawai_id, tanggal)
    if periode is None:
        raise ValidationError(
            f"Tanggal {fmt.tanggal(tanggal)} tidak berada di dalam Periode SKP Anda. "
            "Buat atau sesuaikan Periode SKP terlebih dahulu."
        )
    if data.periode_id is not None and data.periode_id != periode.id:
        raise ValidationError(
            f"Tanggal {fmt.tanggal(tanggal)} berada di luar Periode yang dipilih; pilih periode "
            f"{fmt.tanggal(periode.tanggal_mulai)} – {fmt.tanggal(periode.tanggal_akhir)}."
        )
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode.id))
    if skp is None or skp.status != StatusSKP.DITETAPKAN:
        keadaan = skp.status.value if skp else "belum ada"
        raise ValidationError(
            f"SKP periode ini belum ditetapkan atasan (status: {keadaan}). Aktivitas harian "
            "hanya dapat diisi setelah SKP Ditetapkan Sebagai SKP."
        )
    if data.rhk_id is None:
        raise ValidationError("Pilih SKP terkait (Rencana Hasil Kerja) untuk aktivitas ini.")
    rhk = session.get(RencanaHasilKerja, data.rhk_id)
    if rhk is None or rhk.skp_id != skp.id:
        raise SkpTidakCocok("SKP terkait tidak termasuk SKP yang ditetapkan untuk periode tanggal ini.")
    if data.indikator_id is not None:
        iki = session.get(IndikatorKinerja, data.indikator_id)
        if iki is None or iki.rhk_id != rhk.id:
            raise SkpTidakCocok("Indikator yang dipilih bukan indikator dari Rencana Hasil Kerja tersebut.")
    if data.katalog_id is not None and session.get(KatalogAktivitas, data.katalog_id) is None:
        raise ValidationError("Katalog aktivitas tidak ditemukan.")
    pastikan_bulan_terbuka(session, actor.pegawai_id, tanggal, today)

    kunci_pegawai(session, actor.pegawai_id)
    clash = session.scalar(
        select(AktivitasHarian)
        .where(
            AktivitasHarian.pegawai_id == actor.pegawai_id,
            AktivitasHarian.tanggal == tanggal,
            AktivitasHarian.status != DITOLAK,
            AktivitasHarian.jam_mulai < jam_selesai,
            AktivitasHarian.jam_selesai > jam_mulai,
            AktivitasHarian.id != (ignore_id or -1),
        )
        .order_by(AktivitasHarian.jam_mulai)
        .limit(1)
    )
    if clash is not None:
        raise TumpangTindih(
            f"Jam {jam(jam_mulai)}–{jam(jam_selesai)} bertumpang tindih dengan aktivitas lain pada "
            f'{fmt.tanggal(tanggal)}: "{clash.aktivitas[:80]}" ({jam(clash.jam_mulai)}–{jam(clash.jam_selesai)}). '
            "Aktivitas tidak boleh tumpang tindih waktunya."
        )
    return dict(
        pegawai_id=actor.pegawai_id,
        periode_id=periode.id,
        rhk_id=rhk.id,
        indikator_id=data.indikator_id,
        katalog_id=data.katalog_id,
        tanggal=tanggal,
        jam_mulai=jam_mulai,
        jam_selesai=jam_selesai,
        durasi_menit=durasi(jam_mulai, jam_selesai),
        aktivitas=teks,
        volume=volume,
        satuan=satuan,
        bukti_link=link,
    )


# ---------------------------------------------------------------------------------------------
# Changing
# ---------------------------------------------------------------------------------------------


def create(session: Session, actor: Actor, data: AktivitasInput, today: date | None = None) -> AktivitasHarian:
    """ "Tambah Aktivitas" → "Simpan": a new row, Menunggu Validasi, its minutes stored."""
    values = _check(session, actor, data, today)
    row = AktivitasHarian(**values, status=MENUNGGU)
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "tambah_aktivitas", "aktivitas_harian", row.id, None, audit.snapshot(row, *AUDIT_FIELDS)
    )
    return row


KONFLIK_UBAH = (
    "Data ini telah diubah oleh orang lain sejak Anda membukanya (misalnya sudah divalidasi atau "
    "ditolak atasan, atau diubah di tab lain). Perubahan Anda tidak disimpan; muat ulang halaman untuk "
    "melihat data terbaru."
)
KONFLIK_HAPUS = (
    "Data ini telah diubah oleh orang lain sejak Anda membukanya (misalnya sudah divalidasi atau "
    "ditolak atasan, atau diubah di tab lain). Aktivitas tidak dihapus; muat ulang halaman untuk "
    "melihat data terbaru."
)


def update(
    session: Session, actor: Actor, aktivitas_id: int, data: AktivitasInput, today: date | None = None, *, version: int
) -> AktivitasHarian:
    """Edit a Menunggu row, or correct a Ditolak one and submit it again (back to Menunggu). ``version``
    is the row's version the screen showed; a row changed since then is a KonflikData."""
    row = get_own(session, actor, aktivitas_id)
    cek_versi(row, version, KONFLIK_UBAH)
    if row.status == TERVALIDASI:
        raise ValidationError("Aktivitas yang sudah Tervalidasi tidak dapat diubah.")
    pastikan_bulan_terbuka(session, actor.pegawai_id, row.tanggal, today)
    values = _check(session, actor, data, today, ignore_id=row.id)
    before = audit.snapshot(row, *AUDIT_FIELDS)
    aksi = "kirim_ulang_aktivitas" if row.status == DITOLAK else "ubah_aktivitas"
    for key, value in values.items():
        setattr(row, key, value)
    row.status, row.alasan_tolak = MENUNGGU, None
    row.divalidasi_oleh_id, row.divalidasi_at, row.updated_at = None, None, utcnow()
    flush_atau_konflik(session, KONFLIK_UBAH)
    audit.record(session, actor, aksi, "aktivitas_harian", row.id, before, audit.snapshot(row, *AUDIT_FIELDS))
    return row


def delete(session: Session, actor: Actor, aktivitas_id: int, today: date | None = None, *, version: int) -> None:
    """Delete a Menunggu row (after the page's confirmation); ``version`` as for :func:`update`."""
    row = get_own(session, actor, aktivitas_id)
    cek_versi(row, version, KONFLIK_HAPUS)
    if row.status != MENUNGGU:
        raise ValidationError(
            f"Hanya aktivitas berstatus Menunggu Validasi yang dapat dihapus "
            f"(status aktivitas ini: {row.status.value})."
        )
    pastikan_bulan_terbuka(session, actor.pegawai_id, row.tanggal, today)
    before = audit.snapshot(row, *AUDIT_FIELDS)
    session.delete(row)
    flush_atau_konflik(session, KONFLIK_HAPUS)
    audit.record(session, actor, "hapus_aktivitas", "aktivitas_harian", aktivitas_id, before, None)


def hari_kerja_sebelumnya(session: Session, tanggal: date) -> date | None:
    """The working day before ``tanggal`` (weekends and hari libur skipped), within 31 days."""
    days = kalender.hari_kerja(session, tanggal - timedelta(days=31), tanggal - timedelta(days=1))
    return days[-1] if days else None


def salin_hari_sebelumnya(session: Session, actor: Actor, ke_tanggal: date, today: date | None = None) -> HasilSalin:
    """ "Salin dari hari sebelumnya": the previous working day's activities (not the Ditolak ones) copied to
    ``ke_tanggal`` as Menunggu, same times and SKP terkait; a copy that would overlap, or whose RHK is not
    in the SKP of ``ke_tanggal``, is skipped. The target date's rules (period, SKP, month) still apply."""
    dari = hari_kerja_sebelumnya(session, ke_tanggal)
    if dari is None:
        return HasilSalin(None, 0, 0)
    sumber = list(
        session.scalars(
            select(AktivitasHarian)
            .where(
                AktivitasHarian.pegawai_id == actor.pegawai_id,
                AktivitasHarian.tanggal == dari,
                AktivitasHarian.status != DITOLAK,
            )
            .order_by(AktivitasHarian.jam_mulai)
        )
    )
    disalin = dilewati = 0
    for a in sumber:
        data = replace(as_row(a).as_input(), tanggal=ke_tanggal, periode_id=None)
        try:  # every check runs before anything is added, so a refused row leaves no trace
            create(session, actor, data, today)
        except (TumpangTindih, SkpTidakCocok):
            dilewati += 1
        else:
            disalin += 1
    return HasilSalin(dari, disalin, dilewati)

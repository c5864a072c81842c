"""Templat Mingguan (docs/domain.md §8.37): the pegawai's own activities per weekday, kept, changed and applied
to a range of days in one click. Applying creates ordinary Aktivitas Harian through
:func:`services.aktivitas.harian.tambah` (every entry rule: period, SKP of the date, open month, no overlap);
what cannot be added is skipped and reported one line each — a day off as one line ("25 Des (hari libur)"),
a row as another ("26 Des 08.00–09.00 (tumpang tindih)") — so nothing is skipped silently."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import SKP, IndikatorKinerja, PeriodeSKP, RencanaHasilKerja, TemplatAktivitas
from db.models.base import utcnow
from services.aktivitas.bulan import status_bulan
from services.aktivitas.entri import AKTIVITAS_MAX, SATUAN_MAX, SkpTidakCocok, TumpangTindih, jam, parse_volume
from services.aktivitas.harian import AktivitasInput, tambah
from services.aktivitas.salin import aktivitas_hari
from services.organisasi import ketidakhadiran
from services.platform import audit, kalender
from services.platform import format as fmt
from services.platform.access import Actor, milik_sendiri
from services.platform.errors import ValidationError
from services.platform.masukan import teks_bebas

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat")
RENTANG_MAKS = 31  # days one click may fill: a month at most
BARIS_MAKS = 20  # rows per weekday
FIELDS = ("hari", "jam_mulai", "jam_selesai", "aktivitas", "volume", "satuan", "rhk_id", "indikator_id")


@dataclass(frozen=True)
class TemplatInput:
    """One template row as the form sends it."""

    hari: int | None
    rhk_id: int | None
    indikator_id: int | None
    aktivitas: str
    volume: Decimal | int | float | str | None
    satuan: str
    jam_mulai: time | None
    jam_selesai: time | None


@dataclass(frozen=True)
class TemplatRow:
    id: int
    hari: int
    jam_mulai: time
    jam_selesai: time
    aktivitas: str
    volume: Decimal
    satuan: str
    skp_terkait: str
    rhk_id: int | None
    indikator_id: int | None

    @property
    def nama_hari(self) -> str:
        return HARI[self.hari]

    @property
    def jam(self) -> str:
        return f"{jam(self.jam_mulai)}–{jam(self.jam_selesai)}"


@dataclass
class HasilTerapkan:
    """What one "Terapkan Templat" did: how many activities were added and each line skipped."""

    ditambahkan: int = 0
    dilewati: list[str] = field(default_factory=list)

    def pesan(self) -> str:
        """12 aktivitas ditambahkan; 2 dilewati: 25 Des (hari libur), 26 Des 08.00–09.00 (tumpang tindih)."""
        teks = f"{self.ditambahkan} aktivitas ditambahkan"
        if self.dilewati:
            teks += f"; {len(self.dilewati)} dilewati: " + ", ".join(self.dilewati)
        return teks + "."


def nama_hari(tanggal: date) -> str | None:
    """Senin … Jumat, or None on a weekend (a template has no weekend rows)."""
    return HARI[tanggal.weekday()] if tanggal.weekday() < len(HARI) else None


def _label(rhk: RencanaHasilKerja | None, iki: IndikatorKinerja | None) -> str:
    if rhk is None:
        return "- (pilih ulang SKP terkait)"
    return rhk.teks if iki is None else f"{rhk.teks} — {iki.teks}"


def daftar(session: Session, actor: Actor) -> list[TemplatRow]:
    """The actor's template, by weekday and time."""
    rows = session.scalars(
        select(TemplatAktivitas)
        .where(TemplatAktivitas.pegawai_id == actor.pegawai_id)
        .order_by(TemplatAktivitas.hari, TemplatAktivitas.jam_mulai, TemplatAktivitas.id)
    )
    return [
        TemplatRow(
            r.id,
            r.hari,
            r.jam_mulai,
            r.jam_selesai,
            r.aktivitas,
            r.volume,
            r.satuan,
            _label(r.rhk, r.indikator),
            r.rhk_id,
            r.indikator_id,
        )
        for r in rows
    ]


def _periksa(session: Session, actor: Actor, data: TemplatInput, ignore_id: int | None = None) -> dict:
    """A row's own rules: a weekday, times in order, text, volume, the actor's own RHK/indikator, no overlap
    with the weekday's other rows."""
    if data.hari is None or not 0 <= data.hari < len(HARI):
        raise ValidationError("Pilih hari templat: Senin sampai Jumat.")
    if data.jam_mulai is None or data.jam_selesai is None:
        raise ValidationError("Jam Mulai dan Jam Selesai wajib diisi.")
    mulai, selesai = (t.replace(second=0, microsecond=0) for t in (data.jam_mulai, data.jam_selesai))
    if selesai <= mulai:
        raise ValidationError("Jam Selesai harus setelah Jam Mulai.")
    teks = teks_bebas(data.aktivitas, "Uraian aktivitas", AKTIVITAS_MAX)
    volume = parse_volume(data.volume)
    satuan = teks_bebas(data.satuan, "Satuan output", SATUAN_MAX)
    pemilik = (
        session.scalar(
            select(PeriodeSKP.pegawai_id)
            .join(SKP, SKP.periode_id == PeriodeSKP.id)
            .join(RencanaHasilKerja, RencanaHasilKerja.skp_id == SKP.id)
            .where(RencanaHasilKerja.id == data.rhk_id)
        )
        if data.rhk_id is not None
        else None
    )
    if pemilik != actor.pegawai_id:
        raise ValidationError("Pilih SKP terkait (Rencana Hasil Kerja) dari SKP Anda sendiri.")
    if data.indikator_id is not None:
        iki = session.get(IndikatorKinerja, data.indikator_id)
        if iki is None or iki.rhk_id != data.rhk_id:
            raise ValidationError("Indikator yang dipilih bukan indikator dari Rencana Hasil Kerja tersebut.")
    lain = [
        r
        for r in session.scalars(
            select(TemplatAktivitas).where(
                TemplatAktivitas.pegawai_id == actor.pegawai_id,
                TemplatAktivitas.hari == data.hari,
                TemplatAktivitas.id != (ignore_id or -1),
            )
        )
    ]
    bentrok = next((r for r in lain if r.jam_mulai < selesai and r.jam_selesai > mulai), None)
    if bentrok is not None:
        raise ValidationError(
            f"Jam {jam(mulai)}–{jam(selesai)} bertumpang tindih dengan baris templat {HARI[data.hari]} "
            f'"{bentrok.aktivitas[:80]}" ({jam(bentrok.jam_mulai)}–{jam(bentrok.jam_selesai)}).'
        )
    if ignore_id is None and len(lain) >= BARIS_MAKS:
        raise ValidationError(f"Templat {HARI[data.hari]} sudah berisi {BARIS_MAKS} baris.")
    return dict(
        pegawai_id=actor.pegawai_id,
        hari=data.hari,
        jam_mulai=mulai,
        jam_selesai=selesai,
        aktivitas=teks,
        volume=volume,
        satuan=satuan,
        rhk_id=data.rhk_id,
        indikator_id=data.indikator_id,
    )


def tambah_baris(session: Session, actor: Actor, data: TemplatInput) -> TemplatAktivitas:
    """ "Tambah Baris Templat"."""
    row = TemplatAktivitas(**_periksa(session, actor, data), updated_at=utcnow())
    session.add(row)
    session.flush()
    audit.record(session, actor, "tambah_templat", "templat_aktivitas", row.id, None, audit.snapshot(row, *FIELDS))
    return row


def ubah_baris(session: Session, actor: Actor, templat_id: int, data: TemplatInput) -> TemplatAktivitas:
    """ "Simpan Perubahan" of one template row."""
    row = milik_sendiri(session, actor, TemplatAktivitas, templat_id, "Baris templat tidak ditemukan.")
    values = _periksa(session, actor, data, ignore_id=row.id)
    before = audit.snapshot(row, *FIELDS)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = utcnow()
    session.flush()
    audit.record(session, actor, "ubah_templat", "templat_aktivitas", row.id, before, audit.snapshot(row, *FIELDS))
    return row


def hapus_baris(session: Session, actor: Actor, templat_id: int) -> None:
    """ "Hapus Baris" (after the page's confirmation)."""
    row = milik_sendiri(session, actor, TemplatAktivitas, templat_id, "Baris templat tidak ditemukan.")
    before = audit.snapshot(row, *FIELDS)
    session.delete(row)
    session.flush()
    audit.record(session, actor, "hapus_templat", "templat_aktivitas", templat_id, before, None)


def simpan_hari(session: Session, actor: Actor, tanggal: date) -> int:
    """ "Simpan hari ini sebagai templat <hari>": the weekday's template becomes the activities of ``tanggal``
    (not the Ditolak ones), replacing its rows; returns how many rows it holds now."""
    hari = tanggal.weekday()
    if hari >= len(HARI):
        raise ValidationError("Templat hanya untuk hari Senin sampai Jumat.")
    sumber = aktivitas_hari(session, actor, tanggal)[:BARIS_MAKS]
    if not sumber:
        raise ValidationError(f"Tidak ada aktivitas pada {fmt.tanggal(tanggal)} untuk disimpan sebagai templat.")
    lama = [
        audit.snapshot(r, *FIELDS)
        for r in session.scalars(
            select(TemplatAktivitas).where(
                TemplatAktivitas.pegawai_id == actor.pegawai_id, TemplatAktivitas.hari == hari
            )
        )
    ]
    session.execute(
        delete(TemplatAktivitas).where(TemplatAktivitas.pegawai_id == actor.pegawai_id, TemplatAktivitas.hari == hari)
    )
    baru = [
        TemplatAktivitas(
            pegawai_id=actor.pegawai_id,
            hari=hari,
            jam_mulai=a.jam_mulai,
            jam_selesai=a.jam_selesai,  # 24.00 (entri.TENGAH_MALAM) stays the end of the day
            aktivitas=a.aktivitas,
            volume=a.volume,
            satuan=a.satuan,
            rhk_id=a.rhk_id,
            indikator_id=a.indikator_id,
            updated_at=utcnow(),
        )
        for a in sumber
    ]
    session.add_all(baru)
    session.flush()
    audit.record(
        session,
        actor,
        "simpan_hari_sebagai_templat",
        "templat_aktivitas",
        HARI[hari],
        {"baris": lama},
        {"dari_tanggal": tanggal, "baris": [audit.snapshot(r, *FIELDS) for r in baru]},
    )
    return len(baru)


def _hari_libur(session: Session, pegawai_id: int, mulai: date, akhir: date) -> dict[date, str]:
    """The days of the range no activity can be added to, with the reason shown: hari libur, and the absences
    that reduce hari kerja (the entry rules refuse those days too; naming the kind is clearer)."""
    alasan = {d: "hari libur" for d in kalender.hari_libur_set(session, mulai, akhir)}
    for catatan in ketidakhadiran.tercatat(session, pegawai_id, mulai, akhir):
        if catatan.mengurangi:
            hari = max(catatan.tanggal_mulai, mulai)
            while hari <= min(catatan.tanggal_akhir, akhir):
                alasan.setdefault(hari, catatan.jenis.value)
                hari += timedelta(days=1)
    return alasan


def terapkan(session: Session, actor: Actor, mulai: date, akhir: date, today: date | None = None) -> HasilTerapkan:
    """ "Terapkan Templat" from ``mulai`` to ``akhir``: each weekday's rows added as Menunggu Validasi through
    the entry rules. A day off (hari libur, cuti …) is one skipped line; a row refused on its own (overlap, an
    SKP terkait not in the SKP of that date) another; any other refusal of a day (closed month, no ditetapkan
    SKP, a future date) skips the day with the rule's message. Nothing refused leaves a trace."""
    today = today or kalender.hari_ini()
    if akhir < mulai:
        raise ValidationError("Tanggal akhir harus sama dengan atau setelah tanggal awal.")
    if (akhir - mulai).days >= RENTANG_MAKS:
        raise ValidationError(f"Templat dapat diterapkan pada paling banyak {RENTANG_MAKS} hari sekaligus.")
    if akhir > today:
        raise ValidationError(
            f"Tanggal {fmt.tanggal(akhir)} belum terjadi; templat hanya dapat diterapkan sampai hari ini."
        )
    per_hari: dict[int, list[TemplatRow]] = {}
    for row in daftar(session, actor):
        per_hari.setdefault(row.hari, []).append(row)
    if not per_hari:
        raise ValidationError("Templat Anda masih kosong. Tambahkan baris templat terlebih dahulu.")
    libur = _hari_libur(session, actor.pegawai_id, mulai, akhir)
    hasil = HasilTerapkan()
    ditutup: dict[tuple[int, int], bool] = {}
    tanggal = mulai
    while tanggal <= akhir:
        rows = per_hari.get(tanggal.weekday(), [])
        alasan = libur.get(tanggal) or _bulan_ditutup(session, actor, tanggal, today, ditutup)
        if rows and alasan:
            hasil.dilewati.append(f"{fmt.tanggal_singkat(tanggal)} ({alasan})")
        elif rows:
            _terapkan_hari(session, actor, tanggal, rows, today, hasil)
        tanggal += timedelta(days=1)
    return hasil


def _bulan_ditutup(
    session: Session, actor: Actor, tanggal: date, today: date, ditutup: dict[tuple[int, int], bool]
) -> str | None:
    """ "bulan ditutup" when the date's month no longer takes entries (read once per month of the range)."""
    kunci = (tanggal.year, tanggal.month)
    if kunci not in ditutup:
        ditutup[kunci] = not status_bulan(session, actor.pegawai_id, *kunci, today).terbuka
    return "bulan ditutup" if ditutup[kunci] else None


def _terapkan_hari(
    session: Session, actor: Actor, tanggal: date, rows: list[TemplatRow], today: date, hasil: HasilTerapkan
) -> None:
    for row in rows:
        data = AktivitasInput(
            tanggal, row.rhk_id, row.aktivitas, row.volume, row.satuan, row.jam_mulai, row.jam_selesai, row.indikator_id
        )
        try:  # every check runs before anything is added, so a refused row leaves no trace
            tambah(session, actor, data, today)
        except TumpangTindih:
            hasil.dilewati.append(f"{fmt.tanggal_singkat(tanggal)} {row.jam} (tumpang tindih)")
        except SkpTidakCocok:
            hasil.dilewati.append(
                f"{fmt.tanggal_singkat(tanggal)} {row.jam} (SKP terkait tidak ada di SKP tanggal itu)"
            )
        except ValidationError as error:
            if row.rhk_id is None:
                hasil.dilewati.append(f"{fmt.tanggal_singkat(tanggal)} {row.jam} (SKP terkait belum dipilih)")
                continue
            hasil.dilewati.append(f"{fmt.tanggal_singkat(tanggal)} ({error.message})")
            return  # the day's own rule (closed month, no SKP): its other rows would be refused alike
        else:
            hasil.ditambahkan += 1

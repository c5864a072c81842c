"""The rules of one Aktivitas Harian entry (docs/domain.md §3.9), checked before anything is stored: the
form's fields, the date inside one of the pegawai's Periode SKP whose SKP is ditetapkan (or, after a mutasi,
still being made: :func:`terbuka_untuk_entri`), the SKP terkait
from that SKP, the month still open, not a day of an absence that reduces hari kerja (§8.25), and no overlap
with another activity of the pegawai (a Ditolak row does not block: it no longer counts). Each refusal is
an Indonesian message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusAktivitas, StatusSKP
from db.models import SKP, AktivitasHarian, IndikatorKinerja, KatalogAktivitas, PeriodeSKP, RencanaHasilKerja
from services.aktivitas.bulan import pastikan_bulan_terbuka
from services.organisasi import kepala_daerah, ketidakhadiran
from services.organisasi.mutasi import dibuka_mutasi
from services.organisasi.periode import periode_on
from services.platform import format as fmt
from services.platform import tautan
from services.platform.access import Actor
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini
from services.platform.konkurensi import kunci_pegawai
from services.platform.masukan import teks_bebas

DITOLAK = StatusAktivitas.DITOLAK
AKTIVITAS_MAX = 2000
SATUAN_MAX = 100


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


#: Jam Selesai 24.00, the end of the day (docs/domain.md §8.38): stored as the last second of the day, so
#: "selesai after mulai" and the overlap check hold as they are; shown as 24.00 and counted to 1440 minutes.
#: A Jam Selesai of 00.00 after a Jam Mulai is read as this.
TENGAH_MALAM = time(23, 59, 59)


def jam(value: time) -> str:
    """08.30 (Indonesian time notation); the end of the day is 24.00."""
    return "24.00" if value == TENGAH_MALAM else value.strftime("%H.%M")


def durasi(jam_mulai: time, jam_selesai: time) -> int:
    """Minutes from Jam Mulai to Jam Selesai on the same date (24.00 included)."""
    akhir = 24 * 60 if jam_selesai == TENGAH_MALAM else jam_selesai.hour * 60 + jam_selesai.minute
    return akhir - (jam_mulai.hour * 60 + jam_mulai.minute)


def parse_volume(value) -> Decimal:
    """The output volume: a number above 0 (a decimal comma is read as a point), 4 decimals."""
    try:
        number = Decimal(str(value).strip().replace(",", ".")) if value is not None else None
    except (InvalidOperation, ValueError):  # ValueError: str() of an int of more than 4300 digits
        number = None
    if number is None or not number.is_finite() or number <= 0 or number >= Decimal("1e14"):
        raise ValidationError("Volume output harus berupa angka lebih dari 0.")
    return number.quantize(Decimal("0.0001"))


def _link(value: str | None) -> str | None:
    """Optional bukti link: an absolute http/https address (services.platform.tautan's rules)."""
    text = teks_bebas(value, "Tautan bukti dukung", tautan.PANJANG_MAKS, wajib=False)
    return tautan.periksa_tautan(text) if text else None


def _bukan_hari_tidak_hadir(session: Session, pegawai_id: int, tanggal: date) -> None:
    """A day of an absence that reduces hari kerja brings no minutes (docs/domain.md §8.25); a day of another
    kind (Izin by default) is only marked on the screen."""
    for catatan in ketidakhadiran.tercatat(session, pegawai_id, tanggal, tanggal):
        if catatan.mengurangi:
            raise ValidationError(
                f"Tanggal {fmt.tanggal(tanggal)} tercatat {catatan.jenis.value}; hari itu tidak dihitung sebagai "
                "hari kerja, jadi aktivitas tidak dapat diisi. Jika catatan itu keliru, hubungi admin BKPSDM."
            )


def terbuka_untuk_entri(session: Session, periode: PeriodeSKP, skp: SKP) -> bool:
    """A ditetapkan SKP takes activities; so does the not-yet-ditetapkan SKP of a period opened by a mutasi
    (docs/domain.md §8.2), so no working day after a mutasi is lost while the new atasan ditetapkan it. Its
    rows wait as "Menunggu Penetapan SKP" (services.aktivitas.harian.tertahan)."""
    return skp.status == StatusSKP.DITETAPKAN or dibuka_mutasi(session, periode)


def periksa(
    session: Session, actor: Actor, data: AktivitasInput, today: date | None, ignore_id: int | None = None
) -> dict:
    """Every rule of an entry; returns the column values to store."""
    today = today or hari_ini()
    kepala_daerah.tolak_tanpa_skp(session, actor.pegawai_id, "Aktivitas Harian")
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
    if jam_selesai == time(0, 0) or data.jam_selesai == TENGAH_MALAM:
        jam_selesai = TENGAH_MALAM
    if jam_selesai <= jam_mulai:
        raise ValidationError("Jam Selesai harus setelah Jam Mulai pada tanggal yang sama.")
    teks = teks_bebas(data.aktivitas, "Uraian aktivitas", AKTIVITAS_MAX)
    volume = parse_volume(data.volume)
    satuan = teks_bebas(data.satuan, "Satuan output", SATUAN_MAX)
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
    if skp is None or not terbuka_untuk_entri(session, periode, skp):
        keadaan = skp.status.value if skp else "belum ada"
        raise ValidationError(
            f"SKP periode ini belum ditetapkan atasan (status: {keadaan}). Aktivitas harian "
            "hanya dapat diisi setelah SKP Ditetapkan Sebagai SKP."
        )
    if data.rhk_id is None:
        raise ValidationError("Pilih SKP terkait (Rencana Hasil Kerja) untuk aktivitas ini.")
    rhk = session.get(RencanaHasilKerja, data.rhk_id)
    if rhk is None or rhk.skp_id != skp.id:
        raise SkpTidakCocok("SKP terkait tidak termasuk SKP periode tanggal ini.")
    if data.indikator_id is not None:
        iki = session.get(IndikatorKinerja, data.indikator_id)
        if iki is None or iki.rhk_id != rhk.id:
            raise SkpTidakCocok("Indikator yang dipilih bukan indikator dari Rencana Hasil Kerja tersebut.")
    if data.katalog_id is not None and session.get(KatalogAktivitas, data.katalog_id) is None:
        raise ValidationError("Katalog aktivitas tidak ditemukan.")
    pastikan_bulan_terbuka(session, actor.pegawai_id, tanggal, today)

    kunci_pegawai(session, actor.pegawai_id)  # before the checks a concurrent writer could invalidate
    _bukan_hari_tidak_hadir(session, actor.pegawai_id, tanggal)
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

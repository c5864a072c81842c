"""An activity crossing midnight (docs/domain.md §8.38): 22.00–02.00 on "Simpan" is two activities, one until
24.00 on its date and one from 00.00 the next day, each through the entry rules of
:func:`services.aktivitas.harian.tambah` in the same transaction — either both are stored or neither. The
output volume is shared by minutes, so the two add up to what was typed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from db.models import AktivitasHarian
from services.aktivitas.entri import TENGAH_MALAM, AktivitasInput, durasi, jam, parse_volume
from services.aktivitas.harian import tambah as tambah_satu
from services.platform import format as fmt
from services.platform.access import Actor
from services.platform.errors import ValidationError


def melewati_tengah_malam(data: AktivitasInput) -> bool:
    """Jam Selesai before Jam Mulai (00.00 is 24.00 of the same day, not a crossing)."""
    if data.tanggal is None or data.jam_mulai is None or data.jam_selesai is None:
        return False
    selesai = data.jam_selesai.replace(second=0, microsecond=0)
    return selesai != time(0, 0) and selesai < data.jam_mulai.replace(second=0, microsecond=0)


def pecah(data: AktivitasInput) -> list[AktivitasInput]:
    """The parts to store: ``data`` itself, or its two halves around midnight with the volume shared by minutes
    (the first rounded to 4 decimals, the second the rest). The second part takes the period of its own date."""
    if not melewati_tengah_malam(data):
        return [data]
    assert data.tanggal is not None and data.jam_mulai is not None and data.jam_selesai is not None
    mulai = data.jam_mulai.replace(second=0, microsecond=0)
    selesai = data.jam_selesai.replace(second=0, microsecond=0)
    menit_awal, menit_akhir = durasi(mulai, TENGAH_MALAM), durasi(time(0, 0), selesai)
    volume = parse_volume(data.volume)
    awal = (volume * menit_awal / (menit_awal + menit_akhir)).quantize(Decimal("0.0001"))
    if awal <= 0 or awal >= volume:  # a volume too small to share: each part records it whole
        awal = sisa = volume
    else:
        sisa = volume - awal
    return [
        replace(data, jam_mulai=mulai, jam_selesai=TENGAH_MALAM, volume=awal),
        replace(
            data,
            tanggal=data.tanggal + timedelta(days=1),
            jam_mulai=time(0, 0),
            jam_selesai=selesai,
            volume=sisa,
            periode_id=None,
        ),
    ]


def bagian(data: AktivitasInput) -> str:
    """5 Desember 2026 22.00–24.00: one part as the messages name it."""
    assert data.jam_mulai is not None and data.jam_selesai is not None
    selesai = TENGAH_MALAM if data.jam_selesai == time(0, 0) else data.jam_selesai
    return f"{fmt.tanggal(data.tanggal)} {jam(data.jam_mulai)}–{jam(selesai)}"


def tambah(session: Session, actor: Actor, data: AktivitasInput, today: date | None = None) -> list[AktivitasHarian]:
    """ "Tambah Aktivitas" → "Simpan": one activity, or the two parts of one crossing midnight. A refused part
    refuses the whole save (the caller's transaction rolls back) and its message names the part."""
    parts = pecah(data)
    rows = []
    for nomor, part in enumerate(parts, start=1):
        try:
            rows.append(tambah_satu(session, actor, part, today))
        except ValidationError as error:
            if len(parts) == 1:
                raise
            urutan = "pertama" if nomor == 1 else "kedua"
            raise ValidationError(
                f"Aktivitas melewati tengah malam dan dipecah menjadi dua; bagian {urutan} ({bagian(part)}) "
                f"tidak dapat disimpan: {error.message} Tidak ada yang disimpan."
            ) from error
    return rows


def pesan_tersimpan(data: AktivitasInput) -> str:
    """The success message of "Simpan", naming both parts when the activity was split."""
    parts = pecah(data)
    if len(parts) == 1:
        return f"Aktivitas {bagian(data)} tersimpan dan menunggu validasi atasan."
    return (
        f"Aktivitas melewati tengah malam dan disimpan sebagai dua: {bagian(parts[0])} dan {bagian(parts[1])}; "
        "keduanya menunggu validasi atasan."
    )

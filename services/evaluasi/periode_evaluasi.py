"""The evaluation periods of Evaluasi Kinerja (docs/domain.md §3.13): their codes, months and labels.

Triwulan I–IV and Tahunan (setting ``periode_evaluasi = 'triwulan'``, the default), or Januari …
Desember and Tahunan (``'bulanan'``). Codes: TW1..TW4, B01..B12, TAHUNAN. A period counts only the
months that lie in the Periode SKP.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from db.models import PeriodeSKP
from services.platform import format as fmt
from services.platform import settings
from services.platform.errors import ValidationError
from services.platform.kalender import hari_ini

TAHUNAN = "TAHUNAN"
_ROMAWI = ("I", "II", "III", "IV")
BULAN_PERIODE: dict[str, tuple[int, ...]] = {
    **{f"TW{q}": tuple(range(3 * q - 2, 3 * q + 1)) for q in range(1, 5)},
    **{f"B{m:02d}": (m,) for m in range(1, 13)},
    TAHUNAN: tuple(range(1, 13)),
}


def label_periode(kode: str) -> str:
    """Triwulan I, Maret, Tahunan."""
    if kode == TAHUNAN:
        return "Tahunan"
    if kode.startswith("TW"):
        return f"Triwulan {_ROMAWI[int(kode[2:]) - 1]}"
    return fmt.nama_bulan(int(kode[1:]))


def kode_periode(session: Session) -> list[str]:
    """The evaluation periods of the instansi's setting, in order, Tahunan last."""
    if settings.ambil(session, "periode_evaluasi") == "bulanan":
        return [f"B{m:02d}" for m in range(1, 13)] + [TAHUNAN]
    return [f"TW{q}" for q in range(1, 5)] + [TAHUNAN]


def bulan_periode_skp(periode: PeriodeSKP) -> list[int]:
    """The months (1–12) that the Periode SKP touches."""
    return list(range(periode.tanggal_mulai.month, periode.tanggal_akhir.month + 1))


def bulan_evaluasi(kode: str, periode: PeriodeSKP) -> list[int]:
    """The months of evaluation period ``kode`` that lie in the Periode SKP."""
    if kode not in BULAN_PERIODE:
        raise ValidationError("Periode evaluasi tidak dikenal.")
    dalam = set(bulan_periode_skp(periode))
    return [m for m in BULAN_PERIODE[kode] if m in dalam]


def periode_untuk(session: Session, periode: PeriodeSKP) -> list[str]:
    """The evaluation periods (of the setting) that apply to this Periode SKP."""
    return [k for k in kode_periode(session) if bulan_evaluasi(k, periode)]


def kode_untuk_bulan(session: Session, bulan: int) -> str:
    """The (non-annual) evaluation period of the setting that contains ``bulan``."""
    return next(k for k in kode_periode(session) if k != TAHUNAN and bulan in BULAN_PERIODE[k])


def label_rentang(kode: str, periode: PeriodeSKP) -> str:
    """Triwulan I (Januari – Maret 2026), Maret 2026, Tahunan (Januari – Desember 2026)."""
    bulan = bulan_evaluasi(kode, periode)
    if not bulan:
        return label_periode(kode)
    if kode.startswith("B"):
        return fmt.bulan_tahun(periode.tahun, bulan[0])
    awal, akhir = fmt.nama_bulan(bulan[0]), fmt.bulan_tahun(periode.tahun, bulan[-1])
    return f"{label_periode(kode)} ({akhir})" if len(bulan) == 1 else f"{label_periode(kode)} ({awal} – {akhir})"


def default_kode(session: Session, periode: PeriodeSKP, today: date | None = None) -> str:
    """The evaluation period containing today (or the period's last month), for a first choice."""
    today = today or hari_ini()
    bulan = bulan_periode_skp(periode)
    month = today.month if periode.tahun == today.year and today.month in bulan else bulan[-1]
    kode = kode_untuk_bulan(session, month)
    return kode if kode in periode_untuk(session, periode) else periode_untuk(session, periode)[0]

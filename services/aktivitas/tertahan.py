"""Waiting rows the atasan cannot validate yet (docs/domain.md §8.2, §8.11): a label derived from the row and its
period's SKP, never a stored status (StatusAktivitas keeps its three values). A row moved by a mutasi without a
matching RHK waits for the pegawai to choose the SKP terkait again; a row entered on the SKP of a period opened
by a mutasi waits for that SKP to be ditetapkan. Screens show the label; validation refuses with its reason."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusAktivitas, StatusSKP
from db.models import SKP, PeriodeSKP
from services.aktivitas.entri import terbuka_untuk_entri
from services.platform.access import Actor, milik_sendiri

MENUNGGU_PENETAPAN = "Menunggu Penetapan SKP"
PILIH_ULANG = "Pilih Ulang SKP Terkait"
#: A waiting row of a month already closed (its closing day passed, or Tutup Bulan): it stays Menunggu and uncounted
#: (docs/domain.md §3.10, §8.39); only a Buka Bulan of that month makes it actionable again.
BULAN_DITUTUP = "Bulan Sudah Ditutup"

#: Why validation refuses a row with that label.
ALASAN = {
    MENUNGGU_PENETAPAN: "SKP periode barunya (sesudah mutasi) belum ditetapkan; validasi setelah SKP ditetapkan",
    PILIH_ULANG: "aktivitas ini dipindahkan ke periode baru karena mutasi dan belum terhubung dengan SKP terkait; "
    "pegawai perlu memilih SKP terkait pada SKP periode barunya terlebih dahulu",
    BULAN_DITUTUP: "bulannya sudah ditutup; validasi atau tolak hanya setelah Admin BKPSDM membuka kembali bulan itu",
}


def tertahan(status: StatusAktivitas, rhk_id: int | None, status_skp: StatusSKP | None) -> str | None:
    """The label of a Menunggu row that cannot be validated yet; None for an ordinary row."""
    if status != StatusAktivitas.MENUNGGU:
        return None
    if rhk_id is None:
        return PILIH_ULANG
    return MENUNGGU_PENETAPAN if status_skp not in (None, StatusSKP.DITETAPKAN) else None


def skp_menunggu_penetapan(session: Session, actor: Actor, periode_id: int) -> bool:
    """Whether the actor's period takes activities that will wait for its SKP's penetapan (the screen says so)."""
    periode = milik_sendiri(session, actor, PeriodeSKP, periode_id, "Periode SKP tidak ditemukan.")
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode.id))
    return skp is not None and skp.status != StatusSKP.DITETAPKAN and terbuka_untuk_entri(session, periode, skp)

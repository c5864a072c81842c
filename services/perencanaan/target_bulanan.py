"""Target bulanan (e-book, SKP administrator step 10): an indikator's target split over the months of
its Periode SKP. The cell shows "Belum Dibuat" until the pegawai saves it with "Simpan Target
Bulanan"; the months of a Kuantitas (cumulative) indikator add up to its target."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from numbers import Integral

from sqlalchemy.orm import Session

from db.enums import Aspek
from db.models import IndikatorKinerja, PeriodeSKP, TargetBulanan
from services.perencanaan.skp_akses import skp_untuk_diubah
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.masukan import TEMPAT_DESIMAL, baca_angka, sama

BELUM_DIBUAT = "Belum Dibuat"
SUDAH_DIBUAT = "Sudah Dibuat"
PERLU_DIPERBAIKI = "Perlu Diperbaiki"


def bulan_periode(periode: PeriodeSKP) -> list[int]:
    """The months the period touches (a period lies inside one year)."""
    return list(range(periode.tanggal_mulai.month, periode.tanggal_akhir.month + 1))


def usulan(target: Decimal, aspek: Aspek, bulan: list[int]) -> dict[int, Decimal]:
    """A starting point for the form: a Kuantitas target spread evenly (whole units when the target is
    whole, adding up exactly); any other aspek keeps the target every month."""
    target = Decimal(str(target)).quantize(TEMPAT_DESIMAL)
    if aspek != Aspek.KUANTITAS or not bulan:
        return {b: target for b in bulan}
    n = len(bulan)
    if target == target.to_integral():
        whole = int(target)
        parts = [Decimal((whole * m) // n - (whole * (m - 1)) // n) for m in range(1, n + 1)]
    else:
        share = (target / n).quantize(TEMPAT_DESIMAL)
        parts = [share] * (n - 1) + [target - share * (n - 1)]
    return dict(zip(bulan, parts))


def masalah(indikator: IndikatorKinerja, bulan: list[int]) -> str | None:
    """Why the indikator's target bulanan is not ready for Ajukan Draft, or None."""
    rows = {t.bulan: t.target for t in indikator.target_bulanan}
    if not rows:
        return BELUM_DIBUAT
    kurang = [b for b in bulan if b not in rows]
    lebih = [b for b in rows if b not in bulan]
    if kurang or lebih:
        return "tidak sesuai dengan bulan-bulan Periode SKP; simpan ulang target bulanannya"
    if indikator.aspek == Aspek.KUANTITAS:
        total = sum((Decimal(str(v)) for v in rows.values()), Decimal(0))
        if not sama(total, indikator.target):
            return (
                f"berjumlah {fmt.target(total)}, tidak sama dengan target {fmt.target(indikator.target)} "
                f"{indikator.satuan}"
            )
    return None


def ringkasan(status: str) -> str:
    """The one word for a status from :func:`masalah` (the button that opens the form): Belum Dibuat,
    Sudah Dibuat, or Perlu Diperbaiki for anything wrong."""
    return status if status in (BELUM_DIBUAT, SUDAH_DIBUAT) else PERLU_DIPERBAIKI


def simpan(session: Session, actor: Actor, indikator_id: int, nilai: Mapping[int, object]) -> IndikatorKinerja:
    """Replace the indikator's target bulanan with ``nilai`` (month number → target) — every month of
    the period, no other month; Kuantitas months add up to the target. A key that is not a month number
    (text, a float, None) is a ValidationError like any other bad input."""
    indikator = session.get(IndikatorKinerja, indikator_id)
    if indikator is None:
        raise TidakDitemukan("Indikator tidak ditemukan.")
    skp = skp_untuk_diubah(session, actor, indikator.rhk.skp_id)
    bukan_bulan = [b for b in nilai if isinstance(b, bool) or not isinstance(b, Integral)]
    if bukan_bulan:
        nama = ", ".join(f'"{str(b)[:20]}"' for b in bukan_bulan[:3])
        raise ValidationError(f"Bulan target bulanan harus berupa nomor bulan 1–12; {nama} bukan nomor bulan.")
    bulan = bulan_periode(skp.periode)
    luar = sorted(b for b in nilai if b not in bulan)
    if luar:
        nama = ", ".join(fmt.nama_bulan(b) if isinstance(b, int) and 1 <= b <= 12 else str(b) for b in luar)
        raise ValidationError(
            f"Bulan {nama} berada di luar Periode SKP ({fmt.tanggal(skp.periode.tanggal_mulai)} "
            f"– {fmt.tanggal(skp.periode.tanggal_akhir)}); target bulanan hanya untuk bulan "
            "dalam periode."
        )
    kosong = [b for b in bulan if b not in nilai or nilai[b] in (None, "")]
    if kosong:
        raise ValidationError("Target bulan " + ", ".join(fmt.nama_bulan(b) for b in kosong) + " belum diisi.")
    values = {b: baca_angka(nilai[b], f"Target bulan {fmt.nama_bulan(b)}") for b in bulan}
    if indikator.aspek == Aspek.KUANTITAS:
        total = sum(values.values(), Decimal(0))
        if not sama(total, indikator.target):
            selisih = Decimal(str(indikator.target)) - total
            arah = "kurang" if selisih > 0 else "lebih"
            raise ValidationError(
                f"Jumlah target bulanan {fmt.target(total)} {indikator.satuan} tidak sama dengan target indikator "
                f"{fmt.target(indikator.target)} {indikator.satuan} ({arah} {fmt.target(abs(selisih))}). "
                "Untuk aspek Kuantitas, jumlah target semua bulan harus sama dengan targetnya."
            )
    before = {t.bulan: t.target for t in indikator.target_bulanan}
    # Update the months in place: replacing the whole collection makes the unit of work INSERT the new
    # rows before it DELETEs the old ones, which breaks the unique (indikator, bulan) on a second save.
    ada = {t.bulan: t for t in indikator.target_bulanan}
    for b, row in ada.items():
        if b not in values:
            indikator.target_bulanan.remove(row)
    session.flush()
    for b, v in values.items():
        if b in ada:
            ada[b].target = v
        else:
            indikator.target_bulanan.append(TargetBulanan(bulan=b, target=v))
    session.flush()
    audit.record(session, actor, "simpan_target_bulanan", "indikator_kinerja", indikator.id, before or None, values)
    return indikator


def hapus_semua(session: Session, actor: Actor, indikator: IndikatorKinerja, alasan: str) -> None:
    """Clear the target bulanan (after the indikator's target or aspek changed), audited."""
    if not indikator.target_bulanan:
        return
    before = {t.bulan: t.target for t in indikator.target_bulanan}
    indikator.target_bulanan = []
    session.flush()
    audit.record(session, actor, "hapus_target_bulanan", "indikator_kinerja", indikator.id, before, {"alasan": alasan})

"""Rencana SKP (e-book: SKP JPT steps 12–14, SKP administrator/fungsional/pelaksana steps 7–9): the
RHK of an SKP and their indikator.

A JPT / pimpinan unit kerja mandiri (period snapshot) takes each RHK from a Sasaran Strategis of their
Perjanjian Kinerja. Everyone else names, for every RHK, the atasan RHK it intervenes: an RHK of the
period's penilai in an SKP overlapping the period — typed, or taken ("Gunakan") from the atasan's
Matriks Peran Hasil. Changes only while the SKP is Draft or Dikembalikan.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from db.enums import Aspek, JenisRHK
from db.models import (
    SKP,
    AktivitasHarian,
    IndikatorKinerja,
    PeranHasil,
    PeriodeSKP,
    PerjanjianKinerja,
    PolaPenugasan,
    RealisasiBulanan,
    RencanaHasilKerja,
)
from services.perencanaan import target_bulanan as target_bulanan_service
from services.perencanaan.skp_akses import skp_untuk_diubah
from services.platform import audit
from services.platform.access import Actor
from services.platform.errors import ValidationError
from services.platform.masukan import baca_angka, sama, teks_wajib
from services.platform.perubahan import BarisTercatat

POLA_DEFAULT = "Direktif Pejabat Penilai (Mandiri)"
RHK = BarisTercatat(
    RencanaHasilKerja,
    "rencana_hasil_kerja",
    ("teks", "jenis", "perspektif", "perjanjian_id", "rhk_atasan_id"),
    "Rencana Hasil Kerja tidak ditemukan.",
)
IKI = BarisTercatat(
    IndikatorKinerja,
    "indikator_kinerja",
    ("teks", "aspek", "target", "satuan", "pola_penugasan_id"),
    "Indikator tidak ditemukan.",
)


# --- reference lists -----------------------------------------------------------------------------


def pastikan_pola_default(session: Session) -> None:
    """The admin-kept Pola Penugasan list is never empty: the e-book's default is added when it is."""
    if session.scalar(select(PolaPenugasan.id).limit(1)) is None:
        session.add(PolaPenugasan(nama=POLA_DEFAULT, aktif=True))
        session.flush()
        audit.record(session, None, "buat_pola_penugasan_default", "pola_penugasan", None, None, {"nama": POLA_DEFAULT})


def daftar_pola(session: Session) -> list[PolaPenugasan]:
    """Active Pola Penugasan, the e-book's default first; the default is added when the list is empty
    (so call it in a writing transaction)."""
    pastikan_pola_default(session)
    rows = list(session.scalars(select(PolaPenugasan).where(PolaPenugasan.aktif).order_by(PolaPenugasan.nama)))
    return sorted(rows, key=lambda p: p.nama != POLA_DEFAULT)


def _rhk_penilai(kolom: Any, periode: PeriodeSKP) -> Select[Any]:
    """``kolom`` of the penilai's RHK in their SKP of the periods overlapping this period (none when it has
    no penilai: no period has a NULL pegawai)."""
    return (
        select(kolom)
        .select_from(RencanaHasilKerja)
        .join(SKP, RencanaHasilKerja.skp_id == SKP.id)
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .where(
            PeriodeSKP.pegawai_id == periode.penilai_id,
            PeriodeSKP.tanggal_mulai <= periode.tanggal_akhir,
            PeriodeSKP.tanggal_akhir >= periode.tanggal_mulai,
        )
    )


def rhk_atasan_pilihan(session: Session, periode: PeriodeSKP) -> list[RencanaHasilKerja]:
    """The RHK a bawahan's RHK of this period may intervene: the penilai's RHK in their SKP covering it."""
    query = _rhk_penilai(RencanaHasilKerja, periode).order_by(SKP.periode_id, RencanaHasilKerja.id)
    return list(session.scalars(query))


def peran_tersedia(session: Session, periode: PeriodeSKP) -> list[PeranHasil]:
    """Cells of the atasan's Matriks Peran Hasil for this pegawai, not yet taken into an RHK."""
    return list(
        session.scalars(
            select(PeranHasil)
            .where(
                PeranHasil.bawahan_id == periode.pegawai_id,
                PeranHasil.rhk_bawahan_id.is_(None),
                PeranHasil.rhk_atasan_id.in_(_rhk_penilai(RencanaHasilKerja.id, periode)),
            )
            .order_by(PeranHasil.rhk_atasan_id, PeranHasil.id)
        )
    )


# --- RHK -----------------------------------------------------------------------------------------


def _jenis(jenis: object) -> JenisRHK:
    try:
        return JenisRHK(jenis)
    except ValueError:
        raise ValidationError("Jenis RHK harus Utama atau Tambahan.") from None


def _require_jpt(skp: SKP) -> None:
    if not skp.periode.plans_like_jpt:
        raise ValidationError(
            "Rencana Hasil Kerja dari Perjanjian Kinerja hanya untuk JPT dan pimpinan unit kerja "
            "mandiri. Pilih RHK atasan yang diintervensi."
        )


def _require_non_jpt(skp: SKP) -> None:
    if skp.periode.plans_like_jpt:
        raise ValidationError(
            "JPT dan pimpinan unit kerja mandiri menambahkan Rencana Hasil Kerja dari "
            "Perjanjian Kinerja (menu Data Master → Perjanjian Kinerja)."
        )


def _rhk_atasan(session: Session, skp: SKP, rhk_atasan_id: int | None) -> RencanaHasilKerja:
    pilihan = {r.id: r for r in rhk_atasan_pilihan(session, skp.periode)}
    if not pilihan:
        raise ValidationError(
            "Atasan Anda belum mengisi Rencana Hasil Kerja untuk periode ini. Rencana SKP dapat "
            "diisi setelah atasan mengisi rencana kinerjanya; silakan menunggu."
        )
    if rhk_atasan_id is None:
        raise ValidationError("Pilih RHK atasan yang diintervensi.")
    rhk = pilihan.get(rhk_atasan_id)
    if rhk is None:
        raise ValidationError("RHK atasan yang dipilih bukan RHK pejabat penilai Anda pada periode ini.")
    return rhk


def tambah_rhk_jpt(
    session: Session, actor: Actor, skp_id: int, perjanjian_id: int, jenis: object = JenisRHK.UTAMA
) -> RencanaHasilKerja:
    """JPT "Tambah": the RHK is the Sasaran Strategis of the chosen Perjanjian Kinerja, with its perspektif."""
    skp = skp_untuk_diubah(session, actor, skp_id)
    _require_jpt(skp)
    jenis = _jenis(jenis)
    pk = session.get(PerjanjianKinerja, perjanjian_id) if perjanjian_id is not None else None
    if pk is None or pk.periode_id != skp.periode_id:
        raise ValidationError("Pilih Perjanjian Kinerja periode ini.")
    if session.scalar(
        select(exists().where(RencanaHasilKerja.skp_id == skp.id, RencanaHasilKerja.perjanjian_id == pk.id))
    ):
        raise ValidationError("Perjanjian Kinerja ini sudah ditambahkan ke Rencana SKP.")
    rhk = RencanaHasilKerja(
        skp_id=skp.id, teks=pk.sasaran_strategis, jenis=jenis, perspektif=pk.perspektif, perjanjian_id=pk.id
    )
    return RHK.tambah(session, actor, "tambah_rhk", rhk)


def tambah_rhk(
    session: Session, actor: Actor, skp_id: int, teks: str, rhk_atasan_id: int | None, jenis: object = JenisRHK.UTAMA
) -> RencanaHasilKerja:
    """Non-JPT "Tambah": an RHK that names the atasan RHK it intervenes."""
    skp = skp_untuk_diubah(session, actor, skp_id)
    _require_non_jpt(skp)
    atasan = _rhk_atasan(session, skp, rhk_atasan_id)
    rhk = RencanaHasilKerja(
        skp_id=skp.id, teks=teks_wajib(teks, "Rencana Hasil Kerja"), jenis=_jenis(jenis), rhk_atasan_id=atasan.id
    )
    return RHK.tambah(session, actor, "tambah_rhk", rhk)


def gunakan_peran(
    session: Session, actor: Actor, skp_id: int, peran_id: int, jenis: object = JenisRHK.UTAMA
) -> RencanaHasilKerja:
    """ "Gunakan": a cell of the atasan's Matriks Peran Hasil becomes the pegawai's RHK."""
    skp = skp_untuk_diubah(session, actor, skp_id)
    _require_non_jpt(skp)
    peran = session.get(PeranHasil, peran_id)
    if peran is None or peran.id not in {p.id for p in peran_tersedia(session, skp.periode)}:
        raise ValidationError(
            "Rencana Hasil Kerja dari atasan ini tidak tersedia (sudah dipakai atau bukan untuk periode Anda)."
        )
    rhk = RencanaHasilKerja(skp_id=skp.id, teks=peran.teks, jenis=_jenis(jenis), rhk_atasan_id=peran.rhk_atasan_id)
    RHK.tambah(session, actor, "gunakan_peran_hasil", rhk, sebelum={"peran_hasil_id": peran.id})
    peran.rhk_bawahan_id = rhk.id
    return rhk


def _rhk_untuk_diubah(session: Session, actor: Actor, rhk_id: int) -> RencanaHasilKerja:
    rhk = RHK.ambil(session, rhk_id)
    skp_untuk_diubah(session, actor, rhk.skp_id)
    return rhk


def ubah_rhk(
    session: Session, actor: Actor, rhk_id: int, teks: str | None, jenis: object, rhk_atasan_id: int | None = None
) -> RencanaHasilKerja:
    """Change the text, jenis and (non-JPT) the atasan RHK; a JPT RHK keeps its Sasaran Strategis."""
    rhk = _rhk_untuk_diubah(session, actor, rhk_id)
    with RHK.ubah(session, actor, "ubah_rhk", rhk):
        jenis_baru = _jenis(jenis)
        if rhk.perjanjian_id is not None:
            if teks is not None and " ".join(teks.split()) != rhk.teks:
                raise ValidationError(
                    "RHK JPT mengikuti Sasaran Strategis Perjanjian Kinerja; "
                    "ubah kalimatnya di menu Perjanjian Kinerja."
                )
        else:
            teks_baru = teks_wajib(teks, "Rencana Hasil Kerja")
            atasan = _rhk_atasan(session, rhk.skp, rhk_atasan_id if rhk_atasan_id is not None else rhk.rhk_atasan_id)
            rhk.teks, rhk.rhk_atasan_id = teks_baru, atasan.id
        rhk.jenis = jenis_baru
    return rhk


def _dipakai_di_pelaksanaan(session: Session, rhk_ids: list[int], indikator_ids: list[int]) -> bool:
    """Aktivitas or realisasi already point at these (they keep the plan from disappearing)."""
    if rhk_ids and session.scalar(select(exists().where(AktivitasHarian.rhk_id.in_(rhk_ids)))):
        return True
    if indikator_ids and session.scalar(select(exists().where(AktivitasHarian.indikator_id.in_(indikator_ids)))):
        return True
    return bool(indikator_ids) and bool(
        session.scalar(select(exists().where(RealisasiBulanan.indikator_id.in_(indikator_ids))))
    )


def hapus_rhk(session: Session, actor: Actor, rhk_id: int) -> None:
    """Delete an RHK with its indikator; a Matriks Peran Hasil cell it came from is free again."""
    rhk = _rhk_untuk_diubah(session, actor, rhk_id)
    if session.scalar(select(exists().where(RencanaHasilKerja.rhk_atasan_id == rhk.id))):
        raise ValidationError("RHK ini sudah diintervensi oleh RHK bawahan dan tidak dapat dihapus.")
    if _dipakai_di_pelaksanaan(session, [rhk.id], [i.id for i in rhk.indikator]):
        raise ValidationError("RHK ini sudah dipakai pada Aktivitas Harian atau realisasi dan tidak dapat dihapus.")
    indikator = [i.teks for i in rhk.indikator]
    for peran in session.scalars(select(PeranHasil).where(PeranHasil.rhk_bawahan_id == rhk.id)):
        peran.rhk_bawahan_id = None
    for peran in session.scalars(select(PeranHasil).where(PeranHasil.rhk_atasan_id == rhk.id)):
        session.delete(peran)  # unused cells of the atasan's own matrix go with the RHK
    RHK.hapus(session, actor, "hapus_rhk", rhk, indikator=indikator)


# --- indikator -----------------------------------------------------------------------------------


def _aspek(aspek: object) -> Aspek:
    try:
        return Aspek(aspek)
    except ValueError:
        raise ValidationError("Aspek harus Kuantitas, Kualitas, Waktu atau Biaya.") from None


def _pola(session: Session, pola_penugasan_id: object) -> int:
    pola = session.get(PolaPenugasan, pola_penugasan_id) if pola_penugasan_id is not None else None
    if pola is None or not pola.aktif:
        raise ValidationError("Pilih Pola Penugasan.")
    return pola.id


@dataclass(frozen=True)
class _IsianIndikator:
    """The fields of an IKI as typed in the form, checked."""

    teks: str
    aspek: Aspek
    target: Decimal
    satuan: str
    pola_penugasan_id: int


def _isian_indikator(
    session: Session, teks: str, aspek: object, target: object, satuan: str, pola_penugasan_id: int | None
) -> _IsianIndikator:
    return _IsianIndikator(
        teks_wajib(teks, "Indikator Kinerja Individu"),
        _aspek(aspek),
        baca_angka(target, "Target", positif=True),
        teks_wajib(satuan, "Satuan", 100),
        _pola(session, pola_penugasan_id),
    )


def tambah_indikator(
    session: Session,
    actor: Actor,
    rhk_id: int,
    teks: str,
    aspek: object,
    target: object,
    satuan: str,
    pola_penugasan_id: int | None,
) -> IndikatorKinerja:
    """ "Tambah Indikator" → "Tambahkan": IKI sentence, aspek, target + satuan (e.g. 13 Dokumen), pola penugasan."""
    rhk = _rhk_untuk_diubah(session, actor, rhk_id)
    isian = _isian_indikator(session, teks, aspek, target, satuan, pola_penugasan_id)
    indikator = IndikatorKinerja(rhk_id=rhk.id, **asdict(isian))
    return IKI.tambah(session, actor, "tambah_indikator", indikator, rhk_id=rhk.id)


def _indikator_untuk_diubah(session: Session, actor: Actor, indikator_id: int) -> IndikatorKinerja:
    indikator = IKI.ambil(session, indikator_id)
    skp_untuk_diubah(session, actor, indikator.rhk.skp_id)
    return indikator


def ubah_indikator(
    session: Session,
    actor: Actor,
    indikator_id: int,
    teks: str,
    aspek: object,
    target: object,
    satuan: str,
    pola_penugasan_id: int | None,
) -> IndikatorKinerja:
    """Change an IKI. When its target or aspek changes, its target bulanan must be made again."""
    indikator = _indikator_untuk_diubah(session, actor, indikator_id)
    isian = _isian_indikator(session, teks, aspek, target, satuan, pola_penugasan_id)
    with IKI.ubah(session, actor, "ubah_indikator", indikator):
        berubah = isian.aspek != indikator.aspek or not sama(isian.target, indikator.target)
        for field, value in asdict(isian).items():
            setattr(indikator, field, value)
        if berubah:
            target_bulanan_service.hapus_semua(session, actor, indikator, "target atau aspek indikator berubah")
    return indikator


def hapus_indikator(session: Session, actor: Actor, indikator_id: int) -> None:
    indikator = _indikator_untuk_diubah(session, actor, indikator_id)
    if _dipakai_di_pelaksanaan(session, [], [indikator.id]):
        raise ValidationError(
            "Indikator ini sudah dipakai pada Aktivitas Harian atau realisasi dan tidak dapat dihapus."
        )
    IKI.hapus(session, actor, "hapus_indikator", indikator, rhk_id=indikator.rhk_id)

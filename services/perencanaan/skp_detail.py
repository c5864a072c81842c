"""The whole SKP as plain data, for the pegawai's own Rencana SKP, the atasan's "Pilih Bawahan" view
and the printed document alike: identity, status, RHK with the intervened atasan RHK, indikator with
targets and target bulanan, the 7 Perilaku Kerja rows with their ekspektasi, and what still blocks
"Ajukan Draft"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import Aspek, JenisRHK, Perspektif, StatusSKP
from db.models import Pegawai, PeriodeSKP
from services.organisasi import wewenang
from services.organisasi.berakhlak import BERAKHLAK
from services.perencanaan import target_bulanan as target_bulanan_service
from services.perencanaan.kalimat import petunjuk_iki, petunjuk_sasaran
from services.perencanaan.penetapan import kekurangan, perspektif_kurang, staf_ahli
from services.perencanaan.skp_akses import DAPAT_DIUBAH, ambil_skp, boleh_menilai, require_pembaca
from services.platform.access import Actor
from services.platform.format import WIB
from services.platform.pdf import Identitas


@dataclass(frozen=True)
class IndikatorView:
    id: int
    nomor: str  # "1.2"
    teks: str
    aspek: Aspek
    target: Decimal
    satuan: str
    pola_penugasan_id: int | None
    pola_penugasan: str
    target_bulanan: dict[int, Decimal]
    status_target_bulanan: str  # "Belum Dibuat", "Sudah Dibuat" or what is wrong
    petunjuk: list[str]


@dataclass(frozen=True)
class RhkView:
    id: int
    nomor: int
    teks: str
    jenis: JenisRHK
    perspektif: Perspektif | None
    rhk_atasan_id: int | None
    rhk_atasan: str | None
    perjanjian_id: int | None
    indikator: list[IndikatorView]
    petunjuk: list[str]


@dataclass(frozen=True)
class PerilakuView:
    nomor: int
    nama: str
    panduan: tuple[str, ...]
    ekspektasi: str | None


@dataclass(frozen=True)
class SkpDetail:
    skp_id: int
    periode_id: int
    status: StatusSKP
    catatan_atasan: str | None
    tahun: int
    tanggal_mulai: date
    tanggal_akhir: date
    bulan: list[int]
    plans_like_jpt: bool
    staf_ahli: bool
    pegawai: Identitas
    penilai: Identitas | None
    penilai_id: int | None
    diajukan_at: datetime | None
    ditetapkan_at: datetime | None
    rhk: list[RhkView]
    perilaku: list[PerilakuView]
    perspektif_kurang: list[Perspektif]
    kekurangan: list[str]
    milik_sendiri: bool
    sebagai_penilai: bool

    @property
    def dapat_diubah(self) -> bool:
        """The pegawai may still change it (Draft or Dikembalikan)."""
        return self.milik_sendiri and self.status in DAPAT_DIUBAH


def identitas_penilai(session: Session, periode: PeriodeSKP) -> Identitas | None:
    """The penilai as in their own period overlapping this one (their snapshot), else as they are now."""
    penilai = periode.penilai
    if penilai is None:
        return None
    own = session.scalar(
        select(PeriodeSKP)
        .where(
            PeriodeSKP.pegawai_id == penilai.id,
            PeriodeSKP.tanggal_mulai <= periode.tanggal_akhir,
            PeriodeSKP.tanggal_akhir >= periode.tanggal_mulai,
        )
        .order_by(PeriodeSKP.tanggal_akhir.desc())
        .limit(1)
    )
    if own is not None:
        return Identitas(penilai.nama, penilai.nip, own.pangkat_golongan, own.jabatan, own.unit_kerja_nama)
    return Identitas(penilai.nama, penilai.nip, penilai.pangkat_golongan, penilai.jabatan, penilai.unit_kerja.nama)


def ttd_penilai(
    session: Session, periode: PeriodeSKP, oleh_id: int | None, pada: datetime | None
) -> tuple[str, str, str]:
    """The penilai's signature block of a document: the period's penilai; when the act (ditetapkan, final) was
    done by a Plt/Plh for them (``oleh_id`` at ``pada``), the Plt signs as "Plt. <jabatan>" (docs/domain.md §8.30)."""
    penilai = identitas_penilai(session, periode)
    if penilai is not None and oleh_id is not None and pada is not None and periode.penilai_id != oleh_id:
        tanggal = (pada.astimezone(WIB) if pada.tzinfo is not None else pada).date()
        assert periode.penilai_id is not None  # identitas_penilai found them
        penugasan = wewenang.penugasan_untuk(session, oleh_id, periode.penilai_id, tanggal)
        if penugasan is not None:
            oleh = session.get_one(Pegawai, oleh_id)
            return (f"{penugasan.jenis.value}. {penilai.jabatan}", oleh.nama, oleh.nip)
    return ("Pejabat Penilai Kinerja", penilai.nama if penilai else "-", penilai.nip if penilai else "")


def _indikator(indikator, nomor: str, bulan: list[int]) -> IndikatorView:
    masalah = target_bulanan_service.masalah(indikator, bulan)
    return IndikatorView(
        indikator.id,
        nomor,
        indikator.teks,
        indikator.aspek,
        Decimal(str(indikator.target)),
        indikator.satuan,
        indikator.pola_penugasan_id,
        indikator.pola_penugasan.nama if indikator.pola_penugasan else "-",
        {t.bulan: Decimal(str(t.target)) for t in indikator.target_bulanan},
        target_bulanan_service.SUDAH_DIBUAT if masalah is None else masalah,
        petunjuk_iki(indikator.teks),
    )


def detail(session: Session, actor: Actor, skp_id: int) -> SkpDetail:
    skp = ambil_skp(session, skp_id)
    require_pembaca(actor, skp)
    periode = skp.periode
    pegawai = skp.pegawai
    bulan = target_bulanan_service.bulan_periode(periode)
    rhk = []
    for n, r in enumerate(skp.rhk, start=1):
        rhk.append(
            RhkView(
                r.id,
                n,
                r.teks,
                r.jenis,
                r.perspektif,
                r.rhk_atasan_id,
                r.rhk_atasan.teks if r.rhk_atasan else None,
                r.perjanjian_id,
                [_indikator(i, f"{n}.{k}", bulan) for k, i in enumerate(r.indikator, start=1)],
                petunjuk_sasaran(r.teks) if periode.plans_like_jpt else [],
            )
        )
    ekspektasi = {row.nomor: row.ekspektasi_khusus for row in skp.perilaku}
    return SkpDetail(
        skp.id,
        periode.id,
        skp.status,
        skp.catatan_atasan,
        periode.tahun,
        periode.tanggal_mulai,
        periode.tanggal_akhir,
        bulan,
        periode.plans_like_jpt,
        staf_ahli(periode),
        Identitas(pegawai.nama, pegawai.nip, periode.pangkat_golongan, periode.jabatan, periode.unit_kerja_nama),
        identitas_penilai(session, periode),
        periode.penilai_id,
        skp.diajukan_at,
        skp.ditetapkan_at,
        rhk,
        [PerilakuView(n.nomor, n.nama, n.panduan, ekspektasi.get(n.nomor)) for n in BERAKHLAK],
        perspektif_kurang(skp),
        kekurangan(session, skp) if skp.status in DAPAT_DIUBAH else [],
        actor.pegawai_id == skp.pegawai_id,
        boleh_menilai(actor, skp),
    )

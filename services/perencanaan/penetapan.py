"""The SKP's states (e-book: Ajukan Draft; Validasi SKP oleh Atasan → Proses Penetapan).

One transition table, one transition function. The pegawai submits ("Ajukan Draft") a complete plan and
may take it back ("Tarik Draft") while it waits; only the period's penilai decides: "Ditetapkan Sebagai
SKP" (the SKP is locked) or "Dikembalikan" with a catatan the pegawai reads; a ditetapkan SKP is reopened
by the penilai ("Buka Kembali", with a reason) back to Draft. Every step is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import Perspektif, StatusSKP
from db.models import SKP, Pegawai, PeriodeSKP
from db.models.base import utcnow
from services.organisasi import wewenang
from services.perencanaan import target_bulanan as target_bulanan_service
from services.perencanaan.rencana_skp import rhk_atasan_pilihan
from services.perencanaan.skp_akses import ambil_skp, boleh_menilai
from services.platform import audit
from services.platform.access import Actor
from services.platform.errors import AksesDitolak, ValidationError
from services.platform.masukan import periksa_karakter, teks_wajib

S = StatusSKP


class Aksi(str, Enum):
    AJUKAN = "Ajukan Draft"
    TARIK_DRAFT = "Tarik Draft"
    TETAPKAN = "Ditetapkan Sebagai SKP"
    KEMBALIKAN = "Dikembalikan"
    BUKA_KEMBALI = "Buka Kembali"


class Peran(str, Enum):
    PEGAWAI = "pegawai"
    PENILAI = "penilai"


#: (from-state, action, role) → to-state. Anything not here is refused.
TRANSISI: dict[tuple[StatusSKP, Aksi, Peran], StatusSKP] = {
    (S.DRAFT, Aksi.AJUKAN, Peran.PEGAWAI): S.DIAJUKAN,
    (S.DIKEMBALIKAN, Aksi.AJUKAN, Peran.PEGAWAI): S.DIAJUKAN,
    (S.DIAJUKAN, Aksi.TARIK_DRAFT, Peran.PEGAWAI): S.DRAFT,  # withdrawn before penetapan (§8.37)
    (S.DIAJUKAN, Aksi.TETAPKAN, Peran.PENILAI): S.DITETAPKAN,
    (S.DIAJUKAN, Aksi.KEMBALIKAN, Peran.PENILAI): S.DIKEMBALIKAN,
    (S.DITETAPKAN, Aksi.BUKA_KEMBALI, Peran.PENILAI): S.DRAFT,
}

KEPUTUSAN = (Aksi.TETAPKAN.value, Aksi.KEMBALIKAN.value)  # the choices of "Proses Penetapan"


def transisi(status: StatusSKP, aksi: Aksi, peran: Peran | None) -> StatusSKP:
    """The next state, or a clear refusal (wrong person: AksesDitolak; wrong state: ValidationError)."""
    tujuan = TRANSISI.get((status, aksi, peran)) if peran is not None else None
    if tujuan is not None:
        return tujuan
    berhak = {p for (s, a, p) in TRANSISI if a == aksi}
    if peran not in berhak:
        if Peran.PENILAI in berhak:
            raise AksesDitolak(
                f'Hanya pejabat penilai (atasan langsung) pada periode SKP ini yang dapat memilih "{aksi.value}".'
            )
        raise AksesDitolak(f'Hanya pegawai pemilik SKP yang dapat memilih "{aksi.value}".')
    asal = sorted(s.value for (s, a, p) in TRANSISI if a == aksi and p == peran)
    raise ValidationError(
        f'"{aksi.value}" tidak dapat dilakukan pada SKP berstatus {status.value}; hanya pada SKP '
        f"berstatus {' atau '.join(asal)}."
    )


def aksi_tersedia(status: StatusSKP, peran: Peran) -> list[Aksi]:
    """What this role may choose on an SKP in this state, as the transition table says."""
    return [a for (s, a, p) in TRANSISI if s == status and p == peran]


def peran_of(actor: Actor, skp: SKP) -> Peran | None:
    if actor.pegawai_id == skp.pegawai_id:
        return Peran.PEGAWAI
    if boleh_menilai(actor, skp):
        return Peran.PENILAI
    return None


def staf_ahli(periode: PeriodeSKP) -> bool:
    """Staf Ahli are exempt from the four perspektif (e-book, SKP JPT)."""
    return periode.jabatan.strip().lower().startswith("staf ahli")


def perspektif_kurang(skp: SKP) -> list[Perspektif]:
    """The perspektif a JPT SKP still lacks (none for non-JPT and Staf Ahli)."""
    if not skp.periode.plans_like_jpt or staf_ahli(skp.periode):
        return []
    ada = {r.perspektif for r in skp.rhk}
    return [p for p in Perspektif if p not in ada]


def kekurangan(session: Session, skp: SKP) -> list[str]:
    """What still keeps the SKP from "Ajukan Draft", in the words shown to the pegawai."""
    periode = skp.periode
    masalah: list[str] = []
    if periode.penilai_id is None:
        masalah.append("Periode ini belum memiliki pejabat penilai; lengkapi di menu Penilai Pegawai.")
    if not skp.rhk:
        masalah.append("Belum ada Rencana Hasil Kerja.")
    kurang = perspektif_kurang(skp)
    if kurang:
        masalah.append("Perspektif belum memiliki RHK: " + ", ".join(p.value for p in kurang) + ".")
    atasan_ok = None
    bulan = target_bulanan_service.bulan_periode(periode)
    for nomor, rhk in enumerate(skp.rhk, start=1):
        if not periode.plans_like_jpt:
            if atasan_ok is None:
                atasan_ok = {r.id for r in rhk_atasan_pilihan(session, periode)}
            if rhk.rhk_atasan_id not in atasan_ok:
                masalah.append(
                    f"RHK {nomor} belum menyebut RHK atasan yang diintervensi dari pejabat penilai periode ini."
                )
        if not rhk.indikator:
            masalah.append(f"RHK {nomor} belum memiliki indikator.")
        for urut, indikator in enumerate(rhk.indikator, start=1):
            soal = target_bulanan_service.masalah(indikator, bulan)
            if soal == target_bulanan_service.BELUM_DIBUAT:
                masalah.append(f"Target bulanan indikator {nomor}.{urut} belum dibuat.")
            elif soal:
                masalah.append(f"Target bulanan indikator {nomor}.{urut} {soal}.")
    return masalah


def _ubah_status(session: Session, actor: Actor, skp: SKP, aksi: Aksi, catatan: str | None) -> SKP:
    before = {"status": skp.status, "catatan_atasan": skp.catatan_atasan}
    peran = peran_of(actor, skp)
    skp.status = transisi(skp.status, aksi, peran)
    sebagai = wewenang.sebagai(session, actor, skp.periode.penilai_id) if peran == Peran.PENILAI else {}
    if aksi == Aksi.AJUKAN:
        skp.diajukan_at = utcnow()
    elif aksi == Aksi.TARIK_DRAFT:
        skp.diajukan_at = None
    elif aksi == Aksi.TETAPKAN:
        skp.ditetapkan_at, skp.ditetapkan_oleh_id = utcnow(), actor.pegawai_id
        skp.catatan_atasan = catatan
    else:  # Dikembalikan or Buka Kembali: the pegawai reads why
        skp.catatan_atasan = catatan
        if aksi == Aksi.BUKA_KEMBALI:
            skp.ditetapkan_at = skp.ditetapkan_oleh_id = None
    session.flush()
    audit.record(
        session,
        actor,
        aksi.name.lower(),
        "skp",
        skp.id,
        before,
        {"status": skp.status, "catatan_atasan": skp.catatan_atasan, **sebagai},
    )
    return skp


def ajukan_draft(session: Session, actor: Actor, skp_id: int) -> SKP:
    """ "Ajukan Draft": the pegawai submits a complete plan to the penilai."""
    skp = ambil_skp(session, skp_id, lock=True)
    transisi(skp.status, Aksi.AJUKAN, peran_of(actor, skp))  # the person and state first
    masalah = kekurangan(session, skp)
    if masalah:
        raise ValidationError("Draft belum dapat diajukan: " + " ".join(masalah))
    return _ubah_status(session, actor, skp, Aksi.AJUKAN, skp.catatan_atasan)


def tarik_draft(session: Session, actor: Actor, skp_id: int) -> SKP:
    """ "Tarik Draft": the pegawai takes a submitted plan back to Draft before the penilai decides, to change it;
    it leaves the penilai's waiting list until it is submitted again."""
    skp = ambil_skp(session, skp_id, lock=True)
    transisi(skp.status, Aksi.TARIK_DRAFT, peran_of(actor, skp))
    return _ubah_status(session, actor, skp, Aksi.TARIK_DRAFT, skp.catatan_atasan)


def proses_penetapan(session: Session, actor: Actor, skp_id: int, keputusan: str, catatan: str | None) -> SKP:
    """ "Proses Penetapan": "Ditetapkan Sebagai SKP" (catatan optional) or "Dikembalikan" (catatan required)."""
    try:
        aksi = Aksi(keputusan)
    except ValueError:
        aksi = None
    if aksi not in (Aksi.TETAPKAN, Aksi.KEMBALIKAN):
        raise ValidationError("Pilih status penetapan: Ditetapkan Sebagai SKP atau Dikembalikan.")
    skp = ambil_skp(session, skp_id, lock=True)
    transisi(skp.status, aksi, peran_of(actor, skp))
    if aksi == Aksi.KEMBALIKAN:
        catatan = teks_wajib(catatan, "Catatan untuk pegawai (alasan dikembalikan)", 2000)
    else:
        catatan = " ".join(periksa_karakter(catatan or "", "Catatan").split()) or None
    return _ubah_status(session, actor, skp, aksi, catatan)


def buka_kembali(session: Session, actor: Actor, skp_id: int, alasan: str) -> SKP:
    """ "Buka Kembali": the penilai reopens a ditetapkan SKP (to Draft) with a reason the pegawai reads."""
    skp = ambil_skp(session, skp_id, lock=True)
    transisi(skp.status, Aksi.BUKA_KEMBALI, peran_of(actor, skp))
    return _ubah_status(session, actor, skp, Aksi.BUKA_KEMBALI, teks_wajib(alasan, "Alasan membuka kembali SKP", 2000))


@dataclass(frozen=True)
class SkpBawahan:
    skp_id: int
    nama: str
    nip: str
    jabatan: str
    tanggal_mulai: date
    tanggal_akhir: date
    status: StatusSKP


_URUTAN = {S.DIAJUKAN: 0, S.DIKEMBALIKAN: 1, S.DRAFT: 2, S.DITETAPKAN: 3}


def daftar_bawahan(session: Session, actor: Actor) -> list[SkpBawahan]:
    """ "Pilih Bawahan": the SKP whose period names the actor as penilai; Diajukan first."""
    rows = session.execute(
        select(
            SKP.id,
            Pegawai.nama,
            Pegawai.nip,
            PeriodeSKP.jabatan,
            PeriodeSKP.tanggal_mulai,
            PeriodeSKP.tanggal_akhir,
            SKP.status,
        )
        .join(PeriodeSKP, SKP.periode_id == PeriodeSKP.id)
        .join(Pegawai, SKP.pegawai_id == Pegawai.id)
        .where(wewenang.dinilai(session, actor))
    ).all()
    items = [SkpBawahan(*row) for row in rows]
    return sorted(items, key=lambda b: (_URUTAN[b.status], -b.tanggal_mulai.toordinal(), b.nama))

"""Penilai Pegawai (e-book step 6): the atasan of a period, its correction by the pegawai within the
organisation's rule (docs/domain.md §8.3), the changes shown to the previous and the new penilai, and the
Bawahan tab. The hierarchy never has a cycle."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, false, or_, select
from sqlalchemy.orm import Session

from db.enums import JenisJabatan, StatusPerubahanPenilai, StatusSKP
from db.models import SKP, Pegawai, PenugasanPlt, PeriodeSKP, PerubahanPenilai, UnitKerja
from db.models.base import utcnow
from services.organisasi import struktur as organisasi
from services.organisasi import wewenang
from services.organisasi.periode import ambil_sendiri
from services.platform import audit
from services.platform.access import Actor, require_self
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.kalender import hari_ini

LOCKED_STATUSES = (StatusSKP.DIAJUKAN, StatusSKP.DITETAPKAN)

#: JPT > Administrator > Pengawas > Fungsional = Pelaksana (PP 11/2017 jenjang; a fungsional is rated by the
#: structural atasan above, never by another fungsional or a pelaksana).
PERINGKAT = {
    JenisJabatan.JPT: 4,
    JenisJabatan.ADMINISTRATOR: 3,
    JenisJabatan.PENGAWAS: 2,
    JenisJabatan.FUNGSIONAL: 1,
    JenisJabatan.PELAKSANA: 1,
}

DI_LUAR_ATURAN = (
    "{nama} bukan pejabat di atas Anda dalam unit kerja Anda, sehingga tidak dapat langsung dipilih sebagai "
    "penilai. Ajukan permintaan perubahan penilai kepada Admin BKPSDM dengan alasannya."
)
DITAMPILKAN = (StatusPerubahanPenilai.LANGSUNG, StatusPerubahanPenilai.DISETUJUI)


def cari_pegawai(session: Session, actor: Actor, query: str, limit: int = 20) -> list[Pegawai]:
    """Active pegawai whose name or NIP matches, for a request to the admin (not oneself)."""
    query = (query or "").strip()
    if len(query) < 3:
        return []
    return list(
        session.scalars(
            select(Pegawai)
            .where(
                Pegawai.aktif,
                Pegawai.id != actor.pegawai_id,
                Pegawai.dicari(query),
            )
            .order_by(Pegawai.nama, Pegawai.nip)
            .limit(limit)
        )
    )


def pejabat_pengganti(session: Session, periode: PeriodeSKP) -> list[int]:
    """The Plt/Plh assigned, on some day of the period, to the post of the period's penilai (the pejabat, or a
    unit whose head post they hold); for a period without penilai, to the head post of the period's unit or
    of the unit above it (docs/domain.md §8.30). Never the pegawai."""
    penugasan = list(
        session.scalars(select(PenugasanPlt).where(wewenang.berlaku_pada(periode.tanggal_mulai, periode.tanggal_akhir)))
    )
    if periode.penilai_id is not None:
        pejabat = wewenang.pejabat_penugasan(session, penugasan)
        ids = {p.pegawai_id for p in penugasan if periode.penilai_id in pejabat[p.id]}
    else:
        unit = session.get_one(UnitKerja, periode.unit_kerja_id)
        ids = {p.pegawai_id for p in penugasan if p.pejabat_id is None and p.unit_kerja_id in (unit.id, unit.induk_id)}
    return sorted(ids - {periode.pegawai_id})


def _id_calon(session: Session, periode: PeriodeSKP) -> set[int]:
    """Ids of the pejabat who may be the penilai of ``periode`` (docs/domain.md §8.3): an active holder of a
    higher jabatan whose unit is the pegawai's unit or one above it (a JPT: a JPT of a unit strictly above),
    the atasan the organisation's data gives the pegawai, or an assigned Plt/Plh — never the pegawai, nor
    anyone below them in the hierarchy."""
    unit = session.get_one(UnitKerja, periode.unit_kerja_id)
    rantai = [int(i) for i in unit.path.strip("/").split("/") if i]  # the unit and every unit above it
    di_atas = [i for i in rantai if i != unit.id]
    peringkat = PERINGKAT[periode.jenis_jabatan]
    lebih_tinggi = [j for j, p in PERINGKAT.items() if p > peringkat]
    atasan_id = session.scalar(select(Pegawai.atasan_id).where(Pegawai.id == periode.pegawai_id))
    syarat = [
        and_(Pegawai.jenis_jabatan.in_(lebih_tinggi), Pegawai.unit_kerja_id.in_(rantai)) if lebih_tinggi else false(),
        Pegawai.id.in_([i for i in (atasan_id, *pejabat_pengganti(session, periode)) if i is not None]),
    ]
    if periode.jenis_jabatan == JenisJabatan.JPT:
        syarat.append(and_(Pegawai.jenis_jabatan == JenisJabatan.JPT, Pegawai.unit_kerja_id.in_(di_atas)))
    ids = set(session.scalars(select(Pegawai.id).where(Pegawai.aktif, Pegawai.id != periode.pegawai_id, or_(*syarat))))
    return {i for i in ids if not organisasi.membentuk_siklus(session, periode.pegawai_id, i)}


def calon_penilai(session: Session, actor: Actor, periode_id: int) -> list[Pegawai]:
    """The Ganti Penilai list: the pejabat the pegawai may choose for this period, highest jabatan last
    (the atasan langsung usually first)."""
    periode = ambil_sendiri(session, actor, periode_id)
    require_self(actor, periode.pegawai_id)
    ids = _id_calon(session, periode)
    calon = list(session.scalars(select(Pegawai).where(Pegawai.id.in_(ids)).order_by(Pegawai.nama)))
    return sorted(calon, key=lambda p: (PERINGKAT[p.jenis_jabatan], p.id != periode.penilai_id))


def boleh_menilai(session: Session, periode: PeriodeSKP, penilai_id: int) -> bool:
    return penilai_id in _id_calon(session, periode)


def periksa_boleh_diganti(session: Session, periode: PeriodeSKP, penilai: Pegawai | None) -> Pegawai:
    """The checks every change of penilai passes, by the pegawai or approved by the admin."""
    if penilai is None or not penilai.aktif:
        raise TidakDitemukan("Pegawai penilai tidak ditemukan atau tidak aktif.")
    if penilai.id == periode.pegawai_id:
        raise ValidationError("Anda tidak dapat menjadi penilai bagi diri sendiri.")
    if organisasi.membentuk_siklus(session, periode.pegawai_id, penilai.id):
        raise ValidationError(
            f"{penilai.nama} adalah bawahan (langsung atau tidak langsung) Anda; "
            "susunan atasan–bawahan tidak boleh melingkar."
        )
    skp = session.scalar(select(SKP).where(SKP.periode_id == periode.id))
    if skp is not None and skp.status in LOCKED_STATUSES:
        raise ValidationError(
            f"SKP periode ini sudah {skp.status.value.lower()}; penilai tidak dapat diganti. "
            "Minta atasan mengembalikan SKP terlebih dahulu."
        )
    return penilai


def ganti_penilai(
    session: Session, actor: Actor, periode_id: int, penilai_id: int, today: date | None = None
) -> PeriodeSKP:
    """The pegawai corrects the penilai of their period with a pejabat the rule allows; anyone else is an
    audited refusal (ask the admin: ``permintaan_penilai.ajukan``)."""
    periode = ambil_sendiri(session, actor, periode_id)
    require_self(actor, periode.pegawai_id)
    penilai = periksa_boleh_diganti(session, periode, session.get(Pegawai, penilai_id))
    if penilai.id != periode.penilai_id and not boleh_menilai(session, periode, penilai.id):
        raise audit.penolakan(
            actor,
            "ganti_penilai",
            "periode_skp",
            periode.id,
            {"penilai_id": penilai.id},
            DI_LUAR_ATURAN.format(nama=penilai.nama),
        )
    return setel_penilai(session, actor, periode, penilai, StatusPerubahanPenilai.LANGSUNG, today)


def setel_penilai(
    session: Session,
    actor: Actor,
    periode: PeriodeSKP,
    penilai: Pegawai,
    status: StatusPerubahanPenilai,
    today: date | None = None,
    perubahan: PerubahanPenilai | None = None,
) -> PeriodeSKP:
    """Apply a checked change: the period's penilai, the change row (``perubahan``, or a new one), and for
    the running period the pegawai's atasan (a correction, not a mutasi: the period is not split)."""
    before = {"penilai_id": periode.penilai_id}
    if perubahan is None and penilai.id != periode.penilai_id:
        perubahan = PerubahanPenilai(
            periode_id=periode.id,
            pegawai_id=periode.pegawai_id,
            penilai_lama_id=periode.penilai_id,
            penilai_baru_id=penilai.id,
        )
        session.add(perubahan)
    if perubahan is not None:
        perubahan.status = status
    if perubahan is not None and status != StatusPerubahanPenilai.LANGSUNG:
        perubahan.penilai_lama_id = periode.penilai_id  # the one it replaces now, for their notice
        perubahan.diputuskan_oleh_id, perubahan.diputuskan_pada = actor.pegawai_id, utcnow()
    periode.penilai_id = penilai.id
    today = today or hari_ini()
    audit.record(session, actor, "ganti_penilai", "periode_skp", periode.id, before, {"penilai_id": penilai.id})
    if periode.tanggal_mulai <= today <= periode.tanggal_akhir:
        pegawai = session.get_one(Pegawai, periode.pegawai_id)  # the period's foreign key keeps it
        if pegawai.atasan_id != penilai.id:
            # The hierarchy changes too: audited on the pegawai, so the before → after is kept.
            audit.record(
                session,
                actor,
                "ganti_atasan",
                "pegawai",
                pegawai.id,
                {"atasan_id": pegawai.atasan_id},
                {"atasan_id": penilai.id},
            )
            pegawai.atasan_id = penilai.id
            # A loaded ``pegawai.atasan`` would otherwise still name the old atasan in this session.
            session.flush()
            session.expire(pegawai, ["atasan"])
    session.flush()
    return periode


def perubahan_terkait(session: Session, actor: Actor, limit: int = 20) -> list[PerubahanPenilai]:
    """Changes in effect that made the actor someone's penilai or took that away: shown to both."""
    return list(
        session.scalars(
            select(PerubahanPenilai)
            .where(
                PerubahanPenilai.status.in_(DITAMPILKAN),
                or_(
                    PerubahanPenilai.penilai_lama_id == actor.pegawai_id,
                    PerubahanPenilai.penilai_baru_id == actor.pegawai_id,
                ),
            )
            .order_by(PerubahanPenilai.id.desc())
            .limit(limit)
        )
    )


def bawahan(session: Session, actor: Actor) -> list[Pegawai]:
    """Tab Bawahan: the actor's direct bawahan."""
    return organisasi.bawahan_of(session, actor.pegawai_id)

"""Plt and Plh (docs/domain.md §8.30): the admin records who holds an absent pejabat's penilai rights — a
jabatan named by its definitive holder, or the head post of a unit — for the inclusive dates of an SK, revokes
a wrong one (kept for the audit) and lists them. The rights themselves are read in
``services/organisasi/wewenang.py``, so they begin and end with these dates everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, joinedload

from db.enums import JenisPenugasan
from db.models import Pegawai, PenugasanPlt, UnitKerja
from services.organisasi.wewenang import berlaku_pada, jabatan_diwakili, kepala_unit, pejabat_penugasan
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor, require_admin
from services.platform.errors import TidakDitemukan, ValidationError
from services.platform.kalender import hari_ini
from services.platform.konkurensi import kunci_pegawai
from services.platform.masukan import teks_wajib

#: An SK is entered at most a year (366 days) before or after today; its range lasts at most a year (below).
JARAK_MAKS = timedelta(days=366)
NOMOR_SK_MAX = 100
BERJALAN, SELESAI = "berjalan", "selesai"


@dataclass(frozen=True)
class PenugasanInput:
    """The form: the Plt/Plh, the kind, the post (a pejabat or a unit, one of them), the dates, the SK."""

    pegawai_id: int | None
    jenis: JenisPenugasan
    pejabat_id: int | None
    unit_kerja_id: int | None
    tanggal_mulai: date | None
    tanggal_akhir: date | None
    nomor_sk: str


@dataclass(frozen=True)
class BarisPlt:
    id: int
    jenis: str
    nip: str
    nama: str
    jabatan_diwakili: str
    mewakili: str  # the pejabat named, or the unit
    tanggal_mulai: date
    tanggal_akhir: date
    nomor_sk: str
    status: str

    @property
    def rentang(self) -> str:
        return fmt.rentang(self.tanggal_mulai, self.tanggal_akhir)

    @property
    def label(self) -> str:
        return f"{self.jenis} {self.jabatan_diwakili} · {self.nama} · {self.rentang}"


def _mewakili(p: PenugasanPlt) -> str:
    if p.pejabat is not None:
        return f"{p.pejabat.nama} ({p.pejabat.nip})"
    return f"Unit {p.unit_kerja.nama}" if p.unit_kerja is not None else "-"


def _status(p: PenugasanPlt, today: date) -> str:
    if p.dicabut:
        return "Dicabut"
    if p.tanggal_akhir < today:
        return "Selesai"
    return "Berlaku" if p.tanggal_mulai <= today else "Akan datang"


def daftar(session: Session, actor: Actor, filter: str = BERJALAN, today: date | None = None) -> list[BarisPlt]:
    """The assignments: ``berjalan`` (in force or ahead, not revoked), ``selesai`` (ended or revoked), or
    any other value for all; newest first."""
    require_admin(actor)
    today = today or hari_ini()
    query = select(PenugasanPlt).options(
        joinedload(PenugasanPlt.pegawai), joinedload(PenugasanPlt.pejabat), joinedload(PenugasanPlt.unit_kerja)
    )
    if filter == BERJALAN:
        query = query.where(~PenugasanPlt.dicabut, PenugasanPlt.tanggal_akhir >= today)
    elif filter == SELESAI:
        query = query.where(or_(PenugasanPlt.dicabut, PenugasanPlt.tanggal_akhir < today))
    rows = session.scalars(query.order_by(PenugasanPlt.tanggal_mulai.desc(), PenugasanPlt.id.desc()))
    return [
        BarisPlt(
            p.id,
            p.jenis.value,
            p.pegawai.nip,
            p.pegawai.nama,
            jabatan_diwakili(p),
            _mewakili(p),
            p.tanggal_mulai,
            p.tanggal_akhir,
            p.nomor_sk,
            _status(p, today),
        )
        for p in rows
    ]


def cari_pegawai(session: Session, actor: Actor, query: str, aktif_saja: bool = True, limit: int = 20) -> list[Pegawai]:
    """The form's search by NIP prefix or name (at least 3 characters; ``%`` and ``_`` are characters): the
    Plt among active pegawai; the pejabat stood in for also among the nonaktif (absent or gone)."""
    require_admin(actor)
    query = (query or "").strip()
    if len(query) < 3:
        return []
    kondisi: list[ColumnElement[bool]] = [Pegawai.dicari(query)]
    if aktif_saja:
        kondisi.append(Pegawai.aktif.is_(True))
    return list(session.scalars(select(Pegawai).where(*kondisi).order_by(Pegawai.nama, Pegawai.nip).limit(limit)))


def _setahun_kemudian(mulai: date) -> date:
    """The same day a year later (29 February → 1 March)."""
    try:
        return mulai.replace(year=mulai.year + 1)
    except ValueError:
        return date(mulai.year + 1, 3, 1)


def _periksa_rentang(mulai: date | None, akhir: date | None, today: date) -> tuple[date, date]:
    if mulai is None or akhir is None:
        raise ValidationError("Tanggal mulai dan tanggal akhir penugasan wajib diisi.")
    if akhir < mulai:
        raise ValidationError("Tanggal akhir penugasan tidak boleh sebelum tanggal mulai.")
    if akhir >= _setahun_kemudian(mulai):  # BKN: 3 months, extendable by 3; a longer range is a typing error
        raise ValidationError("Rentang penugasan paling lama satu tahun; perpanjangan dicatat dengan SK baru.")
    if abs(mulai - today) > JARAK_MAKS:
        raise ValidationError("Tanggal mulai penugasan paling jauh satu tahun sebelum atau sesudah hari ini.")
    return mulai, akhir


def _plt(session: Session, actor: Actor, data: PenugasanInput, akhir: date) -> Pegawai:
    plt = session.get(Pegawai, data.pegawai_id) if data.pegawai_id is not None else None
    if plt is None:
        raise TidakDitemukan("Pegawai yang ditugaskan sebagai Plt/Plh tidak ditemukan.")
    if not plt.aktif or (plt.tanggal_berhenti is not None and plt.tanggal_berhenti <= akhir):
        raise ValidationError(
            f"{plt.nama} tidak aktif (atau berhenti sebelum akhir penugasan); tidak dapat ditugaskan."
        )
    if plt.id == actor.pegawai_id:
        raise ValidationError("Admin tidak dapat menugaskan dirinya sendiri sebagai Plt/Plh; minta admin lain.")
    return plt


def _pejabat(session: Session, data: PenugasanInput, plt: Pegawai) -> list[int]:
    """The post's holders (the pejabat, or the unit's head post); refuses a post the Plt holds themselves."""
    if (data.pejabat_id is None) == (data.unit_kerja_id is None):
        raise ValidationError("Pilih jabatan yang diwakili: seorang pejabat definitif atau sebuah unit kerja.")
    if data.unit_kerja_id is None:
        pejabat = session.get(Pegawai, data.pejabat_id)
        if pejabat is None:
            raise TidakDitemukan("Pejabat yang diwakili tidak ditemukan.")
        ids = [pejabat.id]
    else:
        if session.get(UnitKerja, data.unit_kerja_id) is None:
            raise TidakDitemukan("Unit kerja yang diwakili tidak ditemukan.")
        ids = kepala_unit(session, [data.unit_kerja_id])[data.unit_kerja_id]
    if plt.id in ids:
        raise ValidationError(
            f"{plt.nama} adalah pejabat definitif jabatan ini; Plt/Plh tidak dapat mewakili dirinya sendiri."
        )
    return ids


def _periksa_tumpang_tindih(
    session: Session, data: PenugasanInput, pejabat: list[int], mulai: date, akhir: date
) -> None:
    """One post, one Plt/Plh at a time: another not revoked assignment of the same pejabat or unit (or of a
    unit whose head post the pejabat holds) on a common day is refused."""
    lain = list(session.scalars(select(PenugasanPlt).where(berlaku_pada(mulai, akhir))))
    per_id = pejabat_penugasan(session, lain)
    for p in lain:
        sama_unit = data.unit_kerja_id is not None and p.unit_kerja_id == data.unit_kerja_id and p.pejabat_id is None
        if sama_unit or set(per_id[p.id]) & set(pejabat):
            orang = session.get_one(Pegawai, p.pegawai_id)
            raise ValidationError(
                f"Jabatan ini sudah memiliki {p.jenis.value} {orang.nama} pada "
                f"{fmt.rentang(p.tanggal_mulai, p.tanggal_akhir)} (SK {p.nomor_sk}); rentangnya beririsan. "
                "Cabut penugasan itu terlebih dahulu atau pilih tanggal lain."
            )


def tambah(session: Session, actor: Actor, data: PenugasanInput, today: date | None = None) -> PenugasanPlt:
    """Record a Plt/Plh after every check (dates, SK, the Plt active and not the admin, not self, no overlap)."""
    require_admin(actor)
    mulai, akhir = _periksa_rentang(data.tanggal_mulai, data.tanggal_akhir, today or hari_ini())
    nomor_sk = teks_wajib(data.nomor_sk, "Nomor SK", NOMOR_SK_MAX)
    plt = _plt(session, actor, data, akhir)
    pejabat = _pejabat(session, data, plt)
    for pejabat_id in sorted(pejabat):  # two admins recording the same post: one waits for the other
        kunci_pegawai(session, pejabat_id)
    _periksa_tumpang_tindih(session, data, pejabat, mulai, akhir)
    row = PenugasanPlt(
        pegawai_id=plt.id,
        jenis=data.jenis,
        pejabat_id=data.pejabat_id,
        unit_kerja_id=data.unit_kerja_id if data.pejabat_id is None else None,
        tanggal_mulai=mulai,
        tanggal_akhir=akhir,
        nomor_sk=nomor_sk,
        dicabut=False,
        dibuat_oleh_id=actor.pegawai_id,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "tambah_plt", "penugasan_plt", row.id, None, _snapshot(row))
    return row


def cabut(session: Session, actor: Actor, penugasan_id: int) -> PenugasanPlt:
    """Revoke an assignment: it grants nothing from now on (past acts keep their audit rows) and stays listed."""
    require_admin(actor)
    row = session.get(PenugasanPlt, penugasan_id, with_for_update=True)
    if row is None:
        raise TidakDitemukan("Penugasan Plt/Plh tidak ditemukan.")
    if row.dicabut:
        raise ValidationError("Penugasan ini sudah dicabut.")
    row.dicabut = True
    session.flush()
    audit.record(session, actor, "cabut_plt", "penugasan_plt", row.id, {"dicabut": False}, _snapshot(row))
    return row


def _snapshot(row: PenugasanPlt) -> dict:
    return audit.snapshot(
        row,
        "pegawai_id",
        "jenis",
        "pejabat_id",
        "unit_kerja_id",
        "tanggal_mulai",
        "tanggal_akhir",
        "nomor_sk",
        "dicabut",
    )

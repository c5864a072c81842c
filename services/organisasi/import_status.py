"""The import's optional columns for leaving service and status kepegawaian (docs/domain.md §8.20, §8.31):
``status`` + ``tanggal_berhenti``, ``status_kepegawaian`` + ``perjanjian_mulai`` + ``perjanjian_akhir``. Read and
checked with the rest of the file; written through :mod:`services.organisasi.status_pegawai`, so an exit or a
contract closes the periods exactly as on the admin screen, and anything it refuses rejects the whole file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from db.enums import JenisBerhenti, StatusKepegawaian
from db.models import Pegawai
from services.organisasi import status_pegawai
from services.organisasi.import_berkas import (
    Baris,
    BarisSah,
    ImportDitolak,
    KesalahanBaris,
    SelSalah,
    baca_tanggal,
)
from services.platform import format as fmt
from services.platform.access import Actor, Operator
from services.platform.errors import ValidationError

AKTIF = "aktif"
#: Accepted spellings (case, underscores and runs of spaces do not matter).
STATUS = {
    AKTIF: None,
    "pensiun": JenisBerhenti.PENSIUN,
    "berhenti": JenisBerhenti.BERHENTI,
    "meninggal": JenisBerhenti.MENINGGAL,
    "meninggal dunia": JenisBerhenti.MENINGGAL,
    "cltn": JenisBerhenti.CLTN,
    "cuti di luar tanggungan negara": JenisBerhenti.CLTN,
    "diberhentikan sementara": JenisBerhenti.DIBERHENTIKAN_SEMENTARA,
    "pemberhentian sementara": JenisBerhenti.DIBERHENTIKAN_SEMENTARA,
}
KEPEGAWAIAN = {s.value.lower(): s for s in StatusKepegawaian}


@dataclass(frozen=True)
class StatusImpor:
    """A row's status cells, parsed: ``aktif`` True for "aktif", ``jenis``/``tanggal`` for an exit; ``kepegawaian``
    with its contract dates when the status_kepegawaian cell is filled."""

    aktif: bool = False
    jenis: JenisBerhenti | None = None
    tanggal: date | None = None
    kepegawaian: StatusKepegawaian | None = None
    mulai: date | None = None
    akhir: date | None = None


def _kata(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).lower()


def baca(sel: dict[str, str]) -> tuple[StatusImpor, list[tuple[str, str]]]:
    """The parsed cells and the (column, reason) of each bad one."""
    salah: list[tuple[str, str]] = []

    def tanggal(kolom: str) -> date | None:
        try:
            return baca_tanggal(sel.get(kolom, ""))
        except SelSalah as exc:
            salah.append((kolom, str(exc)))
            return None

    teks, keluar = _kata(sel.get("status", "")), tanggal("tanggal_berhenti")
    if teks and teks not in STATUS:
        salah.append(
            (
                "status",
                f'status "{sel["status"]}" tidak dikenal. Isi aktif, pensiun, berhenti, meninggal, cltn atau '
                "diberhentikan sementara.",
            )
        )
    jenis = STATUS.get(teks)
    if jenis is not None and keluar is None and "tanggal_berhenti" not in dict(salah):
        salah.append(("tanggal_berhenti", f"tanggal berhenti wajib diisi untuk status {sel['status']}."))
    if jenis is None and keluar is not None:
        salah.append(("tanggal_berhenti", "tanggal berhenti hanya diisi bersama status selain aktif."))
    kata_kp, mulai, akhir = (
        _kata(sel.get("status_kepegawaian", "")),
        tanggal("perjanjian_mulai"),
        tanggal("perjanjian_akhir"),
    )
    kepegawaian = KEPEGAWAIAN.get(kata_kp)
    if kata_kp and kepegawaian is None:
        salah.append(("status_kepegawaian", "status kepegawaian harus PNS, CPNS, PPPK atau PPPK Paruh Waktu."))
    elif kepegawaian is None and (mulai or akhir):
        salah.append(("status_kepegawaian", "masa perjanjian kerja hanya diisi bersama status kepegawaian PPPK."))
    elif kepegawaian is not None:
        try:
            status_pegawai.periksa_kepegawaian(kepegawaian, mulai, akhir)
        except ValidationError as exc:
            salah.append(
                ("perjanjian_akhir" if kepegawaian in status_pegawai.KONTRAK else "status_kepegawaian", exc.message)
            )
    return StatusImpor(teks == AKTIF, jenis, keluar, kepegawaian, mulai, akhir), salah


def periksa(rows: list[Baris], pegawai: dict[str, Pegawai], errors: list[KesalahanBaris]) -> None:
    """Bad cells, and an exit the file contradicts: a different exit, or "aktif" for a pegawai recorded out of
    service (a return is recorded on the admin screen, with its date)."""
    for row in rows:
        hasil, salah = baca(row.sel_status)
        errors.extend(KesalahanBaris(row.nomor, kolom, pesan) for kolom, pesan in salah)
        ada = pegawai.get(row.nip or "")
        if salah or ada is None or ada.tanggal_berhenti is None or not (hasil.aktif or hasil.jenis):
            continue
        tercatat = f"pegawai tercatat {ada.jenis_berhenti.value if ada.jenis_berhenti else 'nonaktif'} sejak " + (
            fmt.tanggal(ada.tanggal_berhenti)
        )
        if hasil.aktif:
            errors.append(
                KesalahanBaris(row.nomor, "status", f"{tercatat}; catat kembali bertugas di layar Pegawai dan Akun.")
            )
        elif (hasil.jenis, hasil.tanggal) != (ada.jenis_berhenti, ada.tanggal_berhenti):
            errors.append(
                KesalahanBaris(
                    row.nomor, "status", f"{tercatat}; batalkan dulu di layar Pegawai dan Akun untuk mengubahnya."
                )
            )


def terapkan(
    session: Session, actor: Actor | Operator, rows: list[BarisSah], pegawai: dict[str, Pegawai], today: date
) -> set[str]:
    """Write each row's status kepegawaian and exit; the NIPs changed. A refusal (activities after the exit, work
    in a later period, one's own account) rejects the whole file with the rows named."""
    errors: list[KesalahanBaris] = []
    diubah: set[str] = set()
    for row in rows:
        hasil, _salah = baca(row.sel_status)  # checked already
        p = pegawai[row.nip]
        kontrak = (hasil.kepegawaian, hasil.mulai, hasil.akhir)
        try:
            if hasil.kepegawaian is not None and kontrak != (
                p.status_kepegawaian,
                p.perjanjian_mulai,
                p.perjanjian_akhir,
            ):
                status_pegawai.ubah_kepegawaian(session, actor, p.id, *kontrak)  # type: ignore[arg-type]
                diubah.add(row.nip)
        except ValidationError as exc:
            errors.append(KesalahanBaris(row.nomor, "status_kepegawaian", exc.message))
        try:
            if hasil.jenis is not None and hasil.tanggal is not None and p.tanggal_berhenti is None:
                status_pegawai.berhentikan(session, actor, p.id, hasil.jenis, hasil.tanggal, today)
                diubah.add(row.nip)
        except ValidationError as exc:
            errors.append(KesalahanBaris(row.nomor, "tanggal_berhenti", exc.message))
    if errors:
        raise ImportDitolak(errors)
    return diubah

"""The states of an Evaluasi Kinerja (none yet → Draft → Final → Draft again) and who may move them:
the transition table every save, finalisation and reopening goes through, and the stored state itself
(a Final evaluation locks the realisasi and umpan balik of its months)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusEvaluasi
from db.models import EvaluasiKinerja
from services.evaluasi.peran import ADMIN, PENILAI
from services.evaluasi.periode_evaluasi import BULAN_PERIODE, label_periode
from services.platform.errors import AksesDitolak, ValidationError

SIMPAN, FINALKAN, BUKA_KEMBALI = "simpan", "finalkan", "buka_kembali"

#: (status now or None for a new evaluation, action, role) → status after.
TRANSISI: dict[tuple[StatusEvaluasi | None, str, str], StatusEvaluasi] = {
    (None, SIMPAN, PENILAI): StatusEvaluasi.DRAFT,
    (StatusEvaluasi.DRAFT, SIMPAN, PENILAI): StatusEvaluasi.DRAFT,
    (StatusEvaluasi.DRAFT, FINALKAN, PENILAI): StatusEvaluasi.FINAL,
    (StatusEvaluasi.FINAL, BUKA_KEMBALI, PENILAI): StatusEvaluasi.DRAFT,
    (StatusEvaluasi.FINAL, BUKA_KEMBALI, ADMIN): StatusEvaluasi.DRAFT,
}

_AKSI_LABEL = {SIMPAN: "menyimpan", FINALKAN: "memfinalkan", BUKA_KEMBALI: "membuka kembali"}


def boleh(status: StatusEvaluasi | None, aksi: str, peran: str) -> bool:
    """Whether the table lets ``peran`` take ``aksi`` from ``status`` (what a screen offers)."""
    return (status, aksi, peran) in TRANSISI


def transisi(status: StatusEvaluasi | None, aksi: str, peran: str) -> StatusEvaluasi:
    """The next state, or the refusal: AksesDitolak for a role that may not, ValidationError for a state."""
    key = (status, aksi, peran)
    if key in TRANSISI:
        return TRANSISI[key]
    if any(s == status and a == aksi for s, a, _ in TRANSISI):
        raise AksesDitolak(
            "Hanya atasan langsung (pejabat penilai periode ini) yang dapat memberi rating "
            "dan memfinalkan Evaluasi Kinerja."
        )
    if status == StatusEvaluasi.FINAL:
        raise ValidationError('Evaluasi Kinerja sudah Final dan terkunci. Gunakan "Buka Kembali" untuk mengubahnya.')
    keadaan = "belum disimpan" if status is None else f"berstatus {status.value}"
    raise ValidationError(f"Tidak dapat {_AKSI_LABEL.get(aksi, aksi)} evaluasi yang {keadaan}.")


def get_evaluasi(session: Session, skp_id: int, kode: str) -> EvaluasiKinerja | None:
    return session.scalar(
        select(EvaluasiKinerja).where(EvaluasiKinerja.skp_id == skp_id, EvaluasiKinerja.periode_evaluasi == kode)
    )


def final_untuk_bulan(session: Session, skp_id: int, bulan: int) -> str | None:
    """The label of a Final evaluation of this SKP whose period contains ``bulan`` (it locks the month)."""
    for kode in session.scalars(
        select(EvaluasiKinerja.periode_evaluasi).where(
            EvaluasiKinerja.skp_id == skp_id, EvaluasiKinerja.status == StatusEvaluasi.FINAL
        )
    ):
        if bulan in BULAN_PERIODE.get(kode, ()):
            return label_periode(kode)
    return None


def status_evaluasi(session: Session, skp_id: int, kode: str) -> StatusEvaluasi | None:
    ev = get_evaluasi(session, skp_id, kode)
    return ev.status if ev else None

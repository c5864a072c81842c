"""The one family of domain errors; pages show ``str(error)`` (Indonesian, for the user) with st.error."""

from __future__ import annotations


class SipijarError(Exception):
    """Base: a user-facing Indonesian message; nothing was changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(SipijarError):
    """The input breaks a rule."""


class AksesDitolak(SipijarError):
    """The acting user may not do this to this record."""

    def __init__(self, message: str = "Anda tidak berhak melakukan tindakan ini."):
        super().__init__(message)


class AksesDitolakTercatat(AksesDitolak):
    """A refusal that is itself audited (``services.platform.audit.penolakan``): nothing of the request is
    saved, but ``catatan_tetap`` (audit rows) is committed after the rollback by ``db.session.session_scope``."""

    def __init__(self, message: str, catatan_tetap: list):
        super().__init__(message)
        self.catatan_tetap = catatan_tetap


class TidakDitemukan(SipijarError):
    """The record does not exist (or is not visible to the actor)."""

    def __init__(self, message: str = "Data tidak ditemukan."):
        super().__init__(message)


class KonflikData(SipijarError):
    """Someone else changed the record since it was read (optimistic locking)."""

    def __init__(self, message: str = "Data telah diubah oleh pengguna lain. Muat ulang halaman lalu ulangi."):
        super().__init__(message)

"""Issue #8 (1): the authorization matrix as data.

Every row is one service action on a record owned by ``staf`` (or, for the atasan's own tools, the record
that concerns staf), and the set of relations to staf for whom the action succeeds. For every other
relation the service must refuse (``AksesDitolak`` unless the row names another documented refusal) and the
database must be exactly as before. The relations, seen from staf (tests/factories.py):

| relation             | who        | why                                               |
|----------------------|------------|---------------------------------------------------|
| self                 | staf       | owner of the record                               |
| atasan               | kasubbid   | direct atasan, the penilai of staf's period       |
| atasan_dari_atasan   | kabid      | atasan of the atasan (not the penilai)            |
| rekan                | fungsional | same unit, same level (atasan kabid)              |
| unit_lain            | perawat    | another OPD                                       |
| pimpinan_subtree     | kepala     | pimpinan of BKPSDM, whose subtree holds staf      |
| pimpinan_lain        | kadinkes   | pimpinan of another OPD                           |
| admin                | admin      | Admin BKPSDM                                      |

docs/domain.md §1: an atasan acts on **direct** bawahan only (the period's penilai); a pimpinan *sees* the subtree
of their unit (capaian, dasbor, monitoring, kurva: the aggregate reads); admin has the admin actions; a pegawai
sees and edits only their own records. Detailed records (periode, SKP, aktivitas, realisasi) are read by the
pegawai, the penilai and the admin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

import pytest
from sqlalchemy import select

from db.enums import Rating, StatusAktivitas, StatusSKP
from db.models import AktivitasHarian, Base
from db.session import session_scope
from services.aktivitas import capaian, rekap_tpp, validasi
from services.aktivitas import harian as aktivitas
from services.evaluasi import evaluasi_kinerja as evaluasi
from services.evaluasi import kurva, umpan_balik
from services.organisasi import import_pegawai, penilai, periode, permintaan_penilai, referensi
from services.perencanaan import ekspektasi, matriks, penetapan, rencana_skp
from services.pimpinan import dasbor, monitoring
from services.platform import audit, settings
from services.platform.errors import AksesDitolak, SipijarError, ValidationError
from tests.factories import add_aktivitas, build_draft, build_skp

TAHUN = 2026
TODAY = date(2026, 3, 31)  # March 2026 is open for entries and validation
BUKTI = "https://drive.google.com/drive/folders/bukti-otorisasi"

RELASI = {  # relation → attribute of tests.factories.Org
    "self": "staf",
    "atasan": "kasubbid",
    "atasan_dari_atasan": "kabid",
    "rekan": "fungsional",
    "unit_lain": "perawat",
    "pimpinan_subtree": "kepala",
    "pimpinan_lain": "kadinkes",
    "admin": "admin",
}

SELF = frozenset({"self"})
ATASAN = frozenset({"atasan"})
ADMIN = frozenset({"admin"})
PEMBACA = frozenset({"self", "atasan", "admin"})  # detailed record: owner, penilai, admin
PIMPINAN = frozenset({"pimpinan_subtree", "admin"})  # aggregate reads of a unit
CAPAIAN = frozenset({"self", "atasan", "pimpinan_subtree", "admin"})  # one pegawai's capaian


class TidakTerlihat(AksesDitolak):
    """Test adapter: a list read that succeeded but did not include staf's record (filtered, not refused)."""


# --- setups: each returns the ids the action needs ----------------------------------------------


def _ditetapkan(s, org) -> dict:
    """kasubbid and staf with ditetapkan 2026 SKP (penilai of staf: kasubbid), two aktivitas of staf
    waiting on 30 March, fungsional with an SKP too."""
    atasan = build_skp(s, org.kasubbid, TAHUN)
    skp = build_skp(s, org.staf, TAHUN)
    build_skp(s, org.fungsional, TAHUN)
    akt = [
        add_aktivitas(s, org.staf, skp, date(2026, 3, 30), a, b, StatusAktivitas.MENUNGGU).id
        for a, b in (("08:00", "09:00"), ("09:00", "10:00"))
    ]
    return dict(
        periode=skp.periode_id,
        skp=skp.skp_id,
        rhk=skp.rhk_ids[0],
        ind=skp.indikator_ids[0],
        akt=akt,
        atasan_periode=atasan.periode_id,
        atasan_rhk=atasan.rhk_ids[0],
    )


def _draft(s, org) -> dict:
    """kasubbid's SKP ditetapkan; staf with a complete Draft made through the services."""
    atasan = build_skp(s, org.kasubbid, TAHUN)
    skp = build_draft(s, org.staf, TAHUN, atasan.rhk_ids[0])
    return dict(
        periode=skp.periode_id,
        skp=skp.skp_id,
        rhk=skp.rhk_ids[0],
        ind=skp.indikator_ids[0],
        atasan_rhk=atasan.rhk_ids[0],
        pola=rencana_skp.daftar_pola(s)[0].id,
    )


def _diajukan(s, org) -> dict:
    ids = _draft(s, org)
    penetapan.ajukan_draft(s, org.staf, ids["skp"])
    return ids


def _periode_kosong(s, org) -> dict:
    """staf with a Draft 2026 period and nothing in it."""
    skp = build_skp(s, org.staf, TAHUN, status=StatusSKP.DRAFT, rhk=0)
    return dict(periode=skp.periode_id, skp=skp.skp_id)


def _permintaan_penilai(s, org) -> dict:
    """staf's empty period with a waiting request for perawat (another OPD) as penilai."""
    ids = _periode_kosong(s, org)
    alasan = "Ditugaskan ke Dinas Kesehatan"
    ids["permintaan"] = permintaan_penilai.ajukan(s, org.staf, ids["periode"], org.perawat.pegawai_id, alasan).id
    return ids


def _evaluasi_draft(s, org) -> dict:
    ids = _ditetapkan(s, org)
    ev = evaluasi.simpan(s, org.kasubbid, ids["skp"], "TW1", Rating.SESUAI, Rating.SESUAI, None)
    s.flush()
    ids["versi"] = ev.version_id
    return ids


def _evaluasi_final(s, org) -> dict:
    ids = _evaluasi_draft(s, org)
    ev = evaluasi.finalkan(s, org.kasubbid, ids["skp"], "TW1", ids["versi"])
    s.flush()
    ids["versi"] = ev.version_id
    return ids


def _bersama(s, org) -> dict:
    return dict(unit=org.bidang)


# --- actions: (session, org, actor, ids) -----------------------------------------------------------


def _versi(s, aktivitas_id: int) -> int:
    """The version an up-to-date screen shows (the rights, not the locking, are tested here)."""
    return s.get(AktivitasHarian, aktivitas_id).version_id


def _input(ids, mulai=13, selesai=14, teks="Menyusun laporan otorisasi") -> aktivitas.AktivitasInput:
    return aktivitas.AktivitasInput(date(2026, 3, 30), ids["rhk"], teks, 1, "Dokumen", time(mulai), time(selesai))


def _terlihat(rows, org, key=lambda r: r.pegawai_id):
    if org.staf.pegawai_id not in {key(r) for r in rows}:
        raise TidakTerlihat("data staf tidak terlihat")


CSV_IMPOR = (
    b"nip,nama,jabatan,jenis_jabatan,unit_kerja\n198001012000010099,Pegawai Impor,Analis,Pelaksana,Bidang Mutasi Uji\n"
)


@dataclass(frozen=True)
class Baris:
    aksi: str
    setup: Callable
    tindakan: Callable
    boleh: frozenset
    menulis: bool = True  # an allowed call must change the database
    penolakan: type[SipijarError] = AksesDitolak


MATRIKS = [
    # Perencanaan: Periode SKP and Penilai Pegawai
    Baris(
        "periode_lihat",
        _periode_kosong,
        lambda s, o, a, i: periode.daftar(s, a, o.staf.pegawai_id),
        frozenset({"self", "admin"}),
        False,
    ),
    Baris(
        "periode_ubah",
        _periode_kosong,
        lambda s, o, a, i: periode.ubah_rentang(s, a, i["periode"], date(2026, 2, 1), date(2026, 12, 31)),
        SELF,
    ),
    Baris("periode_hapus", _periode_kosong, lambda s, o, a, i: periode.hapus(s, a, i["periode"]), SELF),
    Baris(
        "ganti_penilai",
        _periode_kosong,
        lambda s, o, a, i: penilai.ganti_penilai(s, a, i["periode"], o.kabid.pegawai_id, TODAY),
        SELF,
    ),
    Baris(
        "ajukan_ganti_penilai",
        _periode_kosong,
        lambda s, o, a, i: permintaan_penilai.ajukan(s, a, i["periode"], o.perawat.pegawai_id, "Penugasan lintas OPD"),
        SELF,
    ),
    Baris(
        "daftar_permintaan_penilai",
        _permintaan_penilai,
        lambda s, o, a, i: permintaan_penilai.daftar(s, a),
        ADMIN,
        False,
    ),
    Baris(
        "setujui_ganti_penilai",
        _permintaan_penilai,
        lambda s, o, a, i: permintaan_penilai.setujui(s, a, i["permintaan"], None, TODAY),
        ADMIN,
    ),
    Baris(
        "tolak_ganti_penilai",
        _permintaan_penilai,
        lambda s, o, a, i: permintaan_penilai.tolak(s, a, i["permintaan"], "Tidak ada SK penugasan"),
        ADMIN,
    ),
    # Rencana SKP
    Baris(
        "tambah_rhk",
        _draft,
        lambda s, o, a, i: rencana_skp.tambah_rhk(s, a, i["skp"], "Tersusunnya laporan baru", i["atasan_rhk"]),
        SELF,
    ),
    Baris(
        "ubah_rhk",
        _draft,
        lambda s, o, a, i: rencana_skp.ubah_rhk(s, a, i["rhk"], "Tersusunnya dokumen diubah", "Utama", i["atasan_rhk"]),
        SELF,
    ),
    Baris(
        "tambah_indikator",
        _draft,
        lambda s, o, a, i: rencana_skp.tambah_indikator(
            s, a, i["rhk"], "Jumlah laporan", "Kuantitas", 12, "Laporan", i["pola"]
        ),
        SELF,
    ),
    Baris("hapus_indikator", _draft, lambda s, o, a, i: rencana_skp.hapus_indikator(s, a, i["ind"]), SELF),
    Baris("ajukan_draft", _draft, lambda s, o, a, i: penetapan.ajukan_draft(s, a, i["skp"]), SELF),
    Baris(
        "proses_penetapan",
        _diajukan,
        lambda s, o, a, i: penetapan.proses_penetapan(s, a, i["skp"], "Ditetapkan Sebagai SKP", ""),
        ATASAN,
    ),
    Baris(
        "kembalikan_skp",
        _diajukan,
        lambda s, o, a, i: penetapan.proses_penetapan(s, a, i["skp"], "Dikembalikan", "Perbaiki target"),
        ATASAN,
    ),
    Baris(
        "buka_kembali_skp",
        _ditetapkan,
        lambda s, o, a, i: penetapan.buka_kembali(s, a, i["skp"], "Target perlu direvisi"),
        ATASAN,
    ),
    Baris(
        "matriks_tambah",
        _ditetapkan,
        lambda s, o, a, i: matriks.tambah(s, a, i["atasan_rhk"], o.staf.pegawai_id, "Tersusunnya data mutasi"),
        ATASAN,
    ),
    Baris(
        "ekspektasi",
        _ditetapkan,
        lambda s, o, a, i: ekspektasi.simpan(s, a, i["skp"], {1: "Melayani dengan ramah"}),
        ATASAN,
    ),
    # Aktivitas Harian and Validasi
    Baris(
        "aktivitas_lihat",
        _ditetapkan,
        lambda s, o, a, i: aktivitas.daftar_bulan(s, a, o.staf.pegawai_id, 2026, 3),
        PEMBACA,
        False,
    ),
    # create always writes for the actor: another person naming staf's RHK is refused as a mismatch
    Baris(
        "aktivitas_tambah",
        _ditetapkan,
        lambda s, o, a, i: aktivitas.tambah(s, a, _input(i), TODAY),
        SELF,
        penolakan=ValidationError,
    ),
    Baris(
        "aktivitas_ubah",
        _ditetapkan,
        lambda s, o, a, i: aktivitas.ubah(
            s, a, i["akt"][0], _input(i, 8, 9, "Menyusun laporan diubah"), TODAY, version=_versi(s, i["akt"][0])
        ),
        SELF,
    ),
    Baris(
        "aktivitas_hapus",
        _ditetapkan,
        lambda s, o, a, i: aktivitas.hapus(s, a, i["akt"][0], TODAY, version=_versi(s, i["akt"][0])),
        SELF,
    ),
    Baris("validasi", _ditetapkan, lambda s, o, a, i: validasi.validasi(s, a, i["akt"][0], TODAY), ATASAN),
    Baris("validasi_semua", _ditetapkan, lambda s, o, a, i: validasi.validasi_semua(s, a, i["akt"], TODAY), ATASAN),
    Baris("tolak", _ditetapkan, lambda s, o, a, i: validasi.tolak(s, a, i["akt"][0], "Tidak sesuai", TODAY), ATASAN),
    Baris(
        "daftar_menunggu",
        _ditetapkan,
        lambda s, o, a, i: validasi.daftar_menunggu(s, a, o.staf.pegawai_id),
        ATASAN,
        False,
    ),
    # Capaian
    Baris(
        "capaian_pegawai",
        _ditetapkan,
        lambda s, o, a, i: capaian.capaian_pegawai(s, a, o.staf.pegawai_id, 2026, 3),
        CAPAIAN,
        False,
    ),
    Baris(
        "capaian_bulanan",
        _ditetapkan,
        lambda s, o, a, i: _terlihat(capaian.capaian_bulanan(s, a, 2026, 3, o.bidang), o),
        CAPAIAN,
        False,
    ),
    # Umpan Balik
    Baris(
        "hasil_kerja_lihat", _ditetapkan, lambda s, o, a, i: umpan_balik.hasil_kerja(s, a, i["skp"], 3), PEMBACA, False
    ),
    Baris(
        "isi_realisasi",
        _ditetapkan,
        lambda s, o, a, i: umpan_balik.simpan_realisasi(
            s, a, i["ind"], 3, "1", "Laporan bulanan", BUKTI, None, today=TODAY
        ),
        SELF,
    ),
    Baris(
        "umpan_balik",
        _ditetapkan,
        lambda s, o, a, i: umpan_balik.simpan_umpan_balik(s, a, i["ind"], 3, "Pertahankan", None),
        ATASAN,
    ),
    # Evaluasi
    Baris(
        "evaluasi_simpan",
        _ditetapkan,
        lambda s, o, a, i: evaluasi.simpan(s, a, i["skp"], "TW1", Rating.SESUAI, Rating.DI_ATAS, None),
        ATASAN,
    ),
    Baris(
        "evaluasi_finalkan",
        _evaluasi_draft,
        lambda s, o, a, i: evaluasi.finalkan(s, a, i["skp"], "TW1", i["versi"]),
        ATASAN,
    ),
    Baris(
        "evaluasi_buka_kembali",
        _evaluasi_final,
        lambda s, o, a, i: evaluasi.buka_kembali(s, a, i["skp"], "TW1", "Salah rating", i["versi"]),
        frozenset({"atasan", "admin"}),
    ),
    # Dasbor, Monitoring, Kurva (aggregate reads of BKPSDM's Bidang)
    Baris(
        "dasbor_unit", _ditetapkan, lambda s, o, a, i: dasbor.dasbor(s, a, o.bidang, 2026, 3, TODAY), PIMPINAN, False
    ),
    Baris("monitoring", _bersama, lambda s, o, a, i: monitoring.pantau(s, a, o.bidang, TODAY), PIMPINAN, False),
    Baris(
        "kurva_distribusi", _bersama, lambda s, o, a, i: kurva.distribusi(s, a, o.bidang, 2026, "TW1"), PIMPINAN, False
    ),
    # Admin
    Baris(
        "hari_libur_tambah",
        _bersama,
        lambda s, o, a, i: referensi.tambah_hari_libur(s, a, date(2026, 7, 7), "Libur uji"),
        ADMIN,
    ),
    Baris(
        "katalog_tambah",
        _bersama,
        lambda s, o, a, i: referensi.tambah_katalog(s, a, "Rapat uji", "Kegiatan", 60),
        ADMIN,
    ),
    Baris("pengaturan_ubah", _bersama, lambda s, o, a, i: settings.setel(s, a, "menit_per_hari", 330), ADMIN),
    Baris(
        "buka_bulan",
        _bersama,
        lambda s, o, a, i: referensi.buka_bulan(s, a, 2026, 2, TODAY, "Gangguan jaringan", today=TODAY),
        ADMIN,
    ),
    Baris("audit_cari", _bersama, lambda s, o, a, i: audit.cari(s, a), ADMIN, False),
    Baris("rekap_tpp", _ditetapkan, lambda s, o, a, i: rekap_tpp.rekap(s, a, 2026, 3), ADMIN, False),
    Baris(
        "import_pegawai",
        _bersama,
        lambda s, o, a, i: import_pegawai.import_file(s, a, CSV_IMPOR, "pegawai.csv", efektif=TODAY),
        ADMIN,
    ),
]


def _cases():
    for baris in MATRIKS:
        for relasi, siapa in RELASI.items():
            yield pytest.param(baris, relasi, id=f"{baris.aksi}[{siapa}={relasi}]")


def isi_database(engine) -> dict:
    """Every row of every table, as text: a refusal must leave this exactly as it was."""
    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            out[table.name] = sorted(repr(tuple(r)) for r in conn.execute(select(table)))
    return out


def test_matrix_covers_every_row_once():
    names = [b.aksi for b in MATRIKS]
    assert len(names) == len(set(names))
    for baris in MATRIKS:
        assert baris.boleh <= set(RELASI), baris.aksi


@pytest.mark.parametrize("baris, relasi", list(_cases()))
def test_otorisasi(engine, org, baris: Baris, relasi: str):
    with session_scope(engine) as s:
        ids = baris.setup(s, org)
    actor = getattr(org, RELASI[relasi])
    sebelum = isi_database(engine)
    if relasi in baris.boleh:
        with session_scope(engine) as s:
            baris.tindakan(s, org, actor, ids)
        if baris.menulis:
            assert isi_database(engine) != sebelum, f"{baris.aksi} oleh {relasi} tidak mengubah apa pun"
    else:
        with pytest.raises(baris.penolakan) as info, session_scope(engine) as s:
            baris.tindakan(s, org, actor, ids)
        assert str(info.value).strip()
        assert isi_database(engine) == sebelum

"""A small organisation built by hand, with names the tests can speak about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import Aspek, JenisJabatan, JenisRHK, StatusSKP, SumberTppPokok
from db.models import IndikatorKinerja, Pegawai, RencanaHasilKerja, TargetBulanan, TppPokokRiwayat
from db.models.base import utcnow
from services.organisasi import periode as periode_service
from services.organisasi import struktur as organisasi
from services.organisasi.tpp_pokok import AWAL as AWAL_POKOK
from services.platform import auth
from services.platform.access import Actor

PASSWORD = "rahasia-uji-123"


@dataclass
class Org:
    """Ids of the people of the test organisation, and their Actors."""

    kabupaten: int
    bkpsdm: int
    bidang: int
    dinkes: int
    admin: Actor
    bupati: Actor  # top of the hierarchy, pimpinan of the whole kabupaten
    kepala: Actor  # JPT, kepala BKPSDM, pimpinan of BKPSDM
    kabid: Actor  # Administrator under kepala
    kasubbid: Actor  # Pengawas under kabid
    staf: Actor  # Pelaksana under kasubbid
    fungsional: Actor  # Fungsional under kabid
    kadinkes: Actor  # JPT of another OPD (pimpinan of Dinkes)
    perawat: Actor  # Fungsional under kadinkes


_n = 0


def make_pegawai(
    s: Session, nama: str, jabatan: str, jenis: JenisJabatan, unit_id: int, atasan: Pegawai | None = None, **kw
) -> Pegawai:
    global _n
    _n += 1
    p = Pegawai(
        nip=kw.pop("nip", None) or f"1980010120{_n:06d}1001"[:18],
        nama=nama,
        jabatan=jabatan,
        jenis_jabatan=jenis,
        unit_kerja_id=unit_id,
        atasan=atasan,
        tpp_pokok=kw.pop("tpp_pokok", 3_000_000),
        **kw,
    )
    s.add(p)
    s.flush()
    if p.tpp_pokok:
        setel_tpp_pokok(s, p.id, p.tpp_pokok)
    auth.buat_akun(s, p, password=PASSWORD, must_change=False)
    s.flush()
    return p


def setel_tpp_pokok(s: Session, pegawai_id: int, jumlah: int, mulai: date = AWAL_POKOK) -> None:
    """The pegawai's pokok from ``mulai`` (default: since always, like migration 0005's rows), as a fixture:
    the history row of that date and the mirror ``pegawai.tpp_pokok``, no audit. The money reads the
    history (docs/domain.md §8.26); setting ``Pegawai.tpp_pokok`` alone changes no month."""
    row = s.scalar(
        select(TppPokokRiwayat).where(TppPokokRiwayat.pegawai_id == pegawai_id, TppPokokRiwayat.berlaku_mulai == mulai)
    )
    if row is None:
        row = TppPokokRiwayat(pegawai_id=pegawai_id, berlaku_mulai=mulai, sumber=SumberTppPokok.AWAL)
        s.add(row)
    row.jumlah = jumlah
    s.flush()
    latest = s.scalar(
        select(TppPokokRiwayat.jumlah)
        .where(TppPokokRiwayat.pegawai_id == pegawai_id)
        .order_by(TppPokokRiwayat.berlaku_mulai.desc())
        .limit(1)
    )
    s.get(Pegawai, pegawai_id).tpp_pokok = latest
    s.flush()


def build_org(s: Session) -> Org:
    kab = organisasi.tambah_unit(s, "Pemerintah Kabupaten Uji")
    bkpsdm = organisasi.tambah_unit(s, "BKPSDM Uji", kab)
    bidang = organisasi.tambah_unit(s, "Bidang Mutasi Uji", bkpsdm)
    dinkes = organisasi.tambah_unit(s, "Dinas Kesehatan Uji", kab)
    admin = make_pegawai(s, "Admin Uji", "Analis SDM", JenisJabatan.PELAKSANA, bkpsdm.id, is_admin=True)
    bupati = make_pegawai(s, "Bupati Uji", "Bupati", JenisJabatan.JPT, kab.id, is_pimpinan=True)
    kepala = make_pegawai(s, "Kepala Uji", "Kepala BKPSDM", JenisJabatan.JPT, bkpsdm.id, bupati, is_pimpinan=True)
    kabid = make_pegawai(s, "Kabid Uji", "Kepala Bidang Mutasi", JenisJabatan.ADMINISTRATOR, bidang.id, kepala)
    kasubbid = make_pegawai(s, "Kasubbid Uji", "Kepala Subbidang", JenisJabatan.PENGAWAS, bidang.id, kabid)
    staf = make_pegawai(s, "Staf Uji", "Pengelola Data", JenisJabatan.PELAKSANA, bidang.id, kasubbid)
    fungsional = make_pegawai(
        s, "Fungsional Uji", "Analis Kepegawaian Ahli Muda", JenisJabatan.FUNGSIONAL, bidang.id, kabid
    )
    kadinkes = make_pegawai(
        s, "Kadinkes Uji", "Kepala Dinas Kesehatan", JenisJabatan.JPT, dinkes.id, bupati, is_pimpinan=True
    )
    perawat = make_pegawai(s, "Perawat Uji", "Perawat Ahli Pertama", JenisJabatan.FUNGSIONAL, dinkes.id, kadinkes)
    return Org(
        kab.id,
        bkpsdm.id,
        bidang.id,
        dinkes.id,
        *(Actor.of(p) for p in (admin, bupati, kepala, kabid, kasubbid, staf, fungsional, kadinkes, perawat)),
    )


@dataclass
class SkpUji:
    """Ids of an SKP built by :func:`build_skp`."""

    periode_id: int
    skp_id: int
    rhk_ids: list[int]
    indikator_ids: list[int]


def build_skp(
    s: Session,
    actor: Actor,
    tahun: int,
    status: StatusSKP = StatusSKP.DITETAPKAN,
    rhk: int = 2,
    indikator: int = 1,
    target: int = 12,
    rhk_atasan_ids: list[int] | None = None,
    rentang: tuple[date, date] | None = None,
) -> SkpUji:
    """A whole-year period with an SKP: ``rhk`` RHK (Utama), each with ``indikator`` Kuantitas IKI of
    ``target`` Dokumen spread evenly over the 12 months (target must be a multiple of 12 for that), in
    ``status`` (Ditetapkan by the period's penilai by default); ``rentang`` for a period shorter than the year."""
    periode = periode_service.tambah(s, actor, tahun, *(rentang or ()))
    skp = periode_service.skp_of(s, periode.id)
    rhk_ids, indikator_ids = [], []
    for r in range(rhk):
        atasan_rhk = rhk_atasan_ids[r % len(rhk_atasan_ids)] if rhk_atasan_ids else None
        row = RencanaHasilKerja(
            skp_id=skp.id,
            teks=f"Terlaksananya tugas {r + 1} {actor.nama}",
            jenis=JenisRHK.UTAMA,
            rhk_atasan_id=atasan_rhk,
        )
        s.add(row)
        s.flush()
        rhk_ids.append(row.id)
        for i in range(indikator):
            iki = IndikatorKinerja(
                rhk_id=row.id,
                teks=f"Jumlah dokumen {r + 1}.{i + 1} yang diselesaikan",
                aspek=Aspek.KUANTITAS,
                target=Decimal(target),
                satuan="Dokumen",
            )
            iki.target_bulanan = [TargetBulanan(bulan=b, target=Decimal(target) / 12) for b in range(1, 13)]
            s.add(iki)
            s.flush()
            indikator_ids.append(iki.id)
    skp.status = status
    if status == StatusSKP.DITETAPKAN:
        skp.ditetapkan_oleh_id = periode.penilai_id
        skp.ditetapkan_at = utcnow()
    s.flush()
    return SkpUji(periode.id, skp.id, rhk_ids, indikator_ids)


def add_aktivitas(
    s: Session,
    actor: Actor,
    skp: SkpUji,
    tanggal,
    mulai: str,
    selesai: str,
    status=None,
    aktivitas: str = "Menyusun laporan",
    alasan: str | None = None,
):
    """An AktivitasHarian row written directly (no rules, any status): for capaian arithmetic tests.
    ``mulai``/``selesai`` are "HH:MM"."""
    from datetime import time as _time

    from db.enums import StatusAktivitas
    from db.models import AktivitasHarian

    jam_mulai, jam_selesai = (_time.fromisoformat(mulai), _time.fromisoformat(selesai))
    menit = (jam_selesai.hour * 60 + jam_selesai.minute) - (jam_mulai.hour * 60 + jam_mulai.minute)
    status = status or StatusAktivitas.TERVALIDASI
    row = AktivitasHarian(
        pegawai_id=actor.pegawai_id,
        periode_id=skp.periode_id,
        rhk_id=skp.rhk_ids[0],
        tanggal=tanggal,
        jam_mulai=jam_mulai,
        jam_selesai=jam_selesai,
        durasi_menit=menit,
        aktivitas=aktivitas,
        volume=Decimal(1),
        satuan="Dokumen",
        status=status,
        alasan_tolak=alasan if status == StatusAktivitas.DITOLAK else None,
    )
    s.add(row)
    s.flush()
    return row


def isi_realisasi(
    s: Session,
    indikator_id: int,
    bulan: int,
    realisasi,
    sumber: str = "Laporan bulanan",
    bukti: tuple[str, ...] = ("https://drive.google.com/bukti",),
    umpan_balik: str | None = None,
):
    """A RealisasiBulanan row written directly (no rules): for capaian and evaluation tests."""
    from db.models import BuktiDukung, RealisasiBulanan

    row = RealisasiBulanan(
        indikator_id=indikator_id,
        bulan=bulan,
        realisasi=Decimal(str(realisasi)),
        sumber_data=sumber,
        umpan_balik=umpan_balik,
    )
    row.bukti_dukung = [BuktiDukung(url=u) for u in bukti]
    s.add(row)
    s.flush()
    return row


# --- Perencanaan Kinerja (issue #3): plans built through the services, as a pegawai would ---------


def build_draft(
    s: Session, actor: Actor, tahun: int, rhk_atasan_id: int, target: int = 12, isi_target_bulanan: bool = True
) -> SkpUji:
    """A non-JPT whole-year Draft SKP made through services.perencanaan.rencana_skp: one RHK intervening
    ``rhk_atasan_id`` with one Kuantitas IKI of ``target`` Dokumen, spread evenly when asked."""
    from services.perencanaan import rencana_skp, target_bulanan

    periode = periode_service.tambah(s, actor, tahun)
    skp = periode_service.skp_of(s, periode.id)
    rencana_skp.pastikan_pola_default(s)
    pola = rencana_skp.daftar_pola(s)[0]
    rhk = rencana_skp.tambah_rhk(s, actor, skp.id, f"Tersusunnya dokumen kerja {actor.nama}", rhk_atasan_id)
    iki = rencana_skp.tambah_indikator(
        s, actor, rhk.id, "Jumlah dokumen yang disusun", "Kuantitas", target, "Dokumen", pola.id
    )
    if isi_target_bulanan:
        target_bulanan.simpan(s, actor, iki.id, target_bulanan.usulan(iki.target, iki.aspek, list(range(1, 13))))
    return SkpUji(periode.id, skp.id, [rhk.id], [iki.id])


PK_CONTOH = {
    "Penerima Layanan": "Meningkatnya Indeks Kepuasan Masyarakat (Penugasan dari Bupati Uji)",
    "Proses Bisnis": "Terlaksananya Program Penunjang Urusan Pemerintah Daerah (Penugasan dari Bupati Uji)",
    "Anggaran": "Meningkatnya akuntabilitas pengelolaan anggaran (Penugasan dari Bupati Uji)",
    "Penguatan Internal": "Meningkatnya Nilai Capaian SAKIP (Penugasan dari Bupati Uji)",
}


def build_jpt_draft(s: Session, actor: Actor, tahun: int, perspektif: tuple[str, ...] = tuple(PK_CONTOH)) -> SkpUji:
    """A JPT whole-year Draft SKP made through the services: one Perjanjian Kinerja per perspektif, each
    taken into the Rencana SKP with one Kuantitas IKI of 12 Dokumen (1 a month)."""
    from services.perencanaan import perjanjian_kinerja, rencana_skp, target_bulanan

    periode = periode_service.tambah(s, actor, tahun)
    skp = periode_service.skp_of(s, periode.id)
    rencana_skp.pastikan_pola_default(s)
    pola = rencana_skp.daftar_pola(s)[0]
    rhk_ids, indikator_ids = [], []
    for nama in perspektif:
        pk = perjanjian_kinerja.tambah(s, actor, periode.id, PK_CONTOH[nama], nama)
        perjanjian_kinerja.tambah_indikator(s, actor, pk.id, f"Indeks {nama}", 80, "Indeks")
        rhk = rencana_skp.tambah_rhk_jpt(s, actor, skp.id, pk.id)
        iki = rencana_skp.tambah_indikator(
            s, actor, rhk.id, f"Jumlah laporan {nama}", "Kuantitas", 12, "Laporan", pola.id
        )
        target_bulanan.simpan(s, actor, iki.id, {b: 1 for b in range(1, 13)})
        rhk_ids.append(rhk.id)
        indikator_ids.append(iki.id)
    return SkpUji(periode.id, skp.id, rhk_ids, indikator_ids)


def jejak_perencanaan(s: Session) -> dict:
    """Everything the planning services may change, to assert that a refusal changed nothing."""
    from sqlalchemy import select

    from db.models import SKP, AuditLog, IndikatorPerjanjianKinerja, PeranHasil, PerilakuKerja, PerjanjianKinerja

    s.flush()
    s.expire_all()  # compare what the database holds, not what this session still remembers

    def rows(model, *cols):
        return sorted(tuple(str(getattr(r, c)) for c in cols) for r in s.scalars(select(model)))

    return {
        "pk": rows(PerjanjianKinerja, "id", "sasaran_strategis", "perspektif"),
        "pk_indikator": rows(IndikatorPerjanjianKinerja, "id", "indikator", "target", "satuan"),
        "rhk": rows(RencanaHasilKerja, "id", "teks", "jenis", "rhk_atasan_id", "perjanjian_id"),
        "iki": rows(IndikatorKinerja, "id", "teks", "aspek", "target", "satuan", "pola_penugasan_id"),
        "target_bulanan": rows(TargetBulanan, "indikator_id", "bulan", "target"),
        "peran_hasil": rows(PeranHasil, "id", "teks", "rhk_bawahan_id"),
        "skp": rows(SKP, "id", "status", "catatan_atasan", "ditetapkan_oleh_id"),
        "perilaku": rows(PerilakuKerja, "skp_id", "nomor", "ekspektasi_khusus"),
        "audit": len(list(s.scalars(select(AuditLog.id)))),
    }


from datetime import date as _date_  # noqa: E402 - helpers added after the original ones

#: docs/domain.md §4's worked example: the 17 hari kerja of March 2026.
HARI_KERJA_MARET_2026 = [_date_(2026, 3, d) for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 25, 26, 27, 30, 31)]


def build_maret_2026(s: Session, actor: Actor, isi_libur: bool = True) -> SkpUji:
    """docs/domain.md §4's example for ``actor``: hari libur 2026 seeded (unless ``isi_libur`` is False: the
    calendar then comes from wherever the test says, e.g. ``sipijar db upgrade``), TPP pokok Rp3.100.000, a ditetapkan
    SKP for 2026; 17 × 240 = 4,080 validated minutes (08.00–12.00 each hari kerja), 600 waiting
    (13.00–18.00 on 30 and 31 March) and 300 rejected (13.00–18.00 on 27 March).
    Expected: 17 hari kerja, 5,100 menit efektif, 80.00 %, TPP produktivitas Rp1.488.000."""
    from db.enums import StatusAktivitas
    from services.platform import kalender

    if isi_libur:
        kalender.isi_hari_libur(s, 2026)
    setel_tpp_pokok(s, actor.pegawai_id, 3_100_000)
    skp = build_skp(s, actor, 2026)
    for day in HARI_KERJA_MARET_2026:
        add_aktivitas(
            s,
            actor,
            skp,
            day,
            "08:00",
            "12:00",
            StatusAktivitas.TERVALIDASI,
            aktivitas=f"Menyusun laporan harian {day.day}",
        )
    for d in (30, 31):
        add_aktivitas(
            s,
            actor,
            skp,
            _date_(2026, 3, d),
            "13:00",
            "18:00",
            StatusAktivitas.MENUNGGU,
            aktivitas="Memverifikasi berkas usulan",
        )
    add_aktivitas(
        s,
        actor,
        skp,
        _date_(2026, 3, 27),
        "13:00",
        "18:00",
        StatusAktivitas.DITOLAK,
        aktivitas="Rapat koordinasi",
        alasan="Tidak sesuai daftar hadir",
    )
    return skp


# --- Dasbor Capaian (issue #6): one month of a whole small organisation ---------------------------


@dataclass
class DasborUji:
    """The SKP of each pegawai who has one in :func:`build_dasbor_2026` (others have no period)."""

    skp: dict[str, SkpUji]


def build_dasbor_2026(s: Session, org: Org) -> DasborUji:
    """Hari libur 2026 seeded; whole-year 2026 SKP for kepala, kabid, staf, fungsional, kadinkes and
    perawat (bupati, admin and kasubbid have no period: no hari kerja). March 2026 has 17 hari kerja
    (5,100 menit efektif each); its Aktivitas Harian, with each pegawai's penilai (= atasan):

    | pegawai    | penilai  | tervalidasi             | menunggu     | ditolak | capaian  |
    |------------|----------|-------------------------|--------------|---------|----------|
    | kepala     | bupati   | 17 × 60 = 1,020         | 4 × 60       |         | 20.00 %  |
    | kabid      | kepala   | 17 × 300 + 300 = 5,400  |              |         | 100.00 % |
    | staf       | kasubbid | 17 × 240 = 4,080        | 2 × 300      | 1 × 300 | 80.00 %  |
    | fungsional | kabid    | 16 × 150 + 100 = 2,500  | 1 × 60       |         | 49.02 %  |
    | kadinkes   | bupati   | 17 × 270 = 4,590        |              |         | 90.00 %  |
    | perawat    | kadinkes | 17 × 30 = 510           | 17 × 60      |         | 10.00 %  |

    Outside March: staf 4 × 300 = 1,200 validated in February (2–5 Feb), kabid 240 on 1 April."""
    from db.enums import StatusAktivitas
    from services.platform import kalender

    T, M, D = StatusAktivitas.TERVALIDASI, StatusAktivitas.MENUNGGU, StatusAktivitas.DITOLAK
    kalender.isi_hari_libur(s, 2026)
    people = {
        "kepala": org.kepala,
        "kabid": org.kabid,
        "staf": org.staf,
        "fungsional": org.fungsional,
        "kadinkes": org.kadinkes,
        "perawat": org.perawat,
    }
    skp = {key: build_skp(s, actor, 2026) for key, actor in people.items()}

    def add(key, day, mulai, selesai, status=T):
        add_aktivitas(s, people[key], skp[key], day, mulai, selesai, status)

    for i, day in enumerate(HARI_KERJA_MARET_2026):
        add("kepala", day, "08:00", "09:00")
        add("kabid", day, "08:00", "13:00")
        add("staf", day, "08:00", "12:00")
        add("fungsional", day, "08:00", "10:30" if i else "09:40")
        add("kadinkes", day, "08:00", "12:30")
        add("perawat", day, "08:00", "08:30")
        add("perawat", day, "09:00", "10:00", M)
    for d in (2, 3, 4, 5):
        add("kepala", _date_(2026, 3, d), "13:00", "14:00", M)
    add("kabid", _date_(2026, 3, 2), "13:00", "18:00")
    for d in (30, 31):
        add("staf", _date_(2026, 3, d), "13:00", "18:00", M)
    add("staf", _date_(2026, 3, 27), "13:00", "18:00", D)
    add("fungsional", _date_(2026, 3, 3), "13:00", "14:00", M)
    for d in (2, 3, 4, 5):
        add("staf", _date_(2026, 2, d), "08:00", "13:00")
    add("kabid", _date_(2026, 4, 1), "08:00", "12:00")
    return DasborUji(skp)

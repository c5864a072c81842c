""" "Cetak" (e-book "Pengecekan Nilai Capaian Kinerja/Aktivitas Harian (%)"): the month's activities,
validated and effective minutes, capaian % and TPP produktivitas as a PDF in the house layout.
The figures come from services.aktivitas.capaian, the same as the screen and the Rekap TPP; a closed month's
from its Tutup Bulan snapshot, with the settings of the close and the line "Bulan ditutup pada … oleh …"."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Pegawai, PeriodeSKP
from services.aktivitas import arsip_bulan, capaian
from services.aktivitas.bulan import bulan_range
from services.aktivitas.harian import AktivitasRow, daftar_bulan
from services.platform import format as fmt
from services.platform import settings
from services.platform.access import Actor, ambil_pegawai
from services.platform.kalender import hari_ini
from services.platform.pdf import Dokumen, Identitas

JUDUL = "Capaian Kinerja/Aktivitas Harian"


def nama_berkas(nip: str, tahun: int, bulan: int) -> str:
    return f"capaian-aktivitas-{nip}-{tahun}-{bulan:02d}.pdf"


def _identitas(pegawai: Pegawai, periode: PeriodeSKP | None) -> Identitas:
    if periode is not None and periode.pegawai_id == pegawai.id:
        return Identitas(pegawai.nama, pegawai.nip, periode.pangkat_golongan, periode.jabatan, periode.unit_kerja_nama)
    return Identitas(
        pegawai.nama,
        pegawai.nip,
        pegawai.pangkat_golongan,
        pegawai.jabatan,
        pegawai.unit_kerja.nama if pegawai.unit_kerja else "-",
    )


def cetak(session: Session, actor: Actor, pegawai_id: int, tahun: int, bulan: int, today: date | None = None) -> bytes:
    """The PDF of one pegawai's month (who may see the capaian may print it)."""
    hasil = capaian.capaian_pegawai(session, actor, pegawai_id, tahun, bulan)
    rows = daftar_bulan(session, actor, pegawai_id, tahun, bulan)
    first, last = bulan_range(tahun, bulan)
    pegawai = ambil_pegawai(session, pegawai_id)
    periode = session.scalar(
        select(PeriodeSKP)
        .where(PeriodeSKP.pegawai_id == pegawai_id, PeriodeSKP.tanggal_mulai <= last, PeriodeSKP.tanggal_akhir >= first)
        .order_by(PeriodeSKP.tanggal_mulai.desc())
        .limit(1)
    )
    penilai = periode.penilai if periode is not None and periode.penilai is not None else pegawai.atasan
    penilai_periode = (
        session.scalar(
            select(PeriodeSKP)
            .where(
                PeriodeSKP.pegawai_id == penilai.id, PeriodeSKP.tanggal_mulai <= last, PeriodeSKP.tanggal_akhir >= first
            )
            .order_by(PeriodeSKP.tanggal_mulai.desc())
            .limit(1)
        )
        if penilai
        else None
    )

    tutup = arsip_bulan.penutupan(session, tahun, bulan)
    doc = Dokumen(JUDUL, settings.ambil(session, "nama_instansi"))
    doc.keterangan(
        [
            ("Bulan", fmt.bulan_tahun(tahun, bulan)),
            (
                "Periode SKP",
                f"{fmt.tanggal(periode.tanggal_mulai)} – {fmt.tanggal(periode.tanggal_akhir)}" if periode else "-",
            ),
        ]
        + ([("Status", f"{tutup.keterangan} (versi {tutup.versi})")] if tutup else [])
    )
    doc.identitas(_identitas(pegawai, periode), _identitas(penilai, penilai_periode) if penilai else None)

    doc.subjudul("Nilai Capaian")
    bobot = tutup.bobot_produktivitas_persen if tutup else settings.ambil(session, "bobot_produktivitas_persen")
    menit_per_hari = tutup.menit_per_hari if tutup else settings.ambil(session, "menit_per_hari")
    _nilai_capaian(doc, hasil, bobot, menit_per_hari)

    doc.subjudul("Daftar Aktivitas Harian")
    if rows:
        kode = _kode_skp(rows)
        doc.tabel(
            ["No", "Tanggal", "Jam", "Aktivitas", "Output", "Menit", "SKP", "Status"],
            [
                (
                    i,
                    fmt.tanggal_pendek(r.tanggal),
                    r.jam,
                    r.aktivitas,
                    r.output,
                    fmt.angka(r.durasi_menit),
                    kode.get(r.skp_terkait, "-"),
                    r.status.value + (f" ({r.alasan_tolak})" if r.alasan_tolak else ""),
                )
                for i, r in enumerate(rows, start=1)
            ],
            [8, 16, 18, 66, 20, 11, 10, 31],
            align=["RIGHT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "CENTER", "LEFT"],
            font_size=8,
        )
        if kode:
            doc.subjudul("SKP Terkait")
            doc.tabel(
                ["SKP", "Rencana hasil kerja — indikator"], [(k, t) for t, k in kode.items()], [10, 170], font_size=8
            )
    else:
        doc.set_font("SourceSans", "I", 10)
        doc.cell(0, 6, "Tidak ada aktivitas harian pada bulan ini.", new_x="LMARGIN", new_y="NEXT")
        doc.ln(2)

    doc.tanda_tangan(
        settings.ambil(session, "tempat_dokumen"),
        today or hari_ini(),
        ("Pejabat Penilai Kinerja", penilai.nama, penilai.nip) if penilai else None,
        ("Pegawai yang Dinilai", pegawai.nama, pegawai.nip),
    )
    return doc.to_bytes()


def _kode_skp(rows: list[AktivitasRow]) -> dict[str, str]:
    """S1, S2, … per SKP terkait in order of first use: the long RHK — indikator text is printed once, under
    the table, instead of on every row (a month of rows then fits in a few pages)."""
    kode: dict[str, str] = {}
    for r in rows:
        if r.skp_terkait and r.skp_terkait not in kode:
            kode[r.skp_terkait] = f"S{len(kode) + 1}"
    return kode


def _nilai_capaian(doc: Dokumen, hasil: capaian.CapaianPegawai, bobot: int, menit_per_hari: int) -> None:
    """The month's figures, on page 1 before the activities; the capaian % and the TPP produktivitas in bold."""
    pokok = (
        [("TPP pokok", fmt.rupiah(hasil.tpp_pokok))]
        if not hasil.rincian_pokok
        else [
            *(
                (
                    f"TPP pokok {fmt.tanggal_pendek(b.mulai)} s.d. {fmt.tanggal_pendek(b.akhir)}",
                    f"{fmt.rupiah(b.tpp_pokok)} × {b.hari_kerja} hari kerja",
                )
                for b in hasil.rincian_pokok
            ),
            ("TPP pokok prorata (menurut hari kerja)", fmt.rupiah(hasil.tpp_pokok)),
        ]
    )
    baris = [
        ("Uraian", "Nilai"),
        ("Hari kerja", f"{hasil.hari_kerja} hari"),
        ("Menit efektif", f"{fmt.angka(hasil.menit_efektif)} menit ({hasil.hari_kerja} × {menit_per_hari} menit)"),
        ("Menit tervalidasi", f"{fmt.angka(hasil.menit_tervalidasi)} menit"),
        ("Menit menunggu validasi (belum dihitung)", f"{fmt.angka(hasil.menit_menunggu)} menit"),
        ("Capaian aktivitas", fmt.persen(hasil.capaian_persen)),
        *pokok,
        (f"TPP produktivitas ({bobot}% × TPP pokok × capaian)", fmt.rupiah(hasil.tpp_produktivitas)),
    ]
    doc.tabel(None, baris, [110, 70], align=["LEFT", "RIGHT"], font_size=10, tebal=(5, len(baris) - 1))

"""What an atasan and a pimpinan or admin are told (docs/domain.md §8.36): the atasan's digest of waiting
validations and SKP, daily from N hari kerja before the closing day through the closing day; the weekly summary
per unit. Both reuse the Beranda's and the Dasbor's reads (services.pimpinan), never their own rules."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.enums import StatusAktivitas, StatusSKP
from db.models import SKP, AktivitasHarian, Pegawai, PenugasanPlt, PeriodeSKP
from services.organisasi.wewenang import berlaku_pada
from services.pengingat.pesan import Baris, Pesan
from services.pimpinan import beranda, dasbor
from services.pimpinan.dasbor_angka import BATAS_DEFAULT
from services.platform import format as fmt
from services.platform import kalender, settings
from services.platform.access import Actor


def tautan_validasi(nip: str) -> str:
    """The deep link into Validasi on one bawahan (the contract with pages/validasi.py)."""
    return f"/validasi?nip={nip}"


def masa_digest(session: Session, hari_ini: date) -> beranda.Penutupan | None:
    """The closing the digest speaks of, when today is within ``pengingat_hari_sebelum_tutup`` hari kerja before
    it or is the closing day itself; None on the other days."""
    tutup = beranda.penutupan_berikutnya(session, hari_ini)
    sebelum = settings.ambil(session, "pengingat_hari_sebelum_tutup")
    sisa = len(kalender.hari_kerja(session, hari_ini + timedelta(days=1), tutup.tanggal_tutup))
    return tutup if sisa <= sebelum else None


def _calon_atasan(session: Session, hari_ini: date) -> list[Pegawai]:
    """Penilai of anything waiting, and everyone standing in as Plt/Plh today; in service only."""
    aktivitas = select(AktivitasHarian.periode_id).where(AktivitasHarian.status == StatusAktivitas.MENUNGGU)
    skp = select(SKP.periode_id).where(SKP.status == StatusSKP.DIAJUKAN)
    menunggu = select(PeriodeSKP.penilai_id).where(or_(PeriodeSKP.id.in_(aktivitas), PeriodeSKP.id.in_(skp)))
    plt = select(PenugasanPlt.pegawai_id).where(berlaku_pada(hari_ini))
    return list(
        session.scalars(
            select(Pegawai)
            .where(or_(Pegawai.id.in_(menunggu), Pegawai.id.in_(plt)), Pegawai.bertugas_pada(hari_ini))
            .order_by(Pegawai.nama, Pegawai.id)
        )
    )


def digest_atasan(session: Session, hari_ini: date, hanya: int | None = None) -> list[Pesan]:
    """One digest per atasan with something waiting, on the days of :func:`masa_digest`."""
    tutup = masa_digest(session, hari_ini)
    if tutup is None:
        return []
    hasil = []
    for atasan in _calon_atasan(session, hari_ini):
        if hanya is not None and atasan.id != hanya:
            continue
        tugas = beranda.tugas_atasan(session, Actor.of(atasan), hari_ini, dengan_bawahan_baru=False)
        if not tugas.total:
            continue
        ids = {m.pegawai_id for m in tugas.aktivitas_menunggu} | {pid for pid, _nama in tugas.skp_diajukan}
        nip = {pid: n for pid, n in session.execute(select(Pegawai.id, Pegawai.nip).where(Pegawai.id.in_(ids)))}
        aktivitas = sum(m.jumlah for m in tugas.aktivitas_menunggu)
        baris = [
            Baris(
                f"{m.nama} (NIP {nip[m.pegawai_id]}): {m.jumlah} aktivitas, {fmt.angka(m.menit)} menit menunggu "
                "validasi" + (" — mantan bawahan (mutasi)" if m.mantan else ""),
                tautan_validasi(nip[m.pegawai_id]),
            )
            for m in tugas.aktivitas_menunggu
        ]
        baris += [
            Baris(f"{nama} (NIP {nip[pid]}): SKP menunggu penetapan", "/rencana-skp")
            for pid, nama in tugas.skp_diajukan
        ]
        hari = "hari ini, " if tutup.tanggal_tutup == hari_ini else ""
        ringkas = (
            f"{len(ids)} bawahan, {aktivitas} aktivitas, {len(tugas.skp_diajukan)} SKP menunggu; ditutup {hari}"
            f"{fmt.tanggal(tutup.tanggal_tutup)} (bulan {fmt.bulan_tahun(tutup.bulan.year, tutup.bulan.month)})."
        )
        hasil.append(
            Pesan(
                atasan.id,
                "digest_atasan",
                hari_ini.isoformat(),
                f"SIPIJAR: {aktivitas} aktivitas dan {len(tugas.skp_diajukan)} SKP menunggu Anda",
                ringkas,
                baris[0].tautan or "/validasi",
                tuple(baris),
            )
        )
    return hasil


def ringkasan_mingguan(session: Session, hari_ini: date, hanya: int | None = None) -> list[Pesan]:
    """On the weekday of ``pengingat_hari_ringkasan``: per pimpinan and admin, their Dasbor's unit this month —
    the capaian so far, the sub-units under the Dasbor's threshold, the penilai with validations waiting."""
    if hari_ini.isoweekday() != settings.ambil(session, "pengingat_hari_ringkasan"):
        return []
    tahun, minggu, _hari = hari_ini.isocalendar()
    penerima = session.scalars(
        select(Pegawai)
        .where(or_(Pegawai.is_pimpinan, Pegawai.is_admin), Pegawai.bertugas_pada(hari_ini))
        .order_by(Pegawai.nama, Pegawai.id)
    )
    hasil = []
    for p in penerima:
        if hanya is not None and p.id != hanya:
            continue
        actor = Actor.of(p)
        d = dasbor.dasbor(session, actor, dasbor.unit_awal(session, actor), hari_ini.year, hari_ini.month, hari_ini)
        bulan = fmt.bulan_tahun(d.tahun, d.bulan)
        rendah = [u for u in d.per_unit if u.pegawai and u.capaian_persen < BATAS_DEFAULT]
        telat = sorted((x for x in d.penilai if x.menunggu), key=lambda x: (-x.menunggu, x.nama))[:10]
        baris = [
            Baris(f"Di bawah {BATAS_DEFAULT} %: {u.nama} — {fmt.persen(u.capaian_persen)}", "/dasbor-capaian")
            for u in rendah
        ] + [Baris(f"Belum memvalidasi: {x.nama} ({x.unit_kerja}) — {x.menunggu} aktivitas") for x in telat]
        ringkas = (
            f"Capaian {d.unit.nama} bulan {bulan} sampai {fmt.tanggal(hari_ini)}: "
            f"{fmt.persen(d.total.capaian_persen)} ({d.total.pegawai} pegawai); {len(rendah)} unit di bawah "
            f"{BATAS_DEFAULT} %, {len(telat)} penilai dengan validasi tertunda."
        )
        hasil.append(
            Pesan(
                p.id,
                "ringkasan_mingguan",
                f"{tahun}-W{minggu:02d}",
                f"SIPIJAR: ringkasan mingguan {d.unit.nama}",
                ringkas,
                "/dasbor-capaian",
                tuple(baris),
            )
        )
    return hasil

"""What a pegawai is told (docs/domain.md §8.36): the hari kerja of the months still open without any activity
(after K such days), an SKP returned or activities rejected with the atasan's reason, and the month's capaian
once Tutup Bulan has closed it. Closing days, hari kerja and the frozen capaian come from their own modules."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import StatusAktivitas, StatusSKP
from db.models import SKP, AktivitasHarian, Ketidakhadiran, Pegawai, PeriodeSKP
from services.aktivitas import arsip_bulan
from services.aktivitas.capaian import CapaianPegawai
from services.organisasi.kepala_daerah import wajib_skp
from services.pengingat.pesan import Baris, Pesan
from services.platform import format as fmt
from services.platform import kalender, settings

#: Lines of one message at most; the rest are counted.
BARIS_MAKS = 20


def _sejak(session: Session, hari_ini: date) -> date:
    return kalender.awal_bulan_terbuka(settings.ambil(session, "hari_tutup_bulan"), hari_ini)


def tanpa_aktivitas(session: Session, hari_ini: date, hanya: int | None = None) -> list[Pesan]:
    """Per pegawai with a ditetapkan SKP: the hari kerja of the open months up to yesterday with no activity of
    any status and no recorded absence, once there are ``pengingat_hari_tanpa_aktivitas`` of them."""
    batas = settings.ambil(session, "pengingat_hari_tanpa_aktivitas")
    sejak, kemarin = _sejak(session, hari_ini), hari_ini - timedelta(days=1)
    hari_kerja = kalender.hari_kerja(session, sejak, kemarin) if kemarin >= sejak else []
    if len(hari_kerja) < batas:
        return []
    saring = [PeriodeSKP.pegawai_id == hanya] if hanya is not None else []
    periode: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for pid, mulai, akhir in session.execute(
        select(PeriodeSKP.pegawai_id, PeriodeSKP.tanggal_mulai, PeriodeSKP.tanggal_akhir)
        .join(SKP, SKP.periode_id == PeriodeSKP.id)
        .join(Pegawai, Pegawai.id == PeriodeSKP.pegawai_id)
        .where(
            SKP.status == StatusSKP.DITETAPKAN,
            PeriodeSKP.tanggal_mulai <= kemarin,
            PeriodeSKP.tanggal_akhir >= sejak,
            Pegawai.bertugas_pada(hari_ini),
            wajib_skp(),
            *saring,
        )
    ):
        periode[pid].append((mulai, akhir))
    terisi = {
        (pid, tanggal)
        for pid, tanggal in session.execute(
            select(AktivitasHarian.pegawai_id, AktivitasHarian.tanggal)
            .where(AktivitasHarian.tanggal.between(sejak, kemarin), AktivitasHarian.pegawai_id.in_(list(periode)))
            .distinct()
        )
    }
    absen: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for pid, mulai, akhir in session.execute(
        select(Ketidakhadiran.pegawai_id, Ketidakhadiran.tanggal_mulai, Ketidakhadiran.tanggal_akhir).where(
            Ketidakhadiran.pegawai_id.in_(list(periode)),
            Ketidakhadiran.tanggal_mulai <= kemarin,
            Ketidakhadiran.tanggal_akhir >= sejak,
        )
    ):
        absen[pid].append((mulai, akhir))
    tutup_hari = settings.ambil(session, "hari_tutup_bulan")
    hasil = []
    for pid in sorted(periode):
        kosong = [
            d
            for d in hari_kerja
            if any(m <= d <= a for m, a in periode[pid])
            and (pid, d) not in terisi
            and not any(m <= d <= a for m, a in absen[pid])
        ]
        if len(kosong) < batas:
            continue
        per_bulan: dict[tuple[int, int], list[date]] = defaultdict(list)
        for d in kosong:
            per_bulan[(d.year, d.month)].append(d)
        baris = tuple(
            Baris(
                f"{fmt.bulan_tahun(t, b)}: tanggal {', '.join(str(d.day) for d in hari)} ({len(hari)} hari kerja); "
                f"entri ditutup {fmt.tanggal(_tanggal_tutup(t, b, tutup_hari))}",
                "/aktivitas-harian",
            )
            for (t, b), hari in sorted(per_bulan.items())
        )
        hasil.append(
            Pesan(
                pid,
                "tanpa_aktivitas",
                hari_ini.isoformat(),
                f"SIPIJAR: {len(kosong)} hari kerja belum ada aktivitas harian",
                f"Ada {len(kosong)} hari kerja tanpa aktivitas harian sejak {fmt.tanggal(sejak)}. Isi sebelum bulannya "
                "ditutup: menit yang tidak dicatat tidak dapat dihitung dalam capaian dan TPP produktivitas.",
                "/aktivitas-harian",
                baris,
            )
        )
    return hasil


def _tanggal_tutup(tahun: int, bulan: int, hari_tutup: int) -> date:
    nxt = kalender.bulan_range(tahun, bulan)[1] + timedelta(days=1)
    return nxt.replace(day=hari_tutup)


def dikembalikan(session: Session, hari_ini: date, hanya: int | None = None) -> list[Pesan]:
    """Per pegawai: the SKP of the running period sent back (Dikembalikan) with the atasan's note, and the
    activities of the open months rejected (Ditolak) with the reason. Keyed by the items and their versions, so
    the same returns are told once and a new one is told again."""
    sejak = _sejak(session, hari_ini)
    saring = [Pegawai.id == hanya] if hanya is not None else []
    item: dict[int, list[tuple[str, Baris]]] = defaultdict(list)
    for pid, sid, versi, catatan, mulai, akhir in session.execute(
        select(Pegawai.id, SKP.id, SKP.version_id, SKP.catatan_atasan, PeriodeSKP.tanggal_mulai)
        .add_columns(PeriodeSKP.tanggal_akhir)
        .join(PeriodeSKP, PeriodeSKP.pegawai_id == Pegawai.id)
        .join(SKP, SKP.periode_id == PeriodeSKP.id)
        .where(
            SKP.status == StatusSKP.DIKEMBALIKAN,
            PeriodeSKP.tanggal_akhir >= sejak,
            PeriodeSKP.tanggal_mulai <= hari_ini,
            Pegawai.bertugas_pada(hari_ini),
            *saring,
        )
    ):
        teks = f"SKP periode {fmt.rentang(mulai, akhir)} dikembalikan. Catatan atasan: {catatan or '-'}"
        item[pid].append((f"s{sid}.{versi}", Baris(teks, "/rencana-skp")))
    for pid, aid, versi, tanggal, aktivitas, alasan in session.execute(
        select(
            Pegawai.id,
            AktivitasHarian.id,
            AktivitasHarian.version_id,
            AktivitasHarian.tanggal,
            AktivitasHarian.aktivitas,
            AktivitasHarian.alasan_tolak,
        )
        .join(AktivitasHarian, AktivitasHarian.pegawai_id == Pegawai.id)
        .where(
            AktivitasHarian.status == StatusAktivitas.DITOLAK,
            AktivitasHarian.tanggal >= sejak,
            Pegawai.bertugas_pada(hari_ini),
            *saring,
        )
        .order_by(AktivitasHarian.tanggal, AktivitasHarian.jam_mulai, AktivitasHarian.id)
    ):
        ringkas = aktivitas if len(aktivitas) <= 80 else aktivitas[:79] + "…"
        teks = f"Aktivitas {fmt.tanggal(tanggal)} \u201c{ringkas}\u201d ditolak. Alasan: {alasan or '-'}"
        item[pid].append((f"a{aid}.{versi}", Baris(teks, "/aktivitas-harian")))
    hasil = []
    for pid in sorted(item):
        kunci = hashlib.sha256(",".join(sorted(k for k, _b in item[pid])).encode()).hexdigest()[:24]
        baris = [b for _k, b in item[pid]]
        skp = sum(1 for k, _b in item[pid] if k.startswith("s"))
        lebih = len(baris) - BARIS_MAKS
        if lebih > 0:
            baris = [*baris[:BARIS_MAKS], Baris(f"dan {lebih} lainnya", "/aktivitas-harian")]
        hasil.append(
            Pesan(
                pid,
                "dikembalikan",
                kunci,
                "SIPIJAR: ada yang dikembalikan untuk Anda perbaiki",
                " dan ".join(
                    bagian
                    for n, bagian in (
                        (skp, f"{skp} SKP dikembalikan"),
                        (len(item[pid]) - skp, f"{len(item[pid]) - skp} aktivitas ditolak"),
                    )
                    if n
                )
                + " menunggu perbaikan Anda.",
                baris[0].tautan or "/aktivitas-harian",
                tuple(baris),
            )
        )
    return hasil


def capaian_bulan(session: Session, hari_ini: date, hanya: int | None = None) -> list[Pesan]:
    """Once last month is closed by Tutup Bulan: each pegawai's frozen capaian and TPP produktivitas of it
    (keyed by the close's version: a reopened and closed again month is told again)."""
    lalu = hari_ini.replace(day=1) - timedelta(days=1)
    tutup = arsip_bulan.penutupan(session, lalu.year, lalu.month)
    if tutup is None:
        return []
    where = Pegawai.id == hanya if hanya is not None else None
    rows = arsip_bulan.baris_bulan(session, lalu.year, lalu.month, CapaianPegawai, where) or []
    bertugas = set(session.scalars(select(Pegawai.id).where(Pegawai.bertugas_pada(hari_ini))))
    bulan = fmt.bulan_tahun(lalu.year, lalu.month)
    return [
        Pesan(
            r.pegawai_id,
            "capaian_bulan",
            f"{lalu.year}-{lalu.month:02d}-v{tutup.versi}",
            f"SIPIJAR: capaian {bulan}",
            f"Capaian {bulan}: {fmt.persen(r.capaian_persen)}; TPP produktivitas {fmt.rupiah(r.tpp_produktivitas)}.",
            "/aktivitas-harian",
            (
                Baris(f"Hari kerja: {r.hari_kerja}; menit efektif {fmt.angka(r.menit_efektif)}"),
                Baris(f"Menit tervalidasi: {fmt.angka(r.menit_tervalidasi)}"),
            ),
        )
        for r in rows
        if r.pegawai_id in bertugas
    ]

"""The run of ``sipijar kirim-pengingat`` (docs/domain.md §8.36). Each message and channel is claimed before it
is sent — a row of ``pengiriman_pengingat`` under its unique key (pegawai, kind, key, channel) inserted in its
own short transaction — so two overlapping runs or a replica's send it at most once: the loser of the insert
skips it. Sent or failed is written after; failed ones are tried again with a doubling pause, and a claim left
behind by a crashed run is taken over after ``KLAIM_BASI``. The in-app notice is written in the claim's
transaction itself."""

from __future__ import annotations

import smtplib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import CursorResult, Engine, and_, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.enums import KanalPengingat, StatusPengiriman
from db.models import BerhentiPengingat, Notifikasi, Pegawai, PengirimanPengingat, RunPengingat
from db.models.base import utcnow
from db.session import session_scope
from services.pengingat import aturan, kanal
from services.pengingat.pesan import Pesan, muatan_webhook, teks_html, teks_polos
from services.platform import audit, kalender
from services.platform import format as fmt
from services.platform.access import Actor, Operator, require_admin_or_operator

MAKS_PERCOBAAN = 5
JEDA_AWAL = timedelta(minutes=5)  # then 10, 20, 40 minutes
KLAIM_BASI = timedelta(minutes=15)  # a claim this old belongs to a run that died while sending


@dataclass(frozen=True)
class Penerima:
    id: int
    nip: str
    nama: str
    email: str | None
    berhenti: frozenset[KanalPengingat]


@dataclass
class Hasil:
    """What one run did; ``rencana`` lists, for a dry run, what it would send."""

    hari: date
    dry_run: bool
    pesan: int = 0
    penerima: int = 0
    terkirim: Counter = field(default_factory=Counter)
    gagal: int = 0
    sudah: int = 0
    berhenti: int = 0
    ditunda: int = 0
    rencana: list[str] = field(default_factory=list)
    run_id: int | None = None

    @property
    def dilewati(self) -> int:
        return self.sudah + self.berhenti + self.ditunda

    def ringkasan(self) -> str:
        per_kanal = ", ".join(f"{k.value.lower()} {self.terkirim[k]}" for k in KanalPengingat)
        kata = "akan dikirim (uji coba, tidak ada yang dikirim)" if self.dry_run else "terkirim"
        return (
            f"Pengingat {fmt.tanggal(self.hari)}: {self.pesan} pesan untuk {self.penerima} pegawai — {kata}: "
            f"{per_kanal}; gagal {self.gagal}; sudah terkirim sebelumnya {self.sudah}; dihentikan penerima "
            f"{self.berhenti}; ditunda di luar jam kerja {self.ditunda}."
        )


def _penerima(session: Session, ids: set[int]) -> dict[int, Penerima]:
    berhenti: dict[int, set[KanalPengingat]] = {}
    for pid, k in session.execute(select(BerhentiPengingat.pegawai_id, BerhentiPengingat.kanal)):
        berhenti.setdefault(pid, set()).add(k)
    rows = session.execute(select(Pegawai.id, Pegawai.nip, Pegawai.nama, Pegawai.email).where(Pegawai.id.in_(ids)))
    return {
        pid: Penerima(pid, nip, nama, (email or "").strip() or None, frozenset(berhenti.get(pid, ())))
        for pid, nip, nama, email in rows
    }


def _kanal(p: Penerima, cfg: kanal.Konfigurasi) -> list[tuple[KanalPengingat, str | None]]:
    """In the app always; by e-mail when SMTP is set and the pegawai has an address; the webhook when set."""
    hasil: list[tuple[KanalPengingat, str | None]] = [(KanalPengingat.APLIKASI, None)]
    if cfg.email_aktif and p.email:
        hasil.append((KanalPengingat.EMAIL, p.email))
    if cfg.webhook_url:
        hasil.append((KanalPengingat.WEBHOOK, cfg.webhook_url))
    return hasil


def _nama(oleh: Actor | Operator) -> str:
    return f"{oleh.nama} (NIP {oleh.nip})" if isinstance(oleh, Actor) else f"operator {oleh.nama}"


def kirim_pengingat(engine: Engine, oleh: Actor | Operator, *, dry_run: bool = False) -> Hasil:
    """Send today's messages that were not sent yet, then retry the failed ones that are due."""
    require_admin_or_operator(oleh)
    sekarang, hari = utcnow(), kalender.hari_ini()
    with session_scope(engine, readonly=True) as s:
        daftar = aturan.pesan_hari(s, hari)
        cfg = kanal.konfigurasi(s)
        jam_kerja = kanal.dalam_jam_kerja(s, cfg, sekarang)
        penerima = _penerima(s, {p.pegawai_id for p in daftar})
        r = PengirimanPengingat
        ada = {
            (pid, jenis, kunci, k)
            for pid, jenis, kunci, k in s.execute(
                select(r.pegawai_id, r.jenis, r.kunci, r.kanal).where(r.kunci.in_({p.kunci for p in daftar}))
            )
        }
    hasil = Hasil(hari, dry_run, len(daftar), len(penerima))
    with session_scope(engine) as s:
        run = RunPengingat(dry_run=dry_run, oleh=_nama(oleh), mulai=sekarang)
        s.add(run)
        s.flush()
        hasil.run_id = run.id
    for pesan in daftar:
        p = penerima[pesan.pegawai_id]
        for k, alamat in _kanal(p, cfg):
            if (p.id, pesan.jenis, pesan.kunci, k) in ada:
                hasil.sudah += 1
            elif k in p.berhenti:
                hasil.berhenti += 1
            elif k is not KanalPengingat.APLIKASI and not jam_kerja:
                hasil.ditunda += 1
            elif dry_run:
                hasil.terkirim[k] += 1
                hasil.rencana.append(f"{k.value} → {p.nama} (NIP {p.nip}): {pesan.judul}")
            else:
                _klaim_dan_kirim(engine, cfg, pesan, p, k, alamat, hasil)
    if jam_kerja and not dry_run:
        _coba_lagi(engine, cfg, hasil)
    with session_scope(engine) as s:
        row = s.get_one(RunPengingat, hasil.run_id)
        row.selesai = utcnow()
        row.terkirim, row.gagal, row.dilewati = sum(hasil.terkirim.values()), hasil.gagal, hasil.dilewati
        sesudah = {"terkirim": row.terkirim, "gagal": row.gagal, "dilewati": row.dilewati, "dry_run": dry_run}
        audit.record(s, oleh, "kirim_pengingat", "run_pengingat", row.id, None, sesudah)
    return hasil


def _klaim_dan_kirim(
    engine: Engine,
    cfg: kanal.Konfigurasi,
    pesan: Pesan,
    p: Penerima,
    k: KanalPengingat,
    alamat: str | None,
    hasil: Hasil,
) -> None:
    """Claim (insert) the delivery; whoever loses the insert skips. The in-app notice is written with it."""
    aplikasi = k is KanalPengingat.APLIKASI
    sekarang = utcnow()
    try:
        with session_scope(engine) as s:
            row = PengirimanPengingat(
                pegawai_id=p.id,
                jenis=pesan.jenis,
                kunci=pesan.kunci,
                kanal=k,
                status=StatusPengiriman.TERKIRIM if aplikasi else StatusPengiriman.PROSES,
                judul=pesan.judul,
                alamat=alamat,
                isi=pesan.ke_json(),
                percobaan=1 if aplikasi else 0,
                diklaim=sekarang,
                terkirim=sekarang if aplikasi else None,
            )
            s.add(row)
            if aplikasi:
                teks = _teks(pesan)
                s.add(Notifikasi(pegawai_id=p.id, jenis=pesan.jenis, judul=pesan.judul, teks=teks, tautan=pesan.tautan))
            s.flush()
            row_id = row.id
    except IntegrityError:
        hasil.sudah += 1
        return
    if aplikasi:
        hasil.terkirim[k] += 1
    else:
        _kirim_dan_catat(engine, cfg, row_id, pesan, p, k, alamat or "", 1, hasil)


def _teks(pesan: Pesan) -> str:
    return "\n".join([pesan.ringkas, *(f"• {b.teks}" for b in pesan.baris)])


def _kirim_dan_catat(
    engine: Engine,
    cfg: kanal.Konfigurasi,
    row_id: int,
    pesan: Pesan,
    p: Penerima,
    k: KanalPengingat,
    alamat: str,
    percobaan: int,
    hasil: Hasil,
) -> None:
    galat = None
    try:
        if k is KanalPengingat.EMAIL:
            polos, html = teks_polos(pesan, p.nama, cfg.alamat_aplikasi), teks_html(pesan, p.nama, cfg.alamat_aplikasi)
            kanal.kirim_email(cfg, alamat, p.nama, pesan.judul, polos, html)
        else:
            kanal.kirim_webhook(alamat, muatan_webhook(pesan, p.nip, p.nama, cfg.alamat_aplikasi))
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        galat = f"{type(exc).__name__}: {exc}"[:1000]
    with session_scope(engine) as s:
        row = s.get_one(PengirimanPengingat, row_id)
        row.percobaan = percobaan
        if galat is None:
            row.status, row.terkirim, row.galat, row.coba_lagi = StatusPengiriman.TERKIRIM, utcnow(), None, None
            hasil.terkirim[k] += 1
        else:
            row.status, row.galat = StatusPengiriman.GAGAL, galat
            row.coba_lagi = utcnow() + JEDA_AWAL * 2 ** (percobaan - 1) if percobaan < MAKS_PERCOBAAN else None
            hasil.gagal += 1


def _boleh_diulang(sekarang: datetime):
    r = PengirimanPengingat
    return and_(
        r.kanal != KanalPengingat.APLIKASI,
        or_(
            and_(r.status == StatusPengiriman.GAGAL, r.coba_lagi <= sekarang),
            and_(r.status == StatusPengiriman.PROSES, r.diklaim < sekarang - KLAIM_BASI),
        ),
    )


def _coba_lagi(engine: Engine, cfg: kanal.Konfigurasi, hasil: Hasil) -> None:
    """Failed deliveries whose pause is over, and claims of a crashed run: each claimed again by a conditional
    UPDATE (only one run wins it), then sent to the address of its first attempt."""
    with session_scope(engine, readonly=True) as s:
        calon = list(s.scalars(select(PengirimanPengingat.id).where(_boleh_diulang(utcnow()))))
    for row_id in calon:
        with session_scope(engine) as s:
            klaim = s.execute(
                update(PengirimanPengingat)
                .where(PengirimanPengingat.id == row_id, _boleh_diulang(utcnow()))
                .values(status=StatusPengiriman.PROSES, diklaim=utcnow())
                .execution_options(synchronize_session=False)
            )
            assert isinstance(klaim, CursorResult), "an UPDATE answers with the cursor's row count"
            menang = klaim.rowcount
            row = s.get_one(PengirimanPengingat, row_id)
            pegawai = s.get_one(Pegawai, row.pegawai_id)
            berhenti = s.get(BerhentiPengingat, (row.pegawai_id, row.kanal)) is not None
            bertugas = pegawai.bertugas_pada(kalender.hari_ini())
            if menang and (berhenti or not bertugas):  # stopped meanwhile: given up, not sent
                row.status, row.coba_lagi, row.galat = StatusPengiriman.GAGAL, None, "Penerima berhenti atau nonaktif."
                menang = 0
            data = (Pesan.dari_json(row.isi), row.kanal, row.alamat or "", row.percobaan + 1)
            p = Penerima(pegawai.id, pegawai.nip, pegawai.nama, pegawai.email, frozenset())
        if menang:
            pesan, k, alamat, percobaan = data
            _kirim_dan_catat(engine, cfg, row_id, pesan, p, k, alamat, percobaan, hasil)

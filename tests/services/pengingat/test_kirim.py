"""The run of ``sipijar kirim-pengingat`` against a real SMTP server and a webhook receiver on loopback
(docs/domain.md §8.36): each message once per channel, even from two runs at once; refusals retried with
back-off; working hours; opt-outs; nothing to a pegawai out of service; a crashed run's claim taken over."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.enums import KanalPengingat, StatusPengiriman
from db.models import AuditLog, Notifikasi, Pegawai, PengirimanPengingat, RunPengingat
from db.models.base import utcnow
from db.session import session_scope
from services.pengingat import admin, notifikasi
from services.pengingat.kirim import kirim_pengingat
from services.platform.access import Operator
from services.platform.format import WIB
from tests.pengingat_uji import PenerimaWebhook, ServerSmtp, bagian, menunggu_di_juli, setel

PAGI = datetime(2026, 8, 5, 10, 0, tzinfo=WIB)  # the closing day of July, in working hours
OPERATOR = Operator("uji")
KASUBBID = "kasubbid@uji.example"


@pytest.fixture
def smtp():
    with ServerSmtp() as server:
        yield server


@pytest.fixture
def webhook():
    with PenerimaWebhook() as penerima:
        yield penerima


def _siapkan(engine, org, smtp, time_machine, **lain) -> None:
    """July's waiting work; kasubbid has an e-mail address, kabid and staf none; the clock on the closing day."""
    time_machine.move_to(PAGI)
    menunggu_di_juli(engine, org)
    with session_scope(engine) as s:
        s.get_one(Pegawai, org.kasubbid.pegawai_id).email = KASUBBID
        setel(s, alamat_aplikasi="https://sipijar.uji", **smtp.pengaturan(), **lain)


def _notifikasi(engine) -> dict[int, list[str]]:
    with session_scope(engine, readonly=True) as s:
        rows = s.execute(select(Notifikasi.pegawai_id, Notifikasi.jenis).order_by(Notifikasi.id)).all()
    hasil: dict[int, list[str]] = {}
    for pid, jenis in rows:
        hasil.setdefault(pid, []).append(jenis)
    return hasil


def test_one_run_sends_each_message_once_per_channel_and_a_second_run_nothing(engine, org, smtp, webhook, time_machine):
    _siapkan(engine, org, smtp, time_machine, webhook_url=webhook.url)
    hasil = kirim_pengingat(engine, OPERATOR)

    # E-mail only to the one with an address: kasubbid's digest, plain and HTML, linking Validasi on staf.
    assert smtp.kepada() == [KASUBBID]
    (pesan,) = smtp.pesan
    assert pesan["Subject"] == "SIPIJAR: 2 aktivitas dan 0 SKP menunggu Anda"
    assert pesan["From"].addresses[0].addr_spec == "sipijar@localhost"
    polos = bagian(pesan, "text/plain")
    assert "1 bawahan, 2 aktivitas, 0 SKP menunggu; ditutup hari ini, 5 Agustus 2026 (bulan Juli 2026)." in polos
    assert f"https://sipijar.uji/validasi?nip={org.staf.nip}" in polos
    assert f'<a href="https://sipijar.uji/validasi?nip={org.staf.nip}">' in bagian(pesan, "text/html")
    # In the app for everyone told something: both atasan's digests, staf's empty July days.
    assert _notifikasi(engine) == {
        org.staf.pegawai_id: ["tanpa_aktivitas"],
        org.kabid.pegawai_id: ["digest_atasan"],
        org.kasubbid.pegawai_id: ["digest_atasan"],
    }
    # The webhook gets every message as JSON, with the NIP for the gateway to find the phone.
    assert sorted(m["penerima"]["nip"] for m in webhook.muatan) == sorted(
        [org.staf.nip, org.kabid.nip, org.kasubbid.nip]
    )
    kabid = next(m for m in webhook.muatan if m["penerima"]["nip"] == org.kabid.nip)
    assert kabid == {
        "jenis": "digest_atasan",
        "kunci": "2026-08-05",
        "penerima": {"nip": org.kabid.nip, "nama": "Kabid Uji"},
        "judul": "SIPIJAR: 0 aktivitas dan 1 SKP menunggu Anda",
        "teks": "1 bawahan, 0 aktivitas, 1 SKP menunggu; ditutup hari ini, 5 Agustus 2026 (bulan Juli 2026).",
        "baris": [
            {
                "teks": f"Fungsional Uji (NIP {org.fungsional.nip}): SKP menunggu penetapan",
                "tautan": "https://sipijar.uji/rencana-skp",
            }
        ],
        "tautan": "https://sipijar.uji/rencana-skp",
    }
    assert (hasil.terkirim[KanalPengingat.EMAIL], hasil.terkirim[KanalPengingat.APLIKASI]) == (1, 3)
    assert (hasil.terkirim[KanalPengingat.WEBHOOK], hasil.gagal, hasil.sudah) == (3, 0, 0)

    lagi = kirim_pengingat(engine, OPERATOR)
    assert (len(smtp.pesan), len(webhook.muatan), sum(map(len, _notifikasi(engine).values()))) == (1, 3, 3)
    assert sum(lagi.terkirim.values()) == 0 and lagi.sudah == 7
    assert "terkirim: aplikasi 0, e-mail 0, webhook 0; gagal 0; sudah terkirim sebelumnya 7" in lagi.ringkasan()
    with session_scope(engine, readonly=True) as s:
        runs = [(r.terkirim, r.gagal, r.dilewati, r.selesai is not None) for r in s.scalars(select(RunPengingat))]
        audit = s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == "kirim_pengingat"))
    assert runs == [(7, 0, 0, True), (0, 0, 7, True)] and audit == 2


def test_two_runs_at_once_send_each_e_mail_once(engine, org, smtp, time_machine):
    _siapkan(engine, org, smtp, time_machine)
    with session_scope(engine) as s:
        s.get_one(Pegawai, org.kabid.pegawai_id).email = "kabid@uji.example"
        s.get_one(Pegawai, org.staf.pegawai_id).email = "staf@uji.example"
    mulai = threading.Barrier(2)
    hasil = []

    def run() -> None:
        mulai.wait()
        hasil.append(kirim_pengingat(engine, OPERATOR))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(hasil) == 2
    assert smtp.kepada() == sorted(["kabid@uji.example", KASUBBID, "staf@uji.example"])
    assert sum(h.terkirim[KanalPengingat.EMAIL] for h in hasil) == 3
    assert sum(h.terkirim[KanalPengingat.APLIKASI] for h in hasil) == 3
    assert sum(map(len, _notifikasi(engine).values())) == 3


def test_a_refused_e_mail_is_retried_with_back_off_then_given_up(engine, org, smtp, time_machine):
    _siapkan(engine, org, smtp, time_machine)
    smtp.tolak = 1
    assert kirim_pengingat(engine, OPERATOR).gagal == 1 and smtp.pesan == []
    with session_scope(engine, readonly=True) as s:
        (gagal,) = admin.gagal(s, org.admin)
    assert (gagal.nip, gagal.kanal, gagal.percobaan) == (org.kasubbid.nip, "E-mail", 1)
    assert "451" in gagal.galat
    coba_lagi = gagal.coba_lagi if gagal.coba_lagi.tzinfo else gagal.coba_lagi.replace(tzinfo=UTC)  # SQLite: naive
    assert abs(coba_lagi - (PAGI + timedelta(minutes=5))) < timedelta(seconds=30)

    assert kirim_pengingat(engine, OPERATOR).gagal == 0 and smtp.pesan == []  # the pause is not over
    time_machine.move_to(PAGI + timedelta(minutes=6))
    assert kirim_pengingat(engine, OPERATOR).terkirim[KanalPengingat.EMAIL] == 1
    assert smtp.kepada() == [KASUBBID]
    with session_scope(engine, readonly=True) as s:
        assert admin.gagal(s, org.admin) == []

    # A mailbox that does not exist: 5 attempts (pauses of 5, 10, 20, 40 minutes), then given up and listed.
    with session_scope(engine) as s:
        s.get_one(Pegawai, org.staf.pegawai_id).email = "staf@uji.example"
    smtp.tolak, smtp.kode = 99, "550 5.1.1 Kotak surat tidak ada"
    jeda = [0, 5, 10, 20, 40, 80]
    waktu = PAGI + timedelta(minutes=7)
    for menit in jeda:
        waktu += timedelta(minutes=menit, seconds=5)
        time_machine.move_to(waktu)
        kirim_pengingat(engine, OPERATOR)
    with session_scope(engine, readonly=True) as s:
        (gagal,) = admin.gagal(s, org.admin)
    assert (gagal.nip, gagal.percobaan, gagal.coba_lagi) == (org.staf.nip, 5, None)
    assert "550" in gagal.galat and len(smtp.pesan) == 1


def test_outside_working_hours_only_the_in_app_notice_goes_and_the_e_mail_waits(engine, org, smtp, time_machine):
    _siapkan(engine, org, smtp, time_machine)
    time_machine.move_to(datetime(2026, 8, 5, 6, 30, tzinfo=WIB))  # before 07.00
    subuh = kirim_pengingat(engine, OPERATOR)
    assert smtp.pesan == [] and subuh.ditunda == 1 and subuh.terkirim[KanalPengingat.APLIKASI] == 3
    time_machine.move_to(datetime(2026, 8, 5, 7, 5, tzinfo=WIB))
    pagi = kirim_pengingat(engine, OPERATOR)
    assert smtp.kepada() == [KASUBBID] and pagi.terkirim[KanalPengingat.APLIKASI] == 0
    time_machine.move_to(datetime(2026, 8, 5, 16, 0, tzinfo=WIB))  # 16.00: the working hours are over
    with session_scope(engine) as s:
        s.get_one(Pegawai, org.kabid.pegawai_id).email = "kabid@uji.example"
    assert kirim_pengingat(engine, OPERATOR).ditunda == 1 and len(smtp.pesan) == 1


def test_a_saturday_is_not_a_working_day_for_e_mail(engine, org, smtp, time_machine):
    _siapkan(engine, org, smtp, time_machine)
    time_machine.move_to(datetime(2026, 8, 1, 10, 0, tzinfo=WIB))
    hasil = kirim_pengingat(engine, OPERATOR)
    assert smtp.pesan == [] and hasil.ditunda == 1 and hasil.terkirim[KanalPengingat.APLIKASI] >= 2


def test_opting_out_of_e_mail_keeps_the_in_app_notice(engine, org, smtp, time_machine):
    _siapkan(engine, org, smtp, time_machine)
    with session_scope(engine) as s:
        notifikasi.setel_kanal(s, org.kasubbid, {KanalPengingat.EMAIL: False})
    hasil = kirim_pengingat(engine, OPERATOR)
    assert smtp.pesan == [] and hasil.berhenti == 1
    assert _notifikasi(engine)[org.kasubbid.pegawai_id] == ["digest_atasan"]


def test_no_e_mail_to_a_pegawai_out_of_service(engine, org, smtp, time_machine):
    _siapkan(engine, org, smtp, time_machine)
    with session_scope(engine) as s:
        kasubbid = s.get_one(Pegawai, org.kasubbid.pegawai_id)
        kasubbid.aktif, kasubbid.tanggal_berhenti = False, date(2026, 8, 1)
    kirim_pengingat(engine, OPERATOR)
    assert smtp.pesan == [] and org.kasubbid.pegawai_id not in _notifikasi(engine)


def test_a_claim_left_by_a_crashed_run_is_taken_over_once(engine, org, smtp, time_machine):
    _siapkan(engine, org, smtp, time_machine)
    time_machine.move_to(PAGI - timedelta(minutes=20))
    with session_scope(engine) as s:  # what a run killed between its claim and the SMTP answer leaves behind
        from services.pengingat import aturan

        (pesan,) = [p for p in aturan.pesan_hari(s, date(2026, 8, 5)) if p.pegawai_id == org.kasubbid.pegawai_id]
        s.add(
            PengirimanPengingat(
                pegawai_id=org.kasubbid.pegawai_id,
                jenis=pesan.jenis,
                kunci=pesan.kunci,
                kanal=KanalPengingat.EMAIL,
                status=StatusPengiriman.PROSES,
                judul=pesan.judul,
                alamat=KASUBBID,
                isi=pesan.ke_json(),
                diklaim=utcnow(),
            )
        )
    time_machine.move_to(PAGI - timedelta(minutes=10))
    assert kirim_pengingat(engine, OPERATOR).terkirim[KanalPengingat.EMAIL] == 0  # maybe still sending: wait
    time_machine.move_to(PAGI)
    assert kirim_pengingat(engine, OPERATOR).terkirim[KanalPengingat.EMAIL] == 1
    kirim_pengingat(engine, OPERATOR)
    assert smtp.kepada() == [KASUBBID]


def test_a_dry_run_lists_and_sends_nothing(engine, org, smtp, time_machine):
    _siapkan(engine, org, smtp, time_machine)
    hasil = kirim_pengingat(engine, OPERATOR, dry_run=True)
    assert smtp.pesan == [] and _notifikasi(engine) == {}
    assert (
        f"E-mail → Kasubbid Uji (NIP {org.kasubbid.nip}): SIPIJAR: 2 aktivitas dan 0 SKP menunggu Anda" in hasil.rencana
    )
    assert "akan dikirim (uji coba, tidak ada yang dikirim): aplikasi 3, e-mail 1, webhook 0" in hasil.ringkasan()
    with session_scope(engine, readonly=True) as s:
        assert [r.dry_run for r in s.scalars(select(RunPengingat))] == [True]
        assert s.scalar(select(func.count()).select_from(PengirimanPengingat)) == 0


def test_a_refusing_webhook_is_retried_too(engine, org, smtp, webhook, time_machine):
    _siapkan(engine, org, smtp, time_machine, webhook_url=webhook.url)
    webhook.status = 503
    assert kirim_pengingat(engine, OPERATOR).gagal == 3
    webhook.status = 200
    time_machine.move_to(PAGI + timedelta(minutes=6))
    assert kirim_pengingat(engine, OPERATOR).terkirim[KanalPengingat.WEBHOOK] == 3


def test_only_an_admin_or_the_operator_runs_it(engine, org):
    from services.platform.errors import AksesDitolak

    with pytest.raises(AksesDitolak):
        kirim_pengingat(engine, org.kasubbid)

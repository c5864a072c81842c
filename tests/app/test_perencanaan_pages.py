"""AppTest of Perjanjian Kinerja, Rencana SKP (pegawai and atasan: Pilih Bawahan, Proses Penetapan,
Perilaku Kerja) and Matriks Peran Hasil: the e-book's labels, the main action, the messages."""

from __future__ import annotations

from sqlalchemy import select

from components.ui import esc
from db.enums import StatusSKP
from db.models import SKP, IndikatorKinerja, PeranHasil, PerilakuKerja, PerjanjianKinerja, RencanaHasilKerja
from db.session import session_scope
from services.organisasi import periode
from services.perencanaan import matriks, penetapan
from services.platform.kalender import hari_ini
from tests.app.conftest import button, login, menu, polos
from tests.factories import build_draft, build_skp

TAHUN = hari_ini().year


def _db(app_env):
    return session_scope(app_env.engine())


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


def _forms(at) -> list:
    """Every st.form block drawn on the page."""
    return [node for node in at._tree if getattr(node, "type", None) == "form"]


def _forms_tanpa_enter(at) -> bool:
    """Every form of the page is submitted by its button only, so Streamlit shows no English "Press Enter to
    submit form" under its fields."""
    forms = _forms(at)
    return bool(forms) and all(not f.proto.form.enter_to_submit for f in forms)


def _tampilan(at, nama: str, key: str = "rs_tampilan"):
    """Click a tab of Rencana SKP (the view the atasan chooses: "SKP Saya"/"Pilih Bawahan", or "Hasil Kerja"/
    "Perilaku Kerja" inside one): the keyed tabs hold the choice in session state, as a click does."""
    at.session_state[key] = nama
    return at.run()


def test_perjanjian_kinerja_for_a_jpt_with_the_wording_hint(app_env):
    org = app_env.org
    with _db(app_env) as s:
        periode.tambah(s, org.kepala, TAHUN)
    at = login(org.kepala.nip)
    at.switch_page("pages/perjanjian_kinerja.py").run()
    assert not at.exception
    assert _texts(at.title) == ["Perjanjian Kinerja"]
    assert "Penerima Layanan, Proses Bisnis, Anggaran, Penguatan Internal" in polos(at.warning[0].value)
    assert _forms_tanpa_enter(at)
    at.text_area[0].input("Peningkatan profesionalitas pegawai")
    perspektif = [r for r in at.radio if r.label == "Perspektif"][0]  # four choices side by side, no list to open
    assert perspektif.options == ["Penerima Layanan", "Proses Bisnis", "Anggaran", "Penguatan Internal"]
    assert perspektif.value == "Penerima Layanan"  # the first one still missing
    perspektif.set_value("Proses Bisnis")
    button(at, "Simpan").click().run()
    assert not at.exception
    assert "Perjanjian Kinerja tersimpan" in polos(at.success[0].value)
    hints = " ".join(_texts(at.warning))
    assert "kalimat capaian" in hints and "(Penugasan dari …)" in hints  # shown, but saved
    assert "Peningkatan profesionalitas pegawai" in _texts(at.text)
    [ti for ti in at.text_input if ti.label == "Indikator"][0].input("Indeks Profesionalitas ASN")
    [ni for ni in at.number_input if ni.label == "Target"][0].set_value(72.0)
    [ti for ti in at.text_input if ti.label == "Satuan"][0].input("Indeks")
    button(at, "Simpan Indikator").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Indikator"]) == ["Indeks Profesionalitas ASN"] and list(table["Target"]) == ["72"]
    with _db(app_env) as s:
        assert s.scalar(select(PerjanjianKinerja.perspektif)).value == "Proses Bisnis"


def test_perjanjian_kinerja_is_in_data_master_for_jpt_only(app_env):
    assert menu(login(app_env.org.kepala.nip))["Data Master"] == ["Perjanjian Kinerja"]
    assert "Data Master" not in menu(login(app_env.org.staf.nip))


def test_rencana_skp_says_to_wait_for_the_atasan(app_env):
    org = app_env.org
    with _db(app_env) as s:
        periode.tambah(s, org.staf, TAHUN)
    at = login(org.staf.nip)
    at.switch_page("pages/rencana_skp.py").run()
    assert not at.exception
    assert "Status SKP: :gray-badge[Draft]" in _texts(at.markdown)
    assert any("harus menunggu atasan" in i for i in _texts(at.info))
    assert [t.label for t in at.tabs] == ["Hasil Kerja", "Perilaku Kerja"]


def test_pegawai_uses_the_matriks_cell_adds_indikator_and_target_bulanan_and_submits(app_env):
    org = app_env.org
    with _db(app_env) as s:
        atasan = build_skp(s, org.kasubbid, TAHUN)
        matriks.tambah(s, org.kasubbid, atasan.rhk_ids[0], org.staf.pegawai_id, "Tersusunnya rekap data mutasi")
        periode.tambah(s, org.staf, TAHUN)
    at = login(org.staf.nip)
    at.switch_page("pages/rencana_skp.py").run()
    assert "Tersusunnya rekap data mutasi" in _texts(at.text)
    button(at, "Gunakan").click().run()
    assert not at.exception
    assert "digunakan" in polos(at.success[0].value)
    assert f"Terlaksananya tugas 1 {org.kasubbid.nama}" in _texts(at.text)  # the intervened atasan RHK
    # Tambah Indikator → Tambahkan, with a sentence that is not a target: a hint, but saved.
    [ta for ta in at.text_area if ta.label == "Indikator Kinerja Individu"][0].input("Dokumen rekap mutasi")
    [ti for ti in at.text_input if ti.label == "Satuan"][0].input("Dokumen")
    [b for b in at.button if b.label == "Tambahkan"][-1].click().run()  # the form of Tambah Indikator
    assert "Target wajib diisi" in polos(at.error[0].value)
    # Refused: what was typed is still there, to add the target to.
    assert [ta.value for ta in at.text_area if ta.label == "Indikator Kinerja Individu"] == ["Dokumen rekap mutasi"]
    assert [ti.value for ti in at.text_input if ti.label == "Satuan"] == ["Dokumen"]
    [ni for ni in at.number_input if ni.label == "Target"][0].set_value(13.0)
    [b for b in at.button if b.label == "Tambahkan"][-1].click().run()
    assert not at.exception
    assert [ta.value for ta in at.text_area if ta.proto.form_id.startswith("rs_iki_")] == [""]  # added: emptied
    assert any("kalimat target" in w for w in _texts(at.warning))
    assert list(at.table[0].value["Target Bulanan"]) == ["Belum Dibuat"]
    # Ajukan Draft is refused while the target bulanan is missing.
    button(at, "Ajukan Draft").click().run()
    assert "Target bulanan indikator 1.1 belum dibuat" in polos(at.error[0].value)
    # "Belum Dibuat" opens the month-by-month form; a wrong sum is explained with the numbers.
    button(at, "Belum Dibuat").click().run()
    months = [ni for ni in at.number_input if ni.key and ni.key.startswith("rs_tb_")]
    assert [ni.label for ni in months][:3] == ["Januari", "Februari", "Maret"] and len(months) == 12
    assert [ni.value for ni in months] == [1] * 11 + [2]  # 13 spread evenly as a start
    months[11].set_value(1.0)
    button(at, "Simpan Target Bulanan").click().run()
    assert "Jumlah target bulanan 12 Dokumen tidak sama dengan target indikator 13 Dokumen (kurang 1)" in polos(
        at.error[0].value
    )
    [ni for ni in at.number_input if ni.key == [m.key for m in months][11]][0].set_value(2.0)
    button(at, "Simpan Target Bulanan").click().run()
    assert not at.exception
    assert "Target bulanan indikator 1.1 tersimpan" in polos(at.success[0].value)
    button(at, "Ajukan Draft").click().run()
    assert "diajukan" in polos(at.success[0].value)
    assert "Status SKP: :blue-badge[Diajukan]" in " ".join(_texts(at.markdown))
    with _db(app_env) as s:
        assert s.scalar(select(SKP.status).where(SKP.pegawai_id == org.staf.pegawai_id)) == StatusSKP.DIAJUKAN
        assert s.scalar(select(PeranHasil.rhk_bawahan_id)) is not None


def _diajukan(app_env):
    org = app_env.org
    with _db(app_env) as s:
        atasan = build_skp(s, org.kasubbid, TAHUN)
        d = build_draft(s, org.staf, TAHUN, atasan.rhk_ids[0])
        penetapan.ajukan_draft(s, org.staf, d.skp_id)
    return d


def test_atasan_returns_with_a_mandatory_catatan_and_the_pegawai_reads_it(app_env):
    org = app_env.org
    _diajukan(app_env)
    at = login(org.kasubbid.nip)
    at.switch_page("pages/rencana_skp.py").run()
    assert not at.exception
    labels = [t.label for t in at.tabs]
    assert labels[0] == "SKP Saya" and "Pilih Bawahan" in labels
    _tampilan(at, "Pilih Bawahan")
    pilih = [sb for sb in at.selectbox if sb.label == "Pilih Bawahan"][0]
    assert pilih.options[0].startswith("Staf Uji — Diajukan")
    assert "Tersusunnya dokumen kerja Staf Uji" in _texts(at.text)
    [r for r in at.radio if r.label == "Status Penetapan"][0].set_value("Dikembalikan")
    button(at, "Simpan Penetapan").click().run()
    assert "Catatan untuk pegawai (alasan dikembalikan) wajib diisi" in polos(at.error[0].value)
    [r for r in at.radio if r.label == "Status Penetapan"][0].set_value("Dikembalikan")
    [ta for ta in at.text_area if ta.label == "Catatan untuk pegawai"][0].input("Rincikan target per triwulan.")
    button(at, "Simpan Penetapan").click().run()
    assert not at.exception
    assert "Dikembalikan" in polos(at.success[0].value)
    pegawai = login(org.staf.nip)
    pegawai.switch_page("pages/rencana_skp.py").run()
    assert "Status SKP: :orange-badge[Dikembalikan]" in _texts(pegawai.markdown)
    assert "Rincikan target per triwulan." in _texts(pegawai.text)
    assert [b.label for b in pegawai.button if b.label == "Ajukan Draft"]


def test_atasan_sets_the_skp_it_is_locked_printable_and_reopenable(app_env):
    org = app_env.org
    d = _diajukan(app_env)
    at = login(org.kasubbid.nip)
    at.switch_page("pages/rencana_skp.py").run()
    _tampilan(at, "Pilih Bawahan")
    button(at, "Simpan Penetapan").click().run()  # "Ditetapkan Sebagai SKP" is the first choice
    assert not at.exception
    assert "Ditetapkan Sebagai SKP" in polos(at.success[0].value)
    assert at.get("download_button")[0].proto.label == "Cetak"
    pegawai = login(org.staf.nip)
    pegawai.switch_page("pages/rencana_skp.py").run()
    assert "Status SKP: :green-badge[Ditetapkan]" in " ".join(_texts(pegawai.markdown))
    assert not [b for b in pegawai.button if b.label in ("Ajukan Draft", "Tambahkan", "Gunakan")]
    assert pegawai.get("download_button")[0].proto.label == "Cetak"
    # Buka Kembali needs a reason.
    button(at, "Buka Kembali").click().run()
    button(at, "Ya, buka kembali").click().run()
    assert "Alasan membuka kembali SKP wajib diisi" in polos(at.error[0].value)
    [ta for ta in at.text_area if ta.label == "Alasan membuka kembali"][0].input("Ada tugas baru dari pimpinan.").run()
    button(at, "Buka Kembali").click().run()
    button(at, "Ya, buka kembali").click().run()
    assert not at.exception
    with _db(app_env) as s:
        skp = s.get(SKP, d.skp_id)
        assert (skp.status, skp.catatan_atasan) == (StatusSKP.DRAFT, "Ada tugas baru dari pimpinan.")


def test_atasan_writes_the_ekspektasi_and_the_pegawai_reads_them(app_env):
    org = app_env.org
    d = _diajukan(app_env)
    at = login(org.kasubbid.nip)
    at.switch_page("pages/rencana_skp.py").run()
    _tampilan(at, "Pilih Bawahan")
    _tampilan(at, "Perilaku Kerja", key="rs_isi_bawahan")
    assert _forms_tanpa_enter(at)
    fields = [ta for ta in at.text_area if ta.label.startswith("Ekspektasi Khusus Pimpinan — ")]
    assert [f.label.split(" — ")[1] for f in fields] == [
        "Berorientasi Pelayanan",
        "Akuntabel",
        "Kompeten",
        "Harmonis",
        "Loyal",
        "Adaptif",
        "Kolaboratif",
    ]
    assert "Memahami dan memenuhi kebutuhan masyarakat; Ramah" in " ".join(c.value for c in at.caption)
    fields[0].input("Membalas pertanyaan pegawai OPD paling lambat satu hari kerja")
    button(at, "Simpan").click().run()
    assert not at.exception
    assert "Ekspektasi pimpinan untuk Staf Uji tersimpan" in polos(at.success[0].value)
    # still on the bawahan's Perilaku Kerja, with what was just saved
    assert [ta.value for ta in at.text_area if ta.label.endswith("— Berorientasi Pelayanan")] == [
        "Membalas pertanyaan pegawai OPD paling lambat satu hari kerja"
    ]
    with _db(app_env) as s:
        assert (
            s.scalar(
                select(PerilakuKerja.ekspektasi_khusus).where(
                    PerilakuKerja.skp_id == d.skp_id, PerilakuKerja.nomor == 1
                )
            )
            == "Membalas pertanyaan pegawai OPD paling lambat satu hari kerja"
        )
    pegawai = login(org.staf.nip)
    pegawai.switch_page("pages/rencana_skp.py").run()
    _tampilan(pegawai, "Perilaku Kerja", key="rs_isi_saya")
    table = pegawai.table[-1].value
    assert list(table["Ekspektasi Khusus Pimpinan"])[:2] == [
        "Membalas pertanyaan pegawai OPD paling lambat satu hari kerja",
        "Belum diisi atasan",
    ]
    assert not [ta for ta in pegawai.text_area if ta.label.startswith("Ekspektasi")]  # read-only


def test_jpt_rencana_skp_adds_from_the_perjanjian_kinerja(app_env):
    org = app_env.org
    from services.perencanaan import perjanjian_kinerja

    with _db(app_env) as s:
        p = periode.tambah(s, org.kepala, TAHUN)
        perjanjian_kinerja.tambah(
            s, org.kepala, p.id, "Meningkatnya Nilai SAKIP (Penugasan dari Bupati Uji)", "Penguatan Internal"
        )
    at = login(org.kepala.nip)
    at.switch_page("pages/rencana_skp.py").run()
    assert not at.exception
    assert "Penerima Layanan, Proses Bisnis, Anggaran, Penguatan Internal" in polos(at.warning[0].value)
    button(at, "Tambahkan").click().run()
    assert not at.exception
    assert "**RHK 1** · Utama · Perspektif Penguatan Internal" in _texts(at.markdown)
    assert "Penerima Layanan, Proses Bisnis, Anggaran." in polos(at.warning[0].value)
    with _db(app_env) as s:
        rhk = s.scalar(select(RencanaHasilKerja))
        assert rhk.teks == "Meningkatnya Nilai SAKIP (Penugasan dari Bupati Uji)" and rhk.perjanjian_id is not None


def test_matriks_is_refused_until_the_skp_is_ditetapkan(app_env):
    org = app_env.org
    with _db(app_env) as s:
        build_skp(s, org.kabid, TAHUN, status=StatusSKP.DIAJUKAN)
    at = login(org.kabid.nip)
    at.switch_page("pages/matriks_peran_hasil.py").run()
    assert not at.exception
    assert "setelah SKP Anda ditetapkan oleh atasan; SKP periode ini masih berstatus Diajukan" in polos(
        at.error[0].value
    )


def test_matriks_adds_a_rencana_hasil_kerja_baru_and_flags_the_empty_bawahan(app_env):
    org = app_env.org
    with _db(app_env) as s:
        build_skp(s, org.kabid, TAHUN)
    at = login(org.kabid.nip)
    at.switch_page("pages/matriks_peran_hasil.py").run()
    assert not at.exception
    assert "Fungsional Uji; Kasubbid Uji" in polos(at.warning[0].value)
    [sb for sb in at.selectbox if sb.label == "Bawahan"][0].set_value(org.kasubbid.pegawai_id)
    [ta for ta in at.text_area if ta.label == "Rencana Hasil Kerja Baru"][0].input("Terlaksananya verifikasi berkas")
    button(at, "Simpan").click().run()
    assert not at.exception
    assert "tersimpan" in polos(at.success[0].value)
    matrix = at.table[0].value
    # An empty cell says so (a lone "-" would be drawn by st.table's Markdown as a list bullet "•").
    assert list(matrix["RHK 1"]) == [":gray[belum ada]", "Terlaksananya verifikasi berkas"]
    assert _forms_tanpa_enter(at)
    assert polos(at.warning[0].value).endswith("Fungsional Uji") and "Kasubbid" not in polos(at.warning[0].value)
    with _db(app_env) as s:
        assert s.scalar(select(PeranHasil.bawahan_id)) == org.kasubbid.pegawai_id


def test_the_atasan_stays_in_pilih_bawahan_when_choosing_and_saving(app_env):
    """Issue #9: choosing a bawahan or saving the Proses Penetapan used to throw the atasan back to "SKP Saya"."""
    org = app_env.org
    with _db(app_env) as s:
        atasan = build_skp(s, org.kabid, TAHUN)
        for bawahan in (org.kasubbid, org.fungsional):
            d = build_draft(s, bawahan, TAHUN, atasan.rhk_ids[0])
            penetapan.ajukan_draft(s, bawahan, d.skp_id)
    at = login(org.kabid.nip)
    at.switch_page("pages/rencana_skp.py").run()
    assert _skp_saya_terlihat(at)  # SKP Saya first
    _tampilan(at, "Pilih Bawahan")

    def bawahan_terlihat() -> str:
        """The bawahan whose SKP is on screen, after checking that only the Pilih Bawahan view is drawn."""
        assert not at.exception
        assert at.session_state["rs_tampilan"] == "Pilih Bawahan"
        assert not _skp_saya_terlihat(at)
        return [t for t in _texts(at.text) if t.startswith("Tersusunnya dokumen kerja")][0]

    assert bawahan_terlihat() == "Tersusunnya dokumen kerja Fungsional Uji"
    pilih = at.selectbox(key="rs_bawahan")
    assert [o.split(" — ")[0] for o in pilih.options] == ["Fungsional Uji", "Kasubbid Uji"]
    pilih.set_value(_skp_id(app_env, org.kasubbid)).run()
    assert bawahan_terlihat() == "Tersusunnya dokumen kerja Kasubbid Uji"
    button(at, "Simpan Penetapan").click().run()
    assert "SKP Kasubbid Uji: Ditetapkan Sebagai SKP." in polos(at.success[0].value)
    assert bawahan_terlihat() == "Tersusunnya dokumen kerja Kasubbid Uji"
    assert "Status SKP: :green-badge[Ditetapkan]" in " ".join(_texts(at.markdown))
    assert at.get("download_button")[0].proto.label == "Cetak"
    # Issue #16: the choice no longer says "— Diajukan" for the SKP just ditetapkan, in the browser too.
    assert at.selectbox(key="rs_bawahan").proto.set_value
    assert at.selectbox(key="rs_bawahan").proto.raw_value.startswith("Kasubbid Uji — Ditetapkan")
    assert [o.split(" (")[0] for o in at.selectbox(key="rs_bawahan").options] == [
        "Fungsional Uji — Diajukan",
        "Kasubbid Uji — Ditetapkan",
    ]
    # Looking at "SKP Saya" and back keeps the bawahan chosen.
    _tampilan(at, "SKP Saya")
    assert _skp_saya_terlihat(at) and not [sb for sb in at.selectbox if sb.key == "rs_bawahan"]
    _tampilan(at, "Pilih Bawahan")
    assert bawahan_terlihat() == "Tersusunnya dokumen kerja Kasubbid Uji"


def _skp_saya_terlihat(at) -> bool:
    """The atasan's own SKP is drawn: its "Periode SKP" choice is on the page."""
    return any(sb.key == "rs_periode" for sb in at.selectbox)


def _skp_id(app_env, actor) -> int:
    with _db(app_env) as s:
        return s.scalar(select(SKP.id).where(SKP.pegawai_id == actor.pegawai_id))


def test_user_text_in_the_skp_tables_is_not_markdown(app_env):
    """st.table draws each cell as Markdown: an indikator written as a link must show as text, not a link."""
    org = app_env.org
    tautan = "Jumlah [dokumen](https://evil.example/x) **tebal**"
    with _db(app_env) as s:
        atasan = build_skp(s, org.kasubbid, TAHUN)
        d = build_draft(s, org.staf, TAHUN, atasan.rhk_ids[0])
        s.get(IndikatorKinerja, d.indikator_ids[0]).teks = tautan
    at = login(org.staf.nip)
    at.switch_page("pages/rencana_skp.py").run()
    assert not at.exception
    sel = list(at.table[0].value["Indikator Kinerja Individu"])
    assert sel == [esc(tautan)] and "](" not in sel[0] and "**" not in sel[0]
    assert _forms_tanpa_enter(at)


def test_berandas_proses_penetapan_link_opens_pilih_bawahan(app_env):
    """Issue #16: the Beranda's "Proses Penetapan SKP" landed on the atasan's own "SKP Saya"."""
    org = app_env.org
    _diajukan(app_env)
    at = login(org.kasubbid.nip)
    link = [link.proto for link in at.get("page_link") if link.proto.label == "Proses Penetapan SKP"][0]
    assert (link.page, link.query_string) == ("rencana-skp", "tampilan=bawahan")
    at.query_params["tampilan"] = "bawahan"
    at.switch_page("pages/rencana_skp.py").run()
    assert not at.exception
    assert at.session_state["rs_tampilan"] == "Pilih Bawahan" and not _skp_saya_terlihat(at)
    assert at.selectbox(key="rs_bawahan").value is not None
    assert button(at, "Simpan Penetapan") is not None

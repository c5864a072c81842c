"""Import of pegawai (docs/domain.md §6): a 100-row organisation in CSV and XLSX, all-or-nothing with
every bad row named, re-import that changes nothing, mutasi on a new jabatan, and every rule's message."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select

from db.enums import JenisJabatan
from db.models import Akun, AuditLog, Pegawai, PeriodeSKP, UnitKerja
from db.session import session_scope
from services.organisasi import periode
from services.organisasi.import_pegawai import ImportDitolak, KesalahanBaris, import_file
from services.platform import auth
from services.platform.access import Actor, Operator
from services.platform.errors import AksesDitolak, ValidationError

COLUMNS = [
    "nip",
    "nama",
    "jabatan",
    "jenis_jabatan",
    "unit_kerja",
    "unit_induk",
    "nip_atasan",
    "pangkat_golongan",
    "email",
    "pimpinan_unit_kerja_mandiri",
    "tpp_pokok",
    "peran",
]


def _nip(i: int) -> str:
    return f"19800101{2000 + i:04d}01{i:04d}"


def organisation(n: int = 100) -> list[dict[str, str]]:
    """A bupati, 4 kepala OPD, 8 kepala bidang and staf for the rest: 13 units in three levels."""
    rows = [
        dict(
            nip=_nip(0),
            nama="Bupati Contoh",
            jabatan="Bupati",
            jenis_jabatan="JPT",
            unit_kerja="Pemerintah Kabupaten Contoh",
            unit_induk="",
            nip_atasan="",
            peran="pimpinan",
            tpp_pokok="Rp10.000.000",
            pimpinan_unit_kerja_mandiri="tidak",
        )
    ]
    for o in range(4):
        rows.append(
            dict(
                nip=_nip(1 + o),
                nama=f"Kepala OPD {o}",
                jabatan=f"Kepala Dinas {o}",
                jenis_jabatan="jpt",
                unit_kerja=f"Dinas {o}",
                unit_induk="Pemerintah Kabupaten Contoh",
                nip_atasan=_nip(0),
                peran="admin, pimpinan" if o == 0 else "pimpinan",
                tpp_pokok="8.000.000",
            )
        )
    for b in range(8):
        rows.append(
            dict(
                nip=_nip(5 + b),
                nama=f"Kabid {b}",
                jabatan=f"Kepala Bidang {b}",
                jenis_jabatan="Administrator",
                unit_kerja=f"Bidang {b}",
                unit_induk=f"Dinas {b // 2}",
                nip_atasan=_nip(1 + b // 2),
                tpp_pokok="5000000",
                pangkat_golongan="Penata Tk. I (III/d)",
            )
        )
    for s in range(n - 13):
        rows.append(
            dict(
                nip=_nip(13 + s),
                nama=f"Staf {s}",
                jabatan="Pengelola Data" if s % 2 else "Analis",
                jenis_jabatan="Pelaksana" if s % 2 else "FUNGSIONAL",
                unit_kerja=f"Bidang {s % 8}",
                nip_atasan=_nip(5 + s % 8),
                tpp_pokok="3.100.000",
                email=f"staf{s}@contoh.go.id",
            )
        )
    return rows


def write_csv(path, rows, columns=COLUMNS, encoding="utf-8", delimiter=","):
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore", delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path, rows, columns=COLUMNS):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(columns)
    for row in rows:
        ws.append([row.get(c) or None for c in columns])
    wb.save(path)
    return path


OPERATOR = Operator("operator-uji")


def _import(engine, path, actor=OPERATOR, efektif=None):
    with session_scope(engine) as s:
        return import_file(s, actor, path, efektif=efektif)


def _rejected(engine, path, actor=OPERATOR) -> list[KesalahanBaris]:
    with pytest.raises(ImportDitolak) as info:
        _import(engine, path, actor)
    return info.value.kesalahan


def _count(engine, model) -> int:
    with session_scope(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_hundred_rows_import_with_hierarchy_units_and_accounts(engine, tmp_path):
    hasil = _import(engine, write_csv(tmp_path / "pegawai.csv", organisation()))
    assert (hasil.dibuat, hasil.diperbarui, hasil.tidak_berubah, hasil.mutasi) == (100, 0, 0, 0)
    assert len(hasil.kredensial) == 100 and len({k.password for k in hasil.kredensial}) == 100
    with session_scope(engine) as s:
        units = {u.nama: u for u in s.scalars(select(UnitKerja))}
        assert len(units) == 13
        assert units["Pemerintah Kabupaten Contoh"].induk is None
        assert units["Dinas 2"].induk.nama == "Pemerintah Kabupaten Contoh"
        assert units["Bidang 5"].induk.nama == "Dinas 2"
        assert (
            units["Bidang 5"].path == f"/{units['Pemerintah Kabupaten Contoh'].id}/{units['Dinas 2'].id}/"
            f"{units['Bidang 5'].id}/"
        )
        pegawai = {p.nip: p for p in s.scalars(select(Pegawai))}
        staf = pegawai[_nip(13 + 13)]  # Staf 13: Pelaksana in Bidang 5 under Kabid 5 under Kepala OPD 2
        assert (staf.nama, staf.jenis_jabatan, staf.unit_kerja.nama) == ("Staf 13", JenisJabatan.PELAKSANA, "Bidang 5")
        assert [staf.atasan.nama, staf.atasan.atasan.nama, staf.atasan.atasan.atasan.nama] == [
            "Kabid 5",
            "Kepala OPD 2",
            "Bupati Contoh",
        ]
        assert staf.tpp_pokok == 3_100_000 and staf.email == "staf13@contoh.go.id"
        assert pegawai[_nip(13)].jenis_jabatan == JenisJabatan.FUNGSIONAL  # "FUNGSIONAL" in the file
        assert pegawai[_nip(0)].atasan is None and pegawai[_nip(0)].tpp_pokok == 10_000_000
        assert (pegawai[_nip(1)].is_admin, pegawai[_nip(1)].is_pimpinan) == (True, True)
        assert (pegawai[_nip(2)].is_admin, pegawai[_nip(2)].is_pimpinan) == (False, True)
        assert pegawai[_nip(5)].pangkat_golongan == "Penata Tk. I (III/d)"
        assert all(s.scalars(select(Akun.must_change_password)))
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.aksi == "impor_pegawai_baru")) == 100


def test_one_bad_nip_imports_nothing_then_the_corrected_file_imports_and_again_changes_nothing(engine, tmp_path):
    rows = organisation()
    rows[5]["nip"] = rows[5]["nip"][:17]  # the 6th pegawai sits on spreadsheet row 7
    bad = write_csv(tmp_path / "salah.csv", rows)
    with pytest.raises(ImportDitolak) as info:
        _import(engine, bad)
    assert info.value.kesalahan == [KesalahanBaris(7, "nip", "NIP harus 18 digit angka.")]
    assert "Baris 7, kolom nip: NIP harus 18 digit angka." in str(info.value)
    assert [_count(engine, m) for m in (Pegawai, UnitKerja, Akun, AuditLog)] == [0, 0, 0, 0]

    good = write_csv(tmp_path / "benar.csv", organisation())
    assert _import(engine, good).dibuat == 100
    with session_scope(engine) as s:
        hashes = dict(s.execute(select(Akun.pegawai_id, Akun.password_hash)).all())
        versions = dict(s.execute(select(Pegawai.id, Pegawai.version_id)).all())
    audit_rows = _count(engine, AuditLog)

    again = _import(engine, good)
    assert (again.dibuat, again.diperbarui, again.tidak_berubah, again.mutasi, again.kredensial) == (0, 0, 100, 0, [])
    assert _count(engine, AuditLog) == audit_rows
    assert _count(engine, PeriodeSKP) == 0
    with session_scope(engine) as s:
        assert dict(s.execute(select(Akun.pegawai_id, Akun.password_hash)).all()) == hashes
        assert dict(s.execute(select(Pegawai.id, Pegawai.version_id)).all()) == versions


def test_xlsx_file_imports_like_csv_and_again_changes_nothing(engine, tmp_path):
    path = write_xlsx(tmp_path / "pegawai.xlsx", organisation())
    assert _import(engine, path).dibuat == 100
    with session_scope(engine) as s:
        assert s.scalar(select(Pegawai.tpp_pokok).where(Pegawai.nip == _nip(0))) == 10_000_000
        assert s.scalar(select(func.count()).select_from(UnitKerja)) == 13
    assert _import(engine, path).tidak_berubah == 100


def test_xlsx_numbers_nip_as_whole_number_and_tpp_as_number(engine, tmp_path):
    """An 18-digit whole number cell is exact; a rupiah number needs no formatting."""
    path = write_xlsx(
        tmp_path / "angka.xlsx",
        [dict(nip="NIPDISINI", nama="Angka", jabatan="Analis", jenis_jabatan="Fungsional", unit_kerja="Unit Angka")],
    )
    wb = openpyxl.load_workbook(path)
    wb.active["K2"] = 3100000.0
    wb.save(path)
    # openpyxl writes big ints as floats; put the exact integer in the sheet XML the way Excel may hold it.
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    text_cell = '<c r="A2" t="inlineStr"><is><t>NIPDISINI</t></is></c>'
    assert text_cell in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(text_cell, f'<c r="A2" t="n"><v>{_nip(1)}</v></c>').encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert _import(engine, path).dibuat == 1
    with session_scope(engine) as s:
        assert s.scalar(select(Pegawai.tpp_pokok).where(Pegawai.nip == _nip(1))) == 3_100_000


def test_xlsx_nip_stored_as_a_float_is_refused_not_rounded(engine, tmp_path):
    path = write_xlsx(
        tmp_path / "float.xlsx",
        [dict(nip=198001012006010001, nama="Float", jabatan="Analis", jenis_jabatan="Fungsional", unit_kerja="Unit")],
    )
    [error] = _rejected(engine, path)
    assert (error.baris, error.kolom) == (2, "nip") and "format kolom nip sebagai Teks" in error.pesan


def _one(**changes) -> list[dict[str, str]]:
    """A valid three-row file (kepala, kabid, staf) with changes applied to the staf row (row 4)."""
    rows = [
        dict(nip=_nip(1), nama="Kepala", jabatan="Kepala Dinas", jenis_jabatan="JPT", unit_kerja="Dinas"),
        dict(
            nip=_nip(2),
            nama="Kabid",
            jabatan="Kepala Bidang",
            jenis_jabatan="Administrator",
            unit_kerja="Bidang",
            unit_induk="Dinas",
            nip_atasan=_nip(1),
        ),
        dict(
            nip=_nip(3),
            nama="Staf",
            jabatan="Pengelola",
            jenis_jabatan="Pelaksana",
            unit_kerja="Bidang",
            nip_atasan=_nip(2),
        ),
    ]
    rows[2].update(changes)
    return rows


@pytest.mark.parametrize(
    "changes,baris,kolom,pesan",
    [
        (dict(nip="1980010120010100031"), 4, "nip", "NIP harus 18 digit angka."),
        (dict(nip="19800101200101000A"), 4, "nip", "NIP harus 18 digit angka."),
        (dict(nip="1,98001E+17"), 4, "nip", "format kolom nip sebagai Teks"),
        (dict(nip=_nip(2)), 4, "nip", f"NIP {_nip(2)} sudah ada di baris 3."),
        (dict(nama=""), 4, "nama", "nama wajib diisi."),
        (dict(nama="x" * 201), 4, "nama", "paling banyak 200 karakter."),
        (
            dict(jenis_jabatan="Eselon"),
            4,
            "jenis_jabatan",
            'jenis jabatan "Eselon" tidak dikenal. Isi salah satu: '
            "JPT, Administrator, Pengawas, Fungsional, Pelaksana.",
        ),
        (dict(jenis_jabatan=""), 4, "jenis_jabatan", "jenis jabatan wajib diisi."),
        (dict(unit_kerja=""), 4, "unit_kerja", "unit kerja wajib diisi."),
        (
            dict(nip_atasan=_nip(9)),
            4,
            "nip_atasan",
            f"NIP atasan {_nip(9)} tidak ada di berkas ini maupun di database.",
        ),
        (dict(nip_atasan="123"), 4, "nip_atasan", "NIP atasan harus 18 digit angka."),
        (dict(nip_atasan=_nip(3)), 4, "nip_atasan", "pegawai tidak boleh menjadi atasan dirinya sendiri."),
        (dict(unit_induk="Bidang"), 4, "unit_induk", "unit induk tidak boleh sama dengan unit kerja."),
        (
            dict(unit_induk="Sekretariat"),
            4,
            "unit_induk",
            'unit kerja "Bidang" sudah ditempatkan di bawah "Dinas" pada baris 3.',
        ),
        (dict(tpp_pokok="3,1 juta"), 4, "tpp_pokok", "TPP pokok harus berupa rupiah tanpa sen"),
        (dict(tpp_pokok="-5000"), 4, "tpp_pokok", "TPP pokok harus berupa rupiah tanpa sen"),
        (dict(tpp_pokok="99.999.999.999"), 4, "tpp_pokok", "TPP pokok terlalu besar."),
        (dict(peran="admin, operator"), 4, "peran", 'peran "operator" tidak dikenal. Isi admin dan/atau pimpinan'),
        (dict(pimpinan_unit_kerja_mandiri="mungkin"), 4, "pimpinan_unit_kerja_mandiri", 'isi "ya" atau "tidak".'),
        (dict(email="bukan-email"), 4, "email", "alamat email tidak valid."),
        (dict(password="pendek"), 4, "password", "Password minimal 10 karakter."),
    ],
)
def test_each_rule_names_row_column_and_reason(engine, tmp_path, changes, baris, kolom, pesan):
    [error] = _rejected(engine, write_csv(tmp_path / "x.csv", _one(**changes), COLUMNS + ["password"]))
    assert (error.baris, error.kolom) == (baris, kolom)
    assert pesan in error.pesan
    assert _count(engine, Pegawai) == 0


def test_missing_required_columns_are_named_on_the_header_row(engine, tmp_path):
    columns = [c for c in COLUMNS if c not in ("nip", "jenis_jabatan")] + ["golongan"]
    errors = _rejected(engine, write_csv(tmp_path / "x.csv", _one(), columns))
    assert [(e.baris, e.kolom) for e in errors] == [(1, "golongan"), (1, "nip"), (1, "jenis_jabatan")]
    assert errors[1].pesan == "kolom wajib tidak ada di baris judul."
    assert "Kolom yang dapat dipakai: nip, nama" in errors[0].pesan


def test_cycle_through_the_file_is_refused(engine, tmp_path):
    rows = _one()
    rows[0]["nip_atasan"] = _nip(3)  # kepala → staf → kabid → kepala
    errors = _rejected(engine, write_csv(tmp_path / "x.csv", rows))
    assert [(e.baris, e.kolom) for e in errors] == [(2, "nip_atasan"), (3, "nip_atasan"), (4, "nip_atasan")]
    assert errors[0].pesan == "susunan atasan–bawahan melingkar: Kepala → Staf → Kabid → Kepala."


def test_cycle_between_file_and_database_is_refused(engine, tmp_path):
    _import(engine, write_csv(tmp_path / "a.csv", _one()))
    # a → b → a: the kepala (in the database under nobody) now names the kabid, who reports to the kepala.
    rows = [
        dict(
            nip=_nip(1),
            nama="Kepala",
            jabatan="Kepala Dinas",
            jenis_jabatan="JPT",
            unit_kerja="Dinas",
            nip_atasan=_nip(2),
        )
    ]
    [error] = _rejected(engine, write_csv(tmp_path / "b.csv", rows))
    assert (error.baris, error.kolom) == (2, "nip_atasan") and "Kepala → Kabid → Kepala" in error.pesan


def test_unit_cycle_is_refused(engine, tmp_path):
    rows = _one()
    rows[0]["unit_induk"] = "Bidang"
    errors = _rejected(engine, write_csv(tmp_path / "x.csv", rows))
    assert [(e.baris, e.kolom, e.pesan) for e in errors] == [
        (2, "unit_induk", "susunan unit kerja melingkar: Dinas → Bidang → Dinas.")
    ]


def test_several_bad_rows_are_all_named_and_nothing_is_saved(engine, tmp_path):
    rows = organisation()
    rows[10]["nip"] = rows[10]["nip"][:16] + "O1"  # Kabid 5: a letter O for a zero; their bawahan are not blamed
    rows[20]["jenis_jabatan"] = "Staf"
    rows[20]["tpp_pokok"] = "banyak"
    rows[30]["nip_atasan"] = _nip(999)
    rows[40]["nip"] = rows[39]["nip"]
    with pytest.raises(ImportDitolak) as info:
        _import(engine, write_csv(tmp_path / "x.csv", rows))
    assert [(e.baris, e.kolom) for e in info.value.kesalahan] == [
        (12, "nip"),
        (22, "jenis_jabatan"),
        (22, "tpp_pokok"),
        (32, "nip_atasan"),
        (42, "nip"),
    ]
    message = str(info.value)
    assert message.startswith("Impor dibatalkan; tidak ada data yang disimpan. Perbaiki 5 kesalahan")
    assert all(f"Baris {n}, kolom" in message for n in (12, 22, 32, 42))
    assert _count(engine, Pegawai) == 0 and _count(engine, UnitKerja) == 0


@pytest.mark.parametrize(
    "filename,content,pesan",
    [
        ("x.csv", b"", "Berkas kosong"),
        ("x.csv", b"\n\n", "Berkas kosong"),
        ("x.csv", ",".join(COLUMNS).encode(), "hanya ada baris judul"),
        ("x.csv", "nip,nama\n1,Ré".encode("latin-1"), "tidak dapat dibaca sebagai UTF-8"),
        ("x.xlsx", b"bukan zip", "Berkas XLSX tidak dapat dibaca"),
        ("x.pdf", b"%PDF", 'Jenis berkas "x.pdf" tidak dikenal. Gunakan berkas .csv atau .xlsx.'),
    ],
)
def test_unreadable_files_get_a_clear_message(engine, filename, content, pesan):
    with pytest.raises(ValidationError, match=pesan):
        with session_scope(engine) as s:
            import_file(s, OPERATOR, content, filename)


def test_missing_file_gets_a_clear_message(engine, tmp_path):
    with pytest.raises(ValidationError, match="tidak dapat dibuka"):
        _import(engine, tmp_path / "tidak-ada.csv")


def test_bom_semicolons_header_case_and_rupiah_formats(engine, tmp_path):
    rows = [
        dict(nip=_nip(i), nama=f"P{i}", jabatan="Analis", jenis_jabatan="Fungsional", unit_kerja="Unit", tpp_pokok=tpp)
        for i, tpp in enumerate(["3.100.000", "Rp3.100.000", "3100000", "Rp 3.100.000,00"])
    ]
    path = tmp_path / "excel.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["NIP", "Nama", "Jabatan", "Jenis Jabatan", "Unit Kerja", "TPP Pokok"])
        writer.writerows(
            [[r["nip"], r["nama"], r["jabatan"], r["jenis_jabatan"], r["unit_kerja"], r["tpp_pokok"]] for r in rows]
        )
    assert _import(engine, path).dibuat == 4
    with session_scope(engine) as s:
        assert set(s.scalars(select(Pegawai.tpp_pokok))) == {3_100_000}


def test_nip_atasan_and_unit_induk_may_name_what_is_already_in_the_database(engine, org, tmp_path):
    rows = [
        dict(
            nip=_nip(1),
            nama="Baru",
            jabatan="Analis",
            jenis_jabatan="Fungsional",
            unit_kerja="Subbidang Baru",
            unit_induk="bidang mutasi uji",
            nip_atasan=org.kabid.nip,
        )
    ]
    _import(engine, write_csv(tmp_path / "x.csv", rows), actor=org.admin)
    with session_scope(engine) as s:
        baru = s.scalar(select(Pegawai).where(Pegawai.nip == _nip(1)))
        assert baru.atasan_id == org.kabid.pegawai_id
        assert baru.unit_kerja.induk_id == org.bidang and baru.unit_kerja.level == 3
        assert s.scalar(select(func.count()).select_from(UnitKerja)) == 5


def test_only_an_admin_imports(engine, org, tmp_path):
    with pytest.raises(AksesDitolak):
        _import(engine, write_csv(tmp_path / "x.csv", _one()), actor=org.kabid)


def test_an_admin_cannot_take_away_their_own_admin_role(engine, org, tmp_path):
    rows = [
        dict(
            nip=org.admin.nip,
            nama="Admin Uji",
            jabatan="Analis SDM",
            jenis_jabatan="Pelaksana",
            unit_kerja="BKPSDM Uji",
            peran="",
        )
    ]
    [error] = _rejected(engine, write_csv(tmp_path / "x.csv", rows), actor=org.admin)
    assert (error.baris, error.kolom) == (2, "peran")


def test_new_jabatan_is_a_mutasi_that_splits_the_running_period(engine, tmp_path):
    _import(engine, write_csv(tmp_path / "a.csv", organisation()))
    with session_scope(engine) as s:
        staf = s.scalar(select(Pegawai).where(Pegawai.nip == _nip(20)))
        lama = periode.tambah(s, Actor.of(staf), 2026)
        lama_id, staf_id = lama.id, staf.id
    rows = organisation()
    rows[20]["jabatan"] = "Analis Kebijakan"
    hasil = _import(engine, write_csv(tmp_path / "b.csv", rows), efektif=date(2026, 7, 1))
    assert (hasil.diperbarui, hasil.mutasi, hasil.tidak_berubah, hasil.dibuat) == (1, 1, 99, 0)
    with session_scope(engine) as s:
        periods = list(
            s.scalars(select(PeriodeSKP).where(PeriodeSKP.pegawai_id == staf_id).order_by(PeriodeSKP.tanggal_mulai))
        )
        assert [(p.id == lama_id, p.tanggal_mulai, p.tanggal_akhir, p.jabatan) for p in periods] == [
            (True, date(2026, 1, 1), date(2026, 6, 30), "Pengelola Data"),
            (False, date(2026, 7, 1), date(2026, 12, 31), "Analis Kebijakan"),
        ]
        change = s.scalar(select(AuditLog).where(AuditLog.aksi == "impor_pegawai_ubah"))
        assert change.entitas_id == str(staf_id)
        assert '"Pengelola Data"' in change.sebelum and '"Analis Kebijakan"' in change.sesudah


def test_new_atasan_and_unit_are_a_mutasi_but_new_tpp_is_not(engine, tmp_path):
    _import(engine, write_csv(tmp_path / "a.csv", organisation()))
    rows = organisation()
    rows[20]["nip_atasan"] = _nip(6)
    rows[20]["unit_kerja"] = "Bidang 1"
    rows[21]["tpp_pokok"] = "4.000.000"
    hasil = _import(engine, write_csv(tmp_path / "b.csv", rows))
    assert (hasil.diperbarui, hasil.mutasi) == (2, 1)
    with session_scope(engine) as s:
        moved = s.scalar(select(Pegawai).where(Pegawai.nip == _nip(20)))
        assert (moved.atasan.nip, moved.unit_kerja.nama) == (_nip(6), "Bidang 1")


def test_a_column_left_out_keeps_the_field(engine, tmp_path):
    _import(engine, write_csv(tmp_path / "a.csv", organisation()))
    short = [c for c in COLUMNS if c not in ("nip_atasan", "tpp_pokok", "peran", "email")]
    assert _import(engine, write_csv(tmp_path / "b.csv", organisation(), short)).tidak_berubah == 100


def test_generated_passwords_log_in_and_must_be_changed(engine, tmp_path):
    hasil = _import(engine, write_csv(tmp_path / "a.csv", _one()))
    for k in hasil.kredensial:
        with session_scope(engine) as s:
            assert auth.login(s, k.nip, k.password).must_change_password is True


def test_password_cell_is_used_and_not_reported_nor_rehashed(engine, tmp_path):
    columns = COLUMNS + ["password"]
    rows = _one(password="Awal-Rahasia-2026")
    hasil = _import(engine, write_csv(tmp_path / "a.csv", rows, columns))
    assert [k.nip for k in hasil.kredensial] == [_nip(1), _nip(2)]
    with session_scope(engine) as s:
        assert auth.login(s, _nip(3), "Awal-Rahasia-2026").must_change_password is True
    rows[2]["password"] = "Lain-Sama-Sekali-2026"
    assert _import(engine, write_csv(tmp_path / "b.csv", rows, columns)).tidak_berubah == 3
    with session_scope(engine) as s:
        assert auth.login(s, _nip(3), "Awal-Rahasia-2026").nip == _nip(3)


def test_formula_looking_cells_are_stored_as_plain_text(engine, tmp_path):
    formula = "=cmd|' /C calc'!A0"
    _import(engine, write_csv(tmp_path / "a.csv", _one(nama=formula, jabatan="+SUM(A1:A9)")))
    with session_scope(engine) as s:
        staf = s.scalar(select(Pegawai).where(Pegawai.nip == _nip(3)))
        assert (staf.nama, staf.jabatan) == (formula, "+SUM(A1:A9)")


def test_formula_looking_text_cell_in_xlsx_is_stored_as_text(engine, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", _one())
    wb = openpyxl.load_workbook(path)
    cell = wb.active["B4"]
    cell.value, cell.data_type = '=HYPERLINK("http://contoh")', "s"
    wb.save(path)
    assert _import(engine, path).dibuat == 3
    with session_scope(engine) as s:
        assert s.scalar(select(Pegawai.nama).where(Pegawai.nip == _nip(3))) == '=HYPERLINK("http://contoh")'


def test_a_late_error_rolls_the_whole_import_back(engine, tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(auth, "buat_akun_banyak", broken)  # the accounts are the last write
    with pytest.raises(RuntimeError):
        _import(engine, write_csv(tmp_path / "a.csv", organisation()))
    assert [_count(engine, m) for m in (Pegawai, UnitKerja, AuditLog)] == [0, 0, 0]


def test_bytes_from_an_upload_are_accepted(engine):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(_one())
    with session_scope(engine) as s:
        assert import_file(s, OPERATOR, buffer.getvalue().encode(), "unggahan.CSV").dibuat == 3


def test_existing_pegawai_without_account_gets_one(engine, org, tmp_path):
    with session_scope(engine) as s:
        s.add(
            Pegawai(
                nip=_nip(7),
                nama="Tanpa Akun",
                jabatan="Analis",
                jenis_jabatan=JenisJabatan.FUNGSIONAL,
                unit_kerja_id=org.bidang,
            )
        )
    rows = [
        dict(
            nip=_nip(7), nama="Tanpa Akun", jabatan="Analis", jenis_jabatan="Fungsional", unit_kerja="Bidang Mutasi Uji"
        )
    ]
    hasil = _import(
        engine, write_csv(tmp_path / "a.csv", rows, ["nip", "nama", "jabatan", "jenis_jabatan", "unit_kerja"])
    )
    assert (hasil.diperbarui, hasil.mutasi, [k.nip for k in hasil.kredensial]) == (1, 0, [_nip(7)])
    with session_scope(engine) as s:
        assert auth.login(s, _nip(7), hasil.kredensial[0].password).must_change_password is True


def test_unit_induk_moves_an_existing_unit_with_its_subtree(engine, org, tmp_path):
    rows = [
        dict(
            nip=_nip(1),
            nama="Baru",
            jabatan="Analis",
            jenis_jabatan="Fungsional",
            unit_kerja="Bidang Mutasi Uji",
            unit_induk="Dinas Kesehatan Uji",
        )
    ]
    _import(engine, write_csv(tmp_path / "a.csv", rows), actor=org.admin)
    with session_scope(engine) as s:
        bidang, dinkes = s.get(UnitKerja, org.bidang), s.get(UnitKerja, org.dinkes)
        assert bidang.induk_id == org.dinkes and bidang.path == f"{dinkes.path}{bidang.id}/"
        moved = s.scalar(select(AuditLog).where(AuditLog.aksi == "impor_pindah_unit_kerja"))
        assert '"BKPSDM Uji"' in moved.sebelum and '"Dinas Kesehatan Uji"' in moved.sesudah

"""Admin BKPSDM — Monitoring: who has not yet made a Periode, an SKP ditetapkan, this month's
activities or target bulanan; per unit and per pegawai, exportable; PPPK contracts ending within 60 days; and the
year's results for SIASN."""

from datetime import date
from typing import NamedTuple

import streamlit as st

from components.context import current, require_admin_page
from components.ekspor_siasn import panel as ekspor_siasn
from db.session import session_scope
from services.organisasi import status_pegawai, struktur
from services.pimpinan import monitoring
from services.platform import audit
from services.platform import format as fmt
from services.platform.access import Actor
from services.platform.kalender import hari_ini


class _Pantauan(NamedTuple):
    rows: tuple[monitoring.BarisMonitoring, ...]
    per_unit: tuple[monitoring.RingkasanUnit, ...]
    jumlah: tuple[int, ...]  # per problem, in the order of monitoring.MASALAH
    bermasalah: tuple[tuple[monitoring.BarisMonitoring, str], ...]  # with their problems joined


# Cached per user, unit, day and data version (the newest audit row: every change of data makes a new key), as
# the Dasbor: a rerun of the page (a tab, a download) does not re-read 10,000 pegawai's four stages.
# With them what the page derives from them (the counts, the rows per unit, who has a problem), which takes as
# long as drawing the page on a regency.
@st.cache_resource(max_entries=64, ttl=3600, show_spinner=False)
def _pantau(_engine, url: str, actor: Actor, unit_id: int, hari_ini: date, versi: int) -> _Pantauan:
    with session_scope(_engine, readonly=True) as session:
        rows = tuple(monitoring.pantau(session, actor, unit_id, hari_ini))
    per_unit = tuple(monitoring.per_unit(rows))
    jumlah = tuple(
        sum(getattr(u, kolom) for u in per_unit)
        for kolom in ("tanpa_periode", "skp_belum_ditetapkan", "tanpa_aktivitas", "tanpa_target_bulanan")
    )
    bermasalah = tuple((r, "; ".join(m)) for r in rows if (m := r.masalah))
    return _Pantauan(rows, per_unit, jumlah, bermasalah)


ctx = current()
require_admin_page(ctx)
st.title("Monitoring")
hari_ini = hari_ini()
st.caption(f"Keadaan per {fmt.tanggal(hari_ini)}: pegawai yang belum menyelesaikan tahapan SKP dan aktivitas harian.")

with session_scope(ctx.engine, readonly=True) as session:
    units = {u.id: ("· " * u.level) + u.nama for u in struktur.unit_terlihat(session, ctx.actor)}
    versi = audit.versi_data(session)
unit_id = st.selectbox("Unit Kerja", list(units), format_func=units.get)
pantauan = _pantau(ctx.engine, str(ctx.engine.url), ctx.actor, unit_id, hari_ini, versi)
rows, bermasalah = pantauan.rows, pantauan.bermasalah
kolom = st.columns(5)
kolom[0].metric("Pegawai", fmt.angka(len(rows)))
for col, label, count in zip(kolom[1:], monitoring.MASALAH, pantauan.jumlah):
    col.metric(label, fmt.angka(count))

tab_unit, tab_pegawai, tab_kontrak = st.tabs(
    ["Per Unit", "Per Pegawai", "Perjanjian Kerja Berakhir"], key="mon_tab", on_change="rerun"
)
if tab_unit.open:
    with tab_unit:
        st.dataframe(
            [
                {
                    "Unit Kerja": u.unit_kerja,
                    "Pegawai": u.pegawai,
                    **dict(
                        zip(
                            monitoring.MASALAH,
                            (u.tanpa_periode, u.skp_belum_ditetapkan, u.tanpa_aktivitas, u.tanpa_target_bulanan),
                        )
                    ),
                }
                for u in pantauan.per_unit
            ],
            hide_index=True,
            width="stretch",
        )
if tab_pegawai.open:
    with tab_pegawai:
        if bermasalah:
            st.dataframe(
                [
                    {"NIP": r.nip, "Nama": r.nama, "Unit Kerja": r.unit_kerja, "Masalah": masalah}
                    for r, masalah in bermasalah
                ],
                hide_index=True,
                width="stretch",
            )
        else:
            st.success("Semua pegawai di unit ini telah menyelesaikan tahapannya.")
if tab_kontrak.open:
    with tab_kontrak:
        with session_scope(ctx.engine, readonly=True) as session:
            kontrak = status_pegawai.kontrak_berakhir(session, ctx.actor, hari_ini)
        st.caption(
            f"PPPK yang masih bertugas dan perjanjian kerjanya berakhir dalam {status_pegawai.HARI_KONTRAK_BERAKHIR} "
            "hari (atau sudah berakhir), seluruh kabupaten. Perpanjang perjanjian atau catat pegawai berhenti di "
            "Pegawai dan Akun → Status Kepegawaian."
        )
        if kontrak:
            st.dataframe(
                [
                    {
                        "NIP": k.nip,
                        "Nama": k.nama,
                        "Unit Kerja": k.unit_kerja,
                        "Status": k.status.value,
                        "Perjanjian Berakhir": fmt.tanggal(k.perjanjian_akhir),
                        "Sisa": f"{k.sisa_hari} hari" if k.sisa_hari >= 0 else f"lewat {-k.sisa_hari} hari",
                    }
                    for k in kontrak
                ],
                hide_index=True,
                width="stretch",
            )
        else:
            st.success(
                f"Tidak ada perjanjian kerja PPPK yang berakhir dalam {status_pegawai.HARI_KONTRAK_BERAKHIR} hari."
            )
st.download_button(
    "Unduh (XLSX)",
    lambda: monitoring.ekspor_xlsx(rows),
    on_click="ignore",
    file_name=f"monitoring-{hari_ini:%Y%m%d}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
ekspor_siasn(ctx, unit_id)

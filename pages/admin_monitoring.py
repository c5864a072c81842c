"""Admin BKPSDM — Monitoring: who has not yet made a Periode, an SKP ditetapkan, this month's
activities or target bulanan; per unit and per pegawai, exportable; and the year's results for SIASN."""

import streamlit as st

from components.context import current, require_admin_page
from components.ekspor_siasn import panel as ekspor_siasn
from db.session import session_scope
from services.organisasi import struktur
from services.pimpinan import monitoring
from services.platform import format as fmt
from services.platform.kalender import hari_ini

ctx = current()
require_admin_page(ctx)
st.title("Monitoring")
hari_ini = hari_ini()
st.caption(f"Keadaan per {fmt.tanggal(hari_ini)}: pegawai yang belum menyelesaikan tahapan SKP dan aktivitas harian.")

with session_scope(ctx.engine, readonly=True) as session:
    units = {u.id: ("· " * u.level) + u.nama for u in struktur.unit_terlihat(session, ctx.actor)}
unit_id = st.selectbox("Unit Kerja", list(units), format_func=units.get)
with session_scope(ctx.engine, readonly=True) as session:
    rows = monitoring.pantau(session, ctx.actor, unit_id, hari_ini)

bermasalah = [r for r in rows if r.masalah]
kolom = st.columns(5)
kolom[0].metric("Pegawai", fmt.angka(len(rows)))
for col, label, count in zip(
    kolom[1:],
    monitoring.MASALAH,
    (
        sum(r.tanpa_periode for r in rows),
        sum(r.skp_belum_ditetapkan for r in rows),
        sum(r.tanpa_aktivitas for r in rows),
        sum(r.tanpa_target_bulanan for r in rows),
    ),
):
    col.metric(label, fmt.angka(count))

tab_unit, tab_pegawai = st.tabs(["Per Unit", "Per Pegawai"])
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
            for u in monitoring.per_unit(rows)
        ],
        hide_index=True,
        use_container_width=True,
    )
with tab_pegawai:
    if bermasalah:
        st.dataframe(
            [
                {"NIP": r.nip, "Nama": r.nama, "Unit Kerja": r.unit_kerja, "Masalah": "; ".join(r.masalah)}
                for r in bermasalah
            ],
            hide_index=True,
            use_container_width=True,
        )
    else:
        st.success("Semua pegawai di unit ini telah menyelesaikan tahapannya.")
st.download_button(
    "Unduh (XLSX)",
    monitoring.ekspor_xlsx(rows),
    file_name=f"monitoring-{hari_ini:%Y%m%d}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
ekspor_siasn(ctx, unit_id)

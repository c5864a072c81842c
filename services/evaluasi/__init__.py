"""Evaluasi: feedback and the regulation's rating (docs/domain.md §3.12–3.13, §5).

Umpan Balik Berkelanjutan, Evaluasi Kinerja with its periods, state table and the predikat matrix, the rating
suggestion, Predikat Kinerja Organisasi and the Kurva Distribusi, the rekap and the Dokumen Evaluasi. May use
aktivitas, perencanaan, organisasi and platform."""

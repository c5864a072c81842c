"""Aktivitas: the daily work and the money it earns (docs/domain.md §3.9–3.11, §4).

Aktivitas Harian entry and its rules (``harian``, ``entri``, ``salin``), the closing day (``bulan``), validation by
the atasan (``validasi``), capaian % and TPP produktivitas (``capaian``), the Cetak document and the Rekap TPP.
May use perencanaan, organisasi and platform."""

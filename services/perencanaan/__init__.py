"""Perencanaan: the SKP as the e-book plans it (docs/domain.md §3.3–3.8).

Perjanjian Kinerja, Rencana SKP for JPT and non-JPT with indikator and target bulanan, Matriks Peran Hasil,
Ekspektasi Pimpinan, the SKP state table (``penetapan``: Ajukan Draft, Proses Penetapan, Buka Kembali), the
read models of an SKP and its document. May use organisasi and platform."""

"""Organisasi: who works where and under whom, and when.

The unit tree and the hierarchy (``struktur``), Periode SKP with its snapshot and mutasi (``periode``), the
Penilai Pegawai correction (``penilai``), master data kept by BKPSDM (``referensi``), the import of pegawai
(``import_pegawai`` and its phases) and the BerAKHLAK core values every SKP carries. May use platform only."""

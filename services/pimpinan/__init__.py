"""Pimpinan: what leaders and BKPSDM watch — the Beranda's waiting work, the Dasbor Capaian of a unit and
the Monitoring of who has not filled in. Reads every context below it and changes nothing of theirs."""

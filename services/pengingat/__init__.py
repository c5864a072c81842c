"""Reminders and digests (docs/domain.md §8.36): what is waiting for whom on a day (``aturan``), the messages'
text (``pesan``), the channels (``kanal``: SMTP, webhook), the idempotent run of ``sipijar kirim-pengingat``
(``kirim``), the in-app list with its opt-outs (``notifikasi``) and the admin's screen (``admin``)."""

"""Contoh: generated data, not rules — the demo kabupaten of ``make run`` (``demo``, its content in
``demo_kabupaten.toml``) and the synthetic regency of the benchmark (``sintetis``). May use every context; no
context may use it."""

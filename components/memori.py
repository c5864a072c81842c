"""The process's long-lived heap, frozen once: Streamlit, SQLAlchemy, the models and the app's modules live
as long as the process, yet every full garbage collection walks them again — Streamlit's after each script
run (``runner.postScriptGC``) and Python's own. ``gc.freeze()`` right after app.py's imports, on the first
run in the process, moves them out of the collector's reach, so a collection walks what the runs create
(docs/profil-rerun.md measures it). Garbage is collected first: a frozen object is never freed.
``SIPIJAR_GC_FREEZE=0`` leaves the heap as it is (the load harness compares both)."""

import gc
import os

if os.environ.get("SIPIJAR_GC_FREEZE", "1") != "0":
    gc.collect()
    gc.freeze()

"""The process's memory over an afternoon.

The long-lived heap is frozen once: Streamlit, SQLAlchemy, the models and the app's modules live as long as the
process, yet every full garbage collection walks them again — Streamlit's after each script run
(``runner.postScriptGC``) and Python's own. ``gc.freeze()`` right after app.py's imports, on the first run in the
process, moves them out of the collector's reach, so a collection walks what the runs create (docs/profil-rerun.md
measures it). Garbage is collected first: a frozen object is never freed. ``SIPIJAR_GC_FREEZE=0`` leaves the heap
as it is (the load harness compares both). Each session forgets the widgets it no longer draws
(:func:`buang_widget_lama`)."""

import gc
import os

from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

if os.environ.get("SIPIJAR_GC_FREEZE", "1") != "0":
    gc.collect()
    gc.freeze()


def buang_widget_lama() -> int:
    """Forget the widgets a browser session no longer has. Streamlit (1.67) keeps the metadata of every widget id
    a session ever drew — its stale-widget cleanup drops the value, not the metadata (with the options and the
    callbacks it holds) nor the key's mapping — and this app makes new ids all afternoon: the Tambah form gets a
    new key after each save, Validasi's picker a new label as its counts change. The 30-minute soak grew by 1.8 MB
    a minute (R9, docs/benchmark.md). Called at the start of each full run, when every widget still in use has a
    value (sent by the browser or kept from the last run): the ids without one are dropped; a widget drawn again
    registers anew. Returns how many were dropped."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return 0
    aman = ctx.session_state  # SafeSessionState: the lock the event loop's thread takes too
    with aman._lock:
        state = aman._state
        widget, peta = state._new_widget_state, state._key_id_mapper
        hidup = widget.states.keys() | state._old_state.keys()
        lama = [i for i in widget.widget_metadata if i not in hidup]
        for i in lama:
            del widget.widget_metadata[i]
            kunci = peta._id_key_mapping.pop(i, None)
            if kunci is not None and peta._key_id_mapping.get(kunci) == i:
                del peta._key_id_mapping[kunci]
    return len(lama)

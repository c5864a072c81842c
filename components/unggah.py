"""The file picker in Indonesian. st.file_uploader's own texts ("Upload", "Drag and drop", "20MB per file")
are English and no parameter changes them: static CSS hides them and names the button "Pilih berkas", and a
caption says what may be uploaded and how large (the real bound of services.platform.unggahan)."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from services.platform.unggahan import MAKS_UKURAN_BERKAS

#: Static CSS, no user text: the dropzone's English instructions hidden, its button relabelled.
GAYA_UNGGAH = (
    "[data-testid='stFileUploaderDropzoneInstructions'] { display: none; }"
    "[data-testid='stFileUploaderDropzone'] button > * { display: none; }"
    "[data-testid='stFileUploaderDropzone'] button::after { content: 'Pilih berkas'; font-size: 0.875rem; }"
)


def pilih_berkas(label: str, jenis: list[str], key: str, batas: int = MAKS_UKURAN_BERKAS) -> UploadedFile | None:
    """One file of the given extensions and at most ``batas`` bytes, with an Indonesian button and caption."""
    st.html(f"<style>{GAYA_UNGGAH}</style>")
    berkas = st.file_uploader(label, type=jenis, key=key)
    st.caption(
        f"Klik Pilih berkas atau tarik berkas ke kotak di atas: {' atau '.join(j.upper() for j in jenis)}, "
        f"paling besar {batas // (1024 * 1024)} MB."
    )
    return berkas

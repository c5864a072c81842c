"""Build the user guide docs/panduan/ from the walkthrough's screenshots (issue #9).

``pytest -m e2e tests/e2e/test_walkthrough.py`` writes test-artifacts/panduan/manifest.json and one
1366×768 PNG per step; this script writes docs/panduan/README.md (Indonesian, one section per e-book
chapter, numbered steps with caption and screenshot) and copies the PNGs to docs/panduan/img/, reduced
with Pillow to a 64-colour palette (about 25 KB each; the interface has few colours) so they stay small
enough to commit.

    python docs/build_panduan.py [--manifest PATH] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "test-artifacts" / "panduan" / "manifest.json"
OUT = ROOT / "docs" / "panduan"
MAX_BYTES = 100_000

PENGANTAR = """# Panduan Pengisian SKP di SIPIJAR

Panduan ini mengikuti urutan e-book *Pengisian SKP pada Aplikasi SIPIJAR*. Setiap bab menunjukkan
langkah yang dikerjakan, oleh siapa, dan tampilan layar yang Anda lihat. Gambar dibuat otomatis dari uji
menyeluruh (*walkthrough*) pada organisasi contoh: Sekretaris Daerah, Kepala Dinas (JPT), Kepala Bidang
(Administrator), seorang Fungsional dan seorang Pelaksana.

Gambar diperbarui dengan `make docs`; jangan mengubah berkas ini secara manual.
"""


def _kecilkan(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` as a palette PNG (≤ 64 colours), fewer colours if still too large."""
    try:
        from PIL import Image
    except ImportError:  # Pillow comes with streamlit; without it the PNG is copied as it is
        shutil.copyfile(src, dst)
        return
    with Image.open(src) as img:
        rgb = img.convert("RGB")
        for warna in (64, 32):
            rgb.quantize(colors=warna, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
                dst, format="PNG", optimize=True
            )
            if dst.stat().st_size <= MAX_BYTES:
                return


def build(manifest: Path = MANIFEST, out: Path = OUT) -> Path:
    data = json.loads(manifest.read_text(encoding="utf-8"))
    langkah = sorted(data["langkah"], key=lambda s: (s["bab"], s["langkah"]))
    img = out / "img"
    if img.exists():
        shutil.rmtree(img)
    img.mkdir(parents=True)
    baris = [PENGANTAR, "## Daftar Isi", ""]
    bab_list: list[tuple[int, str]] = []
    for s in langkah:
        if not bab_list or bab_list[-1][0] != s["bab"]:
            bab_list.append((s["bab"], s["judul"]))
    for nomor, (_bab, judul) in enumerate(bab_list, 1):
        baris.append(f"{nomor}. [{judul}](#bab-{nomor})")
    baris.append("")
    nomor_bab = 0
    bab_sekarang = None
    for s in langkah:
        if s["bab"] != bab_sekarang:
            bab_sekarang = s["bab"]
            nomor_bab += 1
            baris += [f'<a id="bab-{nomor_bab}"></a>', "", f"## {nomor_bab}. {s['judul']}", ""]
        _kecilkan(manifest.parent / s["berkas"], img / s["berkas"])
        baris += [
            f"{s['langkah']}. **{s.get('peran') or s['oleh']}** — {s['keterangan']}",
            "",
            f"   ![{s['judul']}, langkah {s['langkah']}](img/{s['berkas']})",
            "",
        ]
    target = out / "README.md"
    target.write_text("\n".join(baris).rstrip() + "\n", encoding="utf-8")
    return target


def gambar_readme_hilang(readme: Path = ROOT / "README.md") -> list[str]:
    """The guide's pictures that the project README shows but the guide no longer has (a step renumbered)."""
    if not readme.exists():
        return []
    dipakai = re.findall(r"docs/panduan/img/[\w.-]+\.png", readme.read_text(encoding="utf-8"))
    return sorted({p for p in dipakai if not (ROOT / p).exists()})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.manifest.exists():
        print(f"{args.manifest} tidak ada; jalankan dulu: pytest -m e2e tests/e2e/test_walkthrough.py", file=sys.stderr)
        return 1
    target = build(args.manifest, args.out)
    hilang = gambar_readme_hilang()
    if hilang:
        print("README.md menampilkan gambar panduan yang tidak ada lagi: " + ", ".join(hilang), file=sys.stderr)
        return 1
    gambar = sorted((args.out / "img").glob("*.png"))
    total = sum(p.stat().st_size for p in gambar)
    print(
        f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: {len(gambar)} gambar, "
        f"{total // 1024} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

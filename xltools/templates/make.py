"""``python -m xltools.templates.make DIR [--preview OUT]``: write the templates (and previews).

Used by ``make templates`` and ``make templates-preview``. Previews are rendered by LibreOffice
to PDF, then the first page to PNG with pdftoppm, so the README shows what a newcomer gets.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile

from . import FILE_NAMES, KINDS, write_template


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m xltools.templates.make")
    ap.add_argument("folder")
    ap.add_argument("--preview", metavar="OUT", help="also render PDF and PNG previews into OUT")
    args = ap.parse_args()
    paths = [write_template(k, os.path.join(args.folder, FILE_NAMES[k]), force=True) for k in KINDS]
    for p in paths:
        print(p)
    if args.preview:
        preview(paths, args.preview)


def preview(paths: list[str], out: str) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        raise SystemExit("需要 LibreOffice (soffice) 和 pdftoppm：apt-get install libreoffice-calc-nogui poppler-utils")
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to",
                        "pdf", "--outdir", tmp, *paths], check=True, capture_output=True)
        for kind, path in zip(KINDS, paths, strict=True):
            pdf = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".pdf")
            shutil.copy(pdf, os.path.join(out, f"{kind}.pdf"))
            subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf,
                            os.path.join(out, kind)], check=True)
            print(os.path.join(out, f"{kind}.png"))


if __name__ == "__main__":
    main()

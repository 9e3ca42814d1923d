"""Screenshots of the first two pages of each policy document, in both languages
(docs/screenshots/policy-<id>-<lang>.png): WeasyPrint's PDF, pdftoppm at 80 dpi, the two
pages side by side. Run from the repository root after a policy or its template changes:

    .venv/bin/python scripts/policy-screenshots.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from PIL import Image

from zairyu.engine.catalogue import default_catalogue
from zairyu.report.policy_document import policy_pdf

OUT = Path("docs/screenshots")
GAP = 12  # pixels of grey between the pages


def main() -> None:
    catalogue = default_catalogue()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for pid in sorted(catalogue.plans):
            for lang in ("ja", "en"):
                pdf = work / f"{pid}-{lang}.pdf"
                pdf.write_bytes(policy_pdf(catalogue.get(pid), lang))
                prefix = str(work / f"{pid}-{lang}")
                command = ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", str(pdf), prefix]
                subprocess.run(command, check=True)
                images = [
                    Image.open(p).convert("RGB") for p in sorted(work.glob(f"{pid}-{lang}-*.png"))
                ]
                width = sum(i.width for i in images) + GAP * (len(images) - 1)
                sheet = Image.new("RGB", (width, max(i.height for i in images)), (200, 200, 200))
                x = 0
                for image in images:
                    sheet.paste(image, (x, 0))
                    x += image.width + GAP
                target = OUT / f"policy-{pid}-{lang}.png"
                sheet.save(target, optimize=True)
                print(f"wrote {target}")


if __name__ == "__main__":
    main()

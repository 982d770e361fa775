"""Compile locale/*/LC_MESSAGES/*.po (the project's and each app's own) into .mo with polib (no gettext tools needed)."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

for po_path in [*ROOT.glob("locale/*/LC_MESSAGES/*.po"), *ROOT.glob("resurs/*/locale/*/LC_MESSAGES/*.po")]:
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))

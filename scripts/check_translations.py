"""Fail when the Russian catalogue has untranslated or fuzzy entries, or lacks strings used in the code."""

import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def main():
    catalogue = polib.pofile(str(PO))
    problems = [f"untranslated: {e.msgid!r}" for e in catalogue.untranslated_entries()]
    problems += [f"fuzzy: {e.msgid!r}" for e in catalogue.fuzzy_entries()]
    # Strings in the code that the catalogue does not have yet (makemessages into a scratch copy).
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "locale"
        subprocess.run(["cp", "-r", str(ROOT / "locale"), str(scratch)], check=True)
        env_cmd = [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "ru",
            "--no-location",
            "-i",
            ".venv/*",
            "-i",
            "var/*",
        ]
        import os

        env = dict(os.environ, DEBUG="1", RESURS_LOCALE_DIR=str(scratch))
        result = subprocess.run(env_cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stderr)
            return 1
        fresh = polib.pofile(str(scratch / "ru" / "LC_MESSAGES" / "django.po"))
        problems += [f"missing from locale/ru: {e.msgid!r}" for e in fresh.untranslated_entries()]
        problems += [f"fuzzy after makemessages: {e.msgid!r}" for e in fresh.fuzzy_entries()]
    for p in problems:
        print(p)
    print(f"{len(problems)} translation problems" if problems else "Russian translation complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

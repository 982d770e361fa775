"""Fail when the Russian catalogue is missing, has untranslated or fuzzy entries, or lacks strings used in the code.

The code's strings are extracted by `makemessages` run on a scratch copy of the sources with a scratch copy of
the catalogue beside them, so the check never touches locale/: makemessages puts every file's strings into the
nearest `locale` directory above the file, whatever LOCALE_PATHS says.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "ru" / "LC_MESSAGES" / "django.po"
SOURCES = ("resurs", "templates")  # where user-facing strings live


def catalogues(root):
    """The Russian catalogues under root: the project's locale/ and an app's own resurs/<app>/locale/ (an app that
    keeps its strings beside its code, where makemessages puts them)."""
    return sorted(root.glob("locale/ru/LC_MESSAGES/django.po")) + sorted(
        root.glob("resurs/*/locale/ru/LC_MESSAGES/django.po")
    )


def catalogue_problems():
    if not PO.exists():
        return [f"missing: {PO.relative_to(ROOT)}"]
    problems = []
    for path in catalogues(ROOT):
        catalogue = polib.pofile(str(path))
        where = path.relative_to(ROOT)
        problems += [f"untranslated in {where}: {e.msgid!r}" for e in catalogue.untranslated_entries()]
        problems += [f"fuzzy in {where}: {e.msgid!r}" for e in catalogue.fuzzy_entries()]
    return problems


def code_problems():
    """Strings used in the code that the catalogue does not translate yet (or only fuzzily after a merge)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "src"
        locale = source / "locale"
        for name in SOURCES:
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        (locale / "ru" / "LC_MESSAGES").mkdir(parents=True)
        if PO.exists():
            shutil.copy(PO, locale / "ru" / "LC_MESSAGES" / "django.po")
        command = [sys.executable, str(ROOT / "manage.py"), "makemessages", "-l", "ru", "--no-location"]
        env = dict(os.environ, DEBUG="1", PYTHONPATH=str(ROOT))
        result = subprocess.run(command, cwd=source, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            return [f"makemessages failed: {result.stderr.strip()}"]
        if not (locale / "ru" / "LC_MESSAGES" / "django.po").exists():
            return ["makemessages wrote no catalogue"]
        problems = []
        for path in catalogues(source):
            fresh = polib.pofile(str(path))
            where = path.parent.parent.parent.relative_to(source)
            problems += [f"missing from {where}/ru: {e.msgid!r}" for e in fresh.untranslated_entries()]
            problems += [f"fuzzy after makemessages in {where}: {e.msgid!r}" for e in fresh.fuzzy_entries()]
        return problems


def main():
    problems = catalogue_problems() + code_problems()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} translation problems" if problems else "Russian translation complete")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""Test helpers shared by every app: query counting, workbook reading, conversion with LibreOffice."""

import io
import os

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext


class count_queries(CaptureQueriesContext):
    """with count_queries() as q: ...; q.count"""

    def __init__(self):
        super().__init__(connection)

    @property
    def count(self):
        return len(self.captured_queries)


def read_xlsx(content):
    """Rows of the first sheet of an .xlsx (bytes or file), as lists of cell values."""
    if hasattr(content, "read"):
        content = content.read()
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def convert_with_libreoffice(*paths, to="pdf", timeout=180):
    """Convert generated files with Debian's LibreOffice (headless, one run for all) and return the bytes of each
    result (one value for one path, a list for several).

    Fails the test when LibreOffice cannot open a file or produces an empty one. Each call runs with its own user
    profile, so parallel workers never share one (a shared profile makes soffice hang or refuse)."""
    import subprocess
    import tempfile
    from pathlib import Path

    import pytest

    soffice = os.environ.get("RESURS_SOFFICE", "/usr/bin/soffice")  # as conftest.py, which skips without it
    paths = [Path(p) for p in paths]
    with tempfile.TemporaryDirectory(prefix="resurs-office-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        outdir.mkdir()
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo"]
        command += ["--convert-to", to, "--outdir", str(outdir), *map(str, paths)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)  # noqa: S603 (our own files)
        except subprocess.TimeoutExpired:
            pytest.fail(f"LibreOffice did not convert {[p.name for p in paths]} within {timeout} s")
        output = []
        for path in paths:
            produced = outdir / f"{path.stem}.{to.split(':')[0]}"
            if result.returncode != 0 or not produced.exists() or produced.stat().st_size == 0:
                pytest.fail(
                    f"LibreOffice could not convert {path.name} to {to} (exit {result.returncode}): "
                    f"{result.stdout.decode(errors='replace')} {result.stderr.decode(errors='replace')}"
                )
            output.append(produced.read_bytes())
    return output[0] if len(output) == 1 else output


def convert_contents_with_libreoffice(files, to="pdf"):
    """convert_with_libreoffice for files held in memory: {file name: bytes} -> {file name: converted bytes}."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="resurs-office-in-") as tmp:
        paths = []
        for index, (name, content) in enumerate(files.items()):
            path = Path(tmp) / f"{index:02d}-{Path(name).stem}{Path(name).suffix}"
            path.write_bytes(content)
            paths.append(path)
        converted = convert_with_libreoffice(*paths, to=to)
    converted = converted if len(paths) > 1 else [converted]
    return dict(zip(files, converted, strict=True))

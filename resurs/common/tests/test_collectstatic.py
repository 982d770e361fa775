"""The production static pipeline (whitenoise's compressed manifest) collects every shipped asset (admin guide § install).

A vendored file that points at a file we do not ship (a source map) makes `collectstatic` fail on the server."""

from django.core.management import call_command


def test_collectstatic_with_the_production_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    for name in ("vendor/bootstrap.min.css", "vendor/bootstrap.bundle.min.js", "vendor/htmx.min.js"):
        assert f'"{name}"' in manifest
    assert list((tmp_path / "static" / "vendor").glob("bootstrap.min.*.css.gz"))

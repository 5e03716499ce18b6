"""Uploaded files in object storage, so several application servers share them: exercised
against Azurite (Microsoft's Azure Blob Storage emulator, from npm), not a mock.

CI installs Azurite (`.ci/run`); elsewhere these tests skip when `azurite-blob` is not on PATH.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from mobilise.pdsa.models import Attachment
from mobilise.settings.storage import default_storage as storage_setting
from tests.pdsa.factories import TestOfChangeFactory

# Azurite's published development account (not a secret: it only opens the local emulator).
DEV_ACCOUNT = "devstoreaccount1"
DEV_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
CONTAINER = "mobilise-test"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def azurite() -> Iterator[str]:
    binary = shutil.which("azurite-blob")
    if binary is None:
        message = "Object storage tests need Azurite: npm install -g azurite"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    workspace = tempfile.mkdtemp(prefix="azurite-")
    process = subprocess.Popen(
        [
            binary,
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            str(port),
            "--location",
            workspace,
            "--silent",
            "--skipApiVersionCheck",
            "--loose",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        else:
            pytest.fail("Azurite did not start within a minute")
        connection_string = (
            f"DefaultEndpointsProtocol=http;AccountName={DEV_ACCOUNT};AccountKey={DEV_KEY};"
            f"BlobEndpoint=http://127.0.0.1:{port}/{DEV_ACCOUNT};"
        )
        from azure.storage.blob import BlobServiceClient

        BlobServiceClient.from_connection_string(connection_string).create_container(CONTAINER)
        yield connection_string
    finally:
        process.kill()  # the emulator keeps nothing we need
        process.wait(timeout=30)
        shutil.rmtree(workspace, ignore_errors=True)


@pytest.fixture
def blob_storage(azurite: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The production setting for STORAGE_BACKEND=azure, pointed at the emulator."""
    monkeypatch.setenv("AZURE_STORAGE_CONNECTION_STRING", azurite)
    monkeypatch.setenv("AZURE_STORAGE_CONTAINER", CONTAINER)
    storages = {
        "default": storage_setting("azure"),
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from azure.storage.blob import BlobServiceClient

    container = BlobServiceClient.from_connection_string(azurite).get_container_client(CONTAINER)
    with override_settings(STORAGES=storages):
        yield container


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_an_attachment_goes_to_blob_storage_and_comes_back(cast: Any, blob_storage: Any) -> None:
    test = TestOfChangeFactory(programme=cast.programme)
    url = reverse("pdsa:attachment_add", kwargs={"slug": cast.programme.slug, "pk": test.pk})
    picture = _png()
    response = cast.client_for("member").post(
        url, {"file": SimpleUploadedFile("ward board.png", picture), "description": "Board"}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    blobs = [blob.name for blob in blob_storage.list_blobs()]
    assert attachment.file.name in blobs, "the file is in the shared container, not on this server's disk"

    download = reverse(
        "pdsa:attachment",
        kwargs={"slug": cast.programme.slug, "pk": test.pk, "attachment_pk": attachment.pk},
    )
    served = cast.client_for("viewer").get(download)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == picture
    assert cast.client_for("outsider").get(download).status_code == 404


def test_readiness_checks_blob_storage_and_leaves_nothing_behind(
    db: Any, client: Any, blob_storage: Any
) -> None:
    before = {blob.name for blob in blob_storage.list_blobs()}
    response = client.get(reverse("core:health_ready"))
    body = orjson.loads(response.content)
    assert response.status_code == 200, body
    assert body["checks"]["storage"] == {**body["checks"]["storage"], "ok": True, "backend": "AzureStorage"}
    assert {blob.name for blob in blob_storage.list_blobs()} == before


def test_an_unknown_storage_backend_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="local, azure or s3"):
        storage_setting("dropbox")

"""Where uploaded files live, chosen by environment.

`STORAGE_BACKEND=local` (the default) keeps them on the file system under MEDIA_ROOT, which is all
one machine needs. With several application servers, use storage they all share:

- `azure`: Azure Blob Storage, `AZURE_STORAGE_CONNECTION_STRING` and `AZURE_STORAGE_CONTAINER`;
- `s3`: Amazon S3 or a compatible service, `AWS_STORAGE_BUCKET_NAME` (plus `AWS_S3_ENDPOINT_URL`
  and `AWS_S3_REGION_NAME` when needed; credentials the usual AWS way). Needs `boto3` installed.

Files are never public: every download goes through a view that checks the person's access.
"""

from __future__ import annotations

from typing import Any

from .env import env_str

STATIC_FILES = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


def default_storage(backend: str) -> dict[str, Any]:
    if backend == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if backend == "azure":
        return {
            "BACKEND": "storages.backends.azure_storage.AzureStorage",
            "OPTIONS": {
                "connection_string": env_str("AZURE_STORAGE_CONNECTION_STRING"),
                "azure_container": env_str("AZURE_STORAGE_CONTAINER", "mobilise"),
                "overwrite_files": False,
                "expiration_secs": 300,
            },
        }
    if backend == "s3":
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME"),
                "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", "") or None,
                "region_name": env_str("AWS_S3_REGION_NAME", "") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
    raise ValueError(f"STORAGE_BACKEND must be local, azure or s3, not {backend!r}")


def storages(backend: str) -> dict[str, Any]:
    return {"default": default_storage(backend), "staticfiles": STATIC_FILES}

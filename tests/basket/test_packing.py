"""Building the zip never holds a file in memory: every file is read in chunks of
BASKET_CHUNK_BYTES (counted on the stream itself), whatever its size; members
past the ZIP64 limit get ZIP64 records; names are made unique and safe; the
worker reports its progress; captions cannot run as spreadsheet formulas."""

import io
import math
import zipfile

import pytest
from django.test import override_settings

from basket import building, packing
from basket.models import BasketDownloadJob
from basket.registry import BasketFile, FileCredits

from .conftest import CountingStream, add, follow, generated, request_zip


@pytest.mark.parametrize("size", [1, 64 * 1024, 3 * 64 * 1024 + 17])
@override_settings(BASKET_CHUNK_BYTES=64 * 1024)
def test_files_are_copied_in_chunks_whatever_their_size(
    gql, signed_in, generated_kind, size
):
    add(gql, "TEST_GENERATED", size)
    job = request_zip(gql)["data"]["requestBasketDownload"]
    assert follow(gql, job["id"])["data"]["basketDownloadJob"]["status"] == "READY"
    chunk = 64 * 1024
    # Reads of one chunk each, and one that finds the end: never "all of it".
    assert generated_kind.reads == [chunk] * (math.ceil(size / chunk) + 1)
    row = BasketDownloadJob.objects.get(pk=job["id"])
    with row.file.open("rb") as handle:
        archive = zipfile.ZipFile(handle)
        assert archive.read(f"generated-{size}.bin") == generated(0, size)
    assert generated_kind.packed_refs == [(str(size), "")]


def test_progress_is_written_while_the_zip_is_built(
    gql, signed_in, generated_kind, monkeypatch
):
    monkeypatch.setattr(building, "PROGRESS_SECONDS", 0)
    seen = []

    def look():
        job = BasketDownloadJob.objects.filter(user=signed_in).first()
        seen.append((job.status, job.progress))

    generated_kind.on_read = look
    add(gql, "TEST_GENERATED", 4 * 1024 * 1024)
    with override_settings(BASKET_CHUNK_BYTES=1024 * 1024):
        job = request_zip(gql)["data"]["requestBasketDownload"]
    assert seen == [
        ("RUNNING", 0),
        ("RUNNING", 25),
        ("RUNNING", 50),
        ("RUNNING", 75),
        ("RUNNING", 99),
    ]
    assert follow(gql, job["id"])["data"]["basketDownloadJob"]["progress"] == 100


def _file(name: str, size: int, reads: list) -> BasketFile:
    from contextlib import contextmanager

    @contextmanager
    def open_stream():
        yield CountingStream(size, reads)

    return BasketFile(
        name=name,
        size_bytes=size,
        open=open_stream,
        credits=lambda language: FileCredits(title=name, caption="@SUM(A1)"),
    )


def test_members_past_the_zip64_limit_get_zip64_records(monkeypatch):
    # The limit made small, so a small member crosses it (the real one is 4 GiB).
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 1000)
    reads: list = []
    target = io.BytesIO()
    packing.write_zip(
        target,
        [_file("small.bin", 10, reads), _file("big.bin", 5000, reads)],
        "en",
        512,
    )
    archive = zipfile.ZipFile(io.BytesIO(target.getvalue()))
    big, small = archive.getinfo("big.bin"), archive.getinfo("small.bin")
    assert big.extra[:2] == b"\x01\x00"  # the ZIP64 extra field's header id
    assert small.extra == b""
    assert archive.read("big.bin") == generated(0, 5000)
    assert max(reads) == 512


def test_names_are_unique_and_stay_in_the_folder():
    reads: list = []
    files = [
        _file("../../etc/passwd", 1, reads),
        _file("clip.mp4", 1, reads),
        _file("clip.mp4", 1, reads),
        _file("CREDITS.TXT", 1, reads),
        _file("", 1, reads),
    ]
    assert packing.member_names(files) == [
        "passwd",
        "clip.mp4",
        "clip-2.mp4",
        "CREDITS-2.TXT",
        "file",
    ]


def test_captions_cannot_run_as_formulas():
    reads: list = []
    target = io.BytesIO()
    packing.write_zip(target, [_file("a.jpg", 3, reads)], "en", 512)
    archive = zipfile.ZipFile(io.BytesIO(target.getvalue()))
    text = archive.read("captions.csv").decode("utf-8-sig")
    assert "'@SUM(A1)" in text and ",@SUM" not in text

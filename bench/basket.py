"""The download basket's zip (basket/packing.py): its speed against a plain
chunked copy of the same bytes to a temporary file, and its memory, which must
not grow with the files (they are copied in chunks, never read whole).

For each size, one file of that many bytes (a random MiB repeated, served by a
stream in chunks, so the disk under the source is not measured) is written (a)
by ``shutil.copyfileobj`` to a temporary file and (b) into a zip by
``packing.write_zip`` with BASKET_CHUNK_BYTES chunks. Printed: seconds (best of
three each), the zip's time as a ratio of the copy's, and the peak Python memory
of the zip build (tracemalloc) with its ratio to the smallest size's.
``.venv/bin/python bench/basket.py [--sizes 64,512]`` (MiB). The last line is a
JSON summary."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from contextlib import contextmanager  # noqa: E402

MIB = 1024 * 1024
BLOCK = os.urandom(MIB)


class Repeated(io.RawIOBase):
    """``size`` bytes: BLOCK over and over, read in whatever chunks are asked."""

    def __init__(self, size: int):
        self.size, self.position = size, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("read whole")  # the zip must never do this
        size = min(size, self.size - self.position, MIB)
        start = self.position % MIB
        chunk = (BLOCK[start:] + BLOCK[:start])[:size]
        self.position += len(chunk)
        return chunk


def copy_seconds(size: int, chunk: int) -> float:
    with tempfile.TemporaryFile() as target:
        started = time.perf_counter()
        shutil.copyfileobj(Repeated(size), target, chunk)
        target.flush()
        return time.perf_counter() - started


def zip_run(size: int, chunk: int) -> tuple[float, int, int]:
    from basket import packing
    from basket.registry import BasketFile, FileCredits

    @contextmanager
    def open_stream():
        yield Repeated(size)

    files = [
        BasketFile(
            name="video.mp4",
            size_bytes=size,
            open=open_stream,
            credits=lambda language: FileCredits(title="Bench", credit="Bench"),
        )
    ]
    with tempfile.TemporaryFile() as target:
        tracemalloc.start()
        started = time.perf_counter()
        packing.write_zip(target, files, "en", chunk)
        target.flush()
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return seconds, peak, target.tell()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="64,512", help="MiB, comma-separated")
    arguments = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from django.conf import settings

    chunk = settings.BASKET_CHUNK_BYTES
    rows = []
    for mib in (int(size) for size in arguments.sizes.split(",")):
        size = mib * MIB
        # Best of three each, alternated (a shared machine's noise).
        copies, zips = [], []
        for _run in range(3):
            copies.append(copy_seconds(size, chunk))
            zips.append(zip_run(size, chunk))
        copy = min(copies)
        seconds = min(run[0] for run in zips)
        peak = max(run[1] for run in zips)
        zip_bytes = zips[0][2]
        rows.append(
            {
                "mib": mib,
                "copy_s": round(copy, 3),
                "zip_s": round(seconds, 3),
                "zip_over_copy": round(seconds / copy, 2),
                "peak_kib": round(peak / 1024),
                "zip_bytes": zip_bytes,
            }
        )
    base = rows[0]["peak_kib"] or 1
    for row in rows:
        row["peak_ratio"] = round(row["peak_kib"] / base, 2)
        print(
            f"{row['mib']:>6} MiB  copy {row['copy_s']:>7.3f} s  zip "
            f"{row['zip_s']:>7.3f} s  zip/copy {row['zip_over_copy']:>5.2f}  "
            f"peak {row['peak_kib']:>6} KiB  (x{row['peak_ratio']:.2f})"
        )
    print(json.dumps({"chunk_bytes": chunk, "runs": rows}))


if __name__ == "__main__":
    main()

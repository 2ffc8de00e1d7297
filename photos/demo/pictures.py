"""Generated pictures that look like press photos (sky or a room, people, a
podium or aircraft, grain), carrying IPTC IIM metadata as an agency's would:
a caption, credit, copyright, date, city and country in an APP13 segment."""

from __future__ import annotations

import io
import random
import struct

from PIL import Image, ImageDraw, ImageFilter

VERSION = 1
SIZE = (960, 640)


def _gradient(size, top, bottom) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(
        Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask
    )


def _person(draw: ImageDraw.ImageDraw, x: int, ground: int, height: int, rng) -> None:
    suit = rng.choice([(25, 30, 45), (40, 40, 40), (70, 60, 55), (30, 45, 70)])
    skin = rng.choice([(224, 180, 150), (190, 140, 110), (140, 100, 75)])
    head = height // 7
    body_top = ground - height + head * 2
    draw.rounded_rectangle(
        (x - height // 5, body_top, x + height // 5, ground),
        radius=head // 2,
        fill=suit,
    )
    draw.ellipse(
        (x - head // 2 - 2, body_top - head - 4, x + head // 2 + 2, body_top - 2),
        fill=skin,
    )


def still(scene: str, seed: int, size=SIZE) -> Image.Image:
    """``meeting`` (a room, flags, people at a podium) or ``airfield`` (sky,
    runway, jets)."""
    rng = random.Random(seed)
    width, height = size
    if scene == "airfield":
        image = _gradient(size, (95, 140, 200), (200, 215, 230))
        draw = ImageDraw.Draw(image)
        horizon = int(height * rng.uniform(0.55, 0.7))
        draw.rectangle((0, horizon, width, height), fill=(90, 95, 90))
        draw.polygon(
            [
                (width * 0.3, height),
                (width * 0.45, horizon),
                (width * 0.55, horizon),
                (width * 0.7, height),
            ],
            fill=(60, 62, 64),
        )
        for _ in range(rng.randint(1, 3)):
            cx, cy = (
                rng.randint(width // 5, 4 * width // 5),
                rng.randint(height // 8, horizon - 60),
            )
            span = rng.randint(60, 140)
            grey = (120, 125, 130)
            draw.polygon(
                [(cx - span, cy), (cx + span, cy - 8), (cx + span, cy + 8)], fill=grey
            )
            draw.polygon(
                [
                    (cx - span // 4, cy),
                    (cx + span // 3, cy - span // 2),
                    (cx + span // 2, cy),
                ],
                fill=grey,
            )
            draw.polygon(
                [
                    (cx - span // 4, cy),
                    (cx + span // 3, cy + span // 2),
                    (cx + span // 2, cy),
                ],
                fill=grey,
            )
    else:
        image = _gradient(size, (70, 80, 100), (150, 140, 130))
        draw = ImageDraw.Draw(image)
        floor = int(height * 0.82)
        draw.rectangle((0, floor, width, height), fill=(110, 85, 70))
        for index in range(rng.randint(3, 5)):  # flags
            x = 60 + index * (width - 120) // 5 + rng.randint(-10, 10)
            colour = rng.choice(
                [(0, 51, 153), (200, 20, 30), (255, 255, 255), (20, 120, 60)]
            )
            draw.rectangle((x, 80, x + 4, floor), fill=(180, 170, 120))
            draw.rectangle((x + 4, 90, x + 60, 150), fill=colour)
        draw.rectangle(
            (width // 2 - 60, floor - 150, width // 2 + 60, floor), fill=(60, 50, 45)
        )
        for _ in range(rng.randint(2, 4)):
            _person(
                draw,
                rng.randint(width // 6, 5 * width // 6),
                floor,
                rng.randint(260, 360),
                rng,
            )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.effect_noise(size, 18).convert("RGB")
    return Image.blend(image, grain, 0.08)


def _dataset(record: int, number: int, text: str) -> bytes:
    data = text.encode("utf-8")
    return struct.pack(">BBBH", 0x1C, record, number, len(data)) + data


def iptc_jpeg(
    image: Image.Image, fields: dict[tuple[int, int], str], quality=82
) -> bytes:
    """The picture as a JPEG with an APP13 (Photoshop 3.0, 8BIM 0x0404) segment
    holding the IIM datasets, in UTF-8 (1:90)."""
    block = struct.pack(">BBBH", 0x1C, 1, 90, 3) + b"\x1b%G"
    for (record, number), text in fields.items():
        block += _dataset(record, number, text)
    padded = block + (b"\x00" if len(block) % 2 else b"")
    resources = (
        b"Photoshop 3.0\x00"
        + b"8BIM"
        + struct.pack(">H", 0x0404)
        + b"\x00\x00"
        + struct.pack(">I", len(block))
        + padded
    )
    segment = struct.pack(">BBH", 0xFF, 0xED, len(resources) + 2) + resources
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    data = out.getvalue()
    return data[:2] + segment + data[2:]

"""Generated pictures that read as photographs at a glance: a sky with a sun's glow
and clouds, layered hills in haze, buildings with lit windows, a sea, a meeting
room, portraits. Light falls off towards the corners; grain and a little blur soften
the edges. Pillow only.

Every picture is drawn from a seed, so a release gets the same picture on every
run. A scene comes in two layers, far and near, so that a video can pan them at
different speeds (``videos/demo``); a still is the two laid one on the other."""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter

# Part of the cache key of every generated picture and video: change it with the
# drawing code so that cached media are drawn again.
VERSION = "pictures-2"
SCENES = ("headquarters", "landscape", "sea", "sky", "room", "town")
Colour = tuple[int, int, int]


@dataclass
class Layers:
    far: Image.Image  # RGB
    near: Image.Image  # RGBA: what stands in front


def noise(rng: random.Random, size: tuple[int, int], octaves: int = 5) -> Image.Image:
    """Smooth fractal noise ("L"), mid-grey on average."""
    width, height = size
    result = None
    for octave in range(octaves):
        cells = 2 ** (octave + 2)
        small = (cells, max(2, cells * height // width))
        layer = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
        layer = layer.resize(size, Image.BICUBIC)
        result = layer if result is None else Image.blend(result, layer, 0.5**octave)
    return result


def gradient(size: tuple[int, int], top: Colour, bottom: Colour, curve=1.0):
    mask = Image.linear_gradient("L").resize(size)
    if curve != 1.0:
        mask = mask.point(lambda v: int(255 * (v / 255) ** curve))
    return Image.composite(
        Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask
    )


def glow(size: tuple[int, int], centre: tuple[float, float], radius: float, colour):
    """Light around ``centre`` (fractions of the size), added to a picture."""
    width, height = size
    spot = Image.radial_gradient("L").point(lambda v: max(0, 255 - v * 2))
    diameter = int(radius * width * 2)
    mask = Image.new("L", size, 0)
    mask.paste(
        spot.resize((diameter, diameter)),
        (int(centre[0] * width - diameter / 2), int(centre[1] * height - diameter / 2)),
    )
    return Image.composite(Image.new("RGB", size, colour), Image.new("RGB", size), mask)


def _sky(rng: random.Random, size) -> Image.Image:
    warm = rng.random()
    top = (int(40 + 40 * warm), int(90 + 20 * warm), int(170 - 40 * warm))
    horizon = (int(205 + 40 * warm), int(200 + 10 * warm), int(190 - 30 * warm))
    sky = gradient(size, top, horizon, 0.7)
    sky = ImageChops.add(
        sky, glow(size, (rng.uniform(0.2, 0.8), 0.3), 0.5, (90, 70, 30))
    )
    clouds = noise(rng, size).point(lambda v: max(0, min(255, (v - 135) * 6)))
    fade = Image.linear_gradient("L").resize(size).point(lambda v: 255 - v * 3 // 4)
    clouds = ImageChops.multiply(clouds, fade)
    return Image.composite(Image.new("RGB", size, (242, 238, 232)), sky, clouds)


def _ridge(rng, width: int, base: float, roughness: float) -> list[tuple[float, float]]:
    phases = [rng.random() * 6 for _ in range(6)]
    points = []
    for x in range(0, width + 20, 20):
        y = base + sum(
            math.sin(x / width * math.pi * h * 1.7 + phases[h - 1]) * roughness / h
            for h in range(1, 7)
        )
        points.append((x, y))
    return points


def _hills(rng, picture: Image.Image, layers: int, haze: Colour) -> None:
    width, height = picture.size
    for layer in range(layers):
        depth = (layer + 1) / layers
        light = 0.5 + depth / 2
        green = (60 * light, 95 * light, 55 * light)
        colour = tuple(
            int(g * depth + h * (1 - depth)) for g, h in zip(green, haze, strict=True)
        )
        mask = Image.new("L", picture.size, 0)
        ridge = _ridge(rng, width, height * (0.5 + 0.12 * depth), height * 0.05)
        ImageDraw.Draw(mask).polygon([*ridge, (width, height), (0, height)], fill=255)
        texture = ImageChops.multiply(
            Image.new("RGB", picture.size, colour),
            noise(rng, picture.size, 4).point(lambda v: 170 + v // 3).convert("RGB"),
        )
        picture.paste(texture, (0, 0), mask)


def _building(draw: ImageDraw.ImageDraw, rng, box, colour, lit: float) -> None:
    left, top, right, bottom = box
    draw.rectangle(box, fill=colour)
    shade = tuple(max(0, c - 30) for c in colour[:3])
    draw.rectangle((right - (right - left) // 6, top, right, bottom), fill=shade)
    for y in range(top + 12, bottom - 20, 22):
        for x in range(left + 10, right - 24, 18):
            on = rng.random() < lit
            draw.rectangle(
                (x, y, x + 9, y + 12), fill=(250, 225, 160) if on else (70, 85, 100)
            )


def _flags(draw, rng, left: int, ground: int, count: int, scale: float) -> None:
    palette = [
        (0, 51, 153),
        (200, 30, 45),
        (250, 250, 250),
        (0, 120, 60),
        (240, 190, 0),
    ]
    for number in range(count):
        x = left + int(number * 46 * scale)
        top = ground - int(190 * scale)
        draw.line(
            (x, ground, x, top), fill=(200, 200, 205), width=max(2, int(3 * scale))
        )
        wave = int(8 * scale * math.sin(number))
        draw.polygon(
            [(x, top + 4), (x + 40 * scale, top + 4 + wave),
             (x + 40 * scale, top + 30 * scale + wave), (x, top + 30 * scale)],
            fill=rng.choice(palette),
        )  # fmt: skip


def _person(draw, x: int, ground: int, height: int, colour: Colour) -> None:
    head = height // 7
    skin = (205, 170, 140)
    top = ground - height
    draw.ellipse((x - head // 2, top, x + head // 2, top + head), fill=skin)
    draw.rounded_rectangle(
        (x - head, ground - height + head, x + head, ground - height // 3),
        radius=head // 2,
        fill=colour,
    )
    draw.rectangle((x - head // 2, ground - height // 3, x + head // 2, ground),
                   fill=(35, 35, 45))  # fmt: skip


def draw_layers(scene: str, size: tuple[int, int], seed: int) -> Layers:
    """Drawn at half size and enlarged: four times less work, and the softness
    of a real lens."""
    layers = _draw_layers(scene, (size[0] // 2, size[1] // 2), seed)
    return Layers(
        far=layers.far.resize(size, Image.BICUBIC),
        near=layers.near.resize(size, Image.BICUBIC),
    )


def _draw_layers(scene: str, size: tuple[int, int], seed: int) -> Layers:
    rng = random.Random(seed)
    width, height = size
    near = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(near)
    ground = int(height * (0.72 + 0.06 * rng.random()))
    scale = height / 700
    if scene == "room":
        far = gradient(size, (125, 112, 100), (55, 50, 48))
        far = ImageChops.add(far, glow(size, (0.5, 0.2), 0.45, (60, 50, 35)))
        walls = ImageDraw.Draw(far)
        for x in range(0, width, width // 6):
            walls.rectangle((x + 8, 40, x + width // 6 - 8, ground - 60),
                            outline=(140, 130, 118), width=3)  # fmt: skip
        _flags(ImageDraw.Draw(far), rng, int(width * 0.1), ground - 30, 8, scale)
        for number in range(4):
            _person(draw, int(width * (0.22 + 0.18 * number)), ground + 20,
                    int(height * 0.42), (30 + 20 * number, 40, 70))  # fmt: skip
        draw.rectangle((0, ground, width, height), fill=(90, 60, 40))
        draw.rectangle((0, ground, width, ground + 14), fill=(140, 100, 70))
    else:
        far = _sky(rng, size)
        if scene == "sea":
            sea = gradient((width, height - ground), (70, 110, 140), (20, 50, 80))
            ripples = noise(rng, sea.size).point(lambda v: 150 + v // 2).convert("RGB")
            far.paste(ImageChops.multiply(sea, ripples), (0, ground))
            hull = int(width * rng.uniform(0.3, 0.6))
            draw.polygon([(hull, ground - 20), (hull + 260, ground - 20),
                          (hull + 230, ground + 12), (hull + 20, ground + 12)],
                         fill=(70, 75, 85))  # fmt: skip
            draw.rectangle((hull + 80, ground - 60, hull + 160, ground - 20),
                           fill=(180, 182, 188))  # fmt: skip
        elif scene == "sky":
            _hills(rng, far, 2, (170, 180, 190))
            x, y = int(width * rng.uniform(0.3, 0.6)), int(height * 0.3)
            draw.line((x - 500, y + 8, x, y + 8), fill=(245, 245, 250, 120), width=6)
            draw.polygon([(x, y), (x + 150, y + 8), (x + 150, y + 16), (x, y + 14)],
                         fill=(90, 95, 105))  # fmt: skip
            draw.polygon([(x + 60, y + 10), (x + 95, y + 10), (x + 50, y + 60)],
                         fill=(80, 85, 95))  # fmt: skip
        else:
            _hills(rng, far, 3, (175, 185, 195))
            if scene in ("headquarters", "town"):
                buildings = ImageDraw.Draw(far)
                left = int(width * 0.05)
                while left < width * 0.95:
                    span = rng.randint(110, 260)
                    top = int(ground - rng.randint(120, 330) * scale)
                    grey = rng.randint(120, 200)
                    _building(buildings, rng, (left, top, left + span, ground),
                              (grey, grey + 5, grey + 12), 0.35)  # fmt: skip
                    left += span + rng.randint(10, 60)
                if scene == "headquarters":
                    _flags(draw, rng, int(width * 0.08), ground, 12, scale * 0.8)
            draw.rectangle((0, ground, width, height), fill=(85, 90, 88))
            for number in range(rng.randint(2, 4)):
                _person(draw, int(width * rng.uniform(0.1, 0.9)), height - 10,
                        int(height * 0.35), (40, 45, 60 + 30 * number))  # fmt: skip
    return Layers(far=far.filter(ImageFilter.GaussianBlur(0.6)), near=near)


def finish(picture: Image.Image) -> Image.Image:
    """Light falling off towards the corners, and grain."""
    size = picture.size
    falloff = (
        Image.radial_gradient("L").resize(size).point(lambda v: 255 - v * v // 500)
    )
    picture = ImageChops.multiply(picture.convert("RGB"), falloff.convert("RGB"))
    grain = Image.effect_noise(size, 4).convert("RGB")
    return ImageChops.add(picture, grain, 1, -128)


def still(scene: str, size: tuple[int, int], seed: int) -> Image.Image:
    layers = draw_layers(scene, size, seed)
    picture = layers.far.convert("RGBA")
    picture.alpha_composite(layers.near)
    return finish(picture)


def portrait(size: tuple[int, int], seed: int) -> Image.Image:
    """Head and shoulders before a blurred background with out-of-focus lights."""
    rng = random.Random(seed)
    width, height = size
    tone = [rng.randint(40, 120) for _ in range(3)]
    picture = gradient(size, tuple(t + 40 for t in tone), tuple(t - 20 for t in tone))
    lights = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(lights)
    for _ in range(14):
        x, y = rng.uniform(0, width), rng.uniform(0, height * 0.6)
        r = rng.uniform(15, 50)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 240, 200, 70))
    picture = picture.convert("RGBA")
    picture.alpha_composite(lights.filter(ImageFilter.GaussianBlur(12)))
    figure = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(figure)
    skin = rng.choice(
        [(224, 180, 150), (190, 140, 105), (140, 95, 70), (235, 200, 175)]
    )
    suit = tuple(rng.randint(20, 70) for _ in range(3))
    hair = tuple(rng.randint(20, 110) for _ in range(3))
    centre = width // 2
    draw.ellipse((centre - width * 0.42, height * 0.62, centre + width * 0.42,
                  height * 1.3), fill=suit)  # fmt: skip
    draw.rectangle((centre - width * 0.07, height * 0.5, centre + width * 0.07,
                    height * 0.66), fill=skin)  # fmt: skip
    draw.ellipse((centre - width * 0.2, height * 0.2, centre + width * 0.2,
                  height * 0.58), fill=skin)  # fmt: skip
    draw.chord((centre - width * 0.21, height * 0.17, centre + width * 0.21,
                height * 0.45), 180, 360, fill=hair)  # fmt: skip
    picture.alpha_composite(figure.filter(ImageFilter.GaussianBlur(1.5)))
    # Light from the upper left: a soft shade over the figure's right side.
    shade = Image.new("L", size, 0)
    ImageDraw.Draw(shade).ellipse((centre, height * 0.1, width * 1.3, height * 1.2),
                                  fill=80)  # fmt: skip
    dark = Image.new("RGBA", size, (0, 0, 0, 255))
    dark.putalpha(shade.filter(ImageFilter.GaussianBlur(40)))
    picture.alpha_composite(dark)
    return finish(picture)


def jpeg(picture: Image.Image, quality: int = 78) -> bytes:
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()

"""Writing the sample's files (JPEG images, PNG masks and colour maps, JSON labels) under one root.

The root is the temporary folder of :func:`export.atomic.atomic_dir`, renamed into place only when
everything is written, so files are written directly here.
"""
import json
import os
import os.path as osp
from typing import Any, Sequence, Set

import numpy as np
from PIL import Image

from .canvas import Color


class SampleWriter:
    """Writes files under ``root`` given their dataset-relative paths; counts the bytes written."""

    def __init__(self, root: str, jpeg_quality: int) -> None:
        self.root = root
        self.jpeg_quality = jpeg_quality
        self.bytes_written = 0
        self._folders: Set[str] = set()

    def _path(self, relative: str) -> str:
        path = osp.join(self.root, *relative.split('/'))
        folder = osp.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return path

    def _save(self, relative: str, image: Image.Image, **options: Any) -> None:
        path = self._path(relative)
        image.save(path, **options)
        self.bytes_written += osp.getsize(path)

    def jpeg(self, relative: str, rgb: np.ndarray) -> None:
        """Writes an ``H x W x 3`` uint8 image as JPEG."""
        self._save(relative, Image.fromarray(rgb), format='JPEG', quality=self.jpeg_quality)

    def png(self, relative: str, array: np.ndarray) -> None:
        """Writes a uint8 mask (``H x W``) or bitmask (``H x W x 4``) as PNG, values unchanged."""
        self._save(relative, Image.fromarray(array), format='PNG')

    def colormap(self, relative: str, mask: np.ndarray, palette: Sequence[Color]) -> None:
        """Writes a class-id mask as a palette PNG (the official colour maps), ids as indices."""
        image = Image.fromarray(mask).convert('P')
        flat = [channel for color in palette for channel in color]
        image.putpalette(flat + [0] * (768 - len(flat)))
        self._save(relative, image, format='PNG')

    def json(self, relative: str, content: Any) -> None:
        """Writes JSON (compact, UTF-8)."""
        path = self._path(relative)
        with open(path, 'w', encoding='utf-8') as f:
            json.dump(content, f, separators=(',', ':'))
        self.bytes_written += osp.getsize(path)

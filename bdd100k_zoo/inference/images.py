"""The input images of inference: JPEG/PNG files and folders of them, read with clear errors."""
import os
import os.path as osp
from dataclasses import dataclass
from typing import Dict, List, Sequence

from PIL import Image

from .errors import ImageReadError, InferenceError

IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png')


@dataclass(frozen=True)
class InputImage:
    """An image to run the model on.

    Attributes:
        path: its file.
        name: its Scalabel frame name (the file name); masks and visuals are named by its stem.
    """
    path: str
    name: str

    @property
    def stem(self) -> str:
        """The file name without extension."""
        return osp.splitext(self.name)[0]


def is_image_file(path: str) -> bool:
    """Whether ``path`` has an image extension inference reads (case-insensitive)."""
    return osp.splitext(path)[1].lower() in IMAGE_EXTENSIONS


def folder_images(folder: str) -> List[str]:
    """The image files directly in ``folder``, sorted by name.

    Raises:
        InferenceError: the folder holds no image.
    """
    paths = [osp.join(folder, name) for name in sorted(os.listdir(folder))
             if is_image_file(name) and osp.isfile(osp.join(folder, name))]
    if not paths:
        raise InferenceError(f'{folder}: the folder holds no {"/".join(IMAGE_EXTENSIONS)} image')
    return paths


def collect_images(inputs: Sequence[str]) -> List[InputImage]:
    """The images of image files and folders (a folder: the images directly in it), in the given
    order; a file given twice is used once.

    Raises:
        FileNotFoundError: an input does not exist.
        InferenceError: no input, a file that is not a JPEG/PNG, a folder without images, or two
            images of the same stem (their masks and visuals would overwrite each other).
    """
    if not inputs:
        raise InferenceError('no input image or folder given')
    paths: List[str] = []
    for item in inputs:
        if osp.isdir(item):
            paths.extend(folder_images(item))
        elif osp.isfile(item):
            if not is_image_file(item):
                raise InferenceError(f'{item} is not a {"/".join(IMAGE_EXTENSIONS)} image')
            paths.append(item)
        else:
            raise FileNotFoundError(f'input not found: {item}')
    seen = set()
    images = []
    for path in paths:
        if osp.realpath(path) not in seen:
            seen.add(osp.realpath(path))
            images.append(InputImage(path, osp.basename(path)))
    by_stem: Dict[str, str] = {}
    for image in images:
        if image.stem in by_stem:
            raise InferenceError(f'two input images have the stem {image.stem!r} '
                                 f'({by_stem[image.stem]}, {image.path}): predictions, masks and '
                                 f'visuals are named by it')
        by_stem[image.stem] = image.path
    return images


def load_image(path: str) -> Image.Image:
    """Reads an image as RGB.

    Raises:
        ImageReadError: the file is not a readable image (names it).
    """
    try:
        with Image.open(path) as image:
            return image.convert('RGB')
    except (OSError, SyntaxError, ValueError) as err:
        raise ImageReadError(f'cannot read image {path}: {err}') from None

"""``infer``: a zoo model on your own images -> official-format predictions and rendered visuals."""
import os.path as osp
from dataclasses import dataclass
from typing import Any, Dict, Optional, Sequence, Tuple

from mmengine.utils import ProgressBar

from .errors import InferenceError
from .images import collect_images, load_image
from .model import load_model
from .outputs import MASKS_DIR, PREDS_FILE, VISUALS_DIR, open_outputs
from .tasks import task_adapter

#: Labels scored lower are left out by default (as OpenMMLab's inferencers draw them).
DEFAULT_SCORE_THR = 0.3


@dataclass(frozen=True)
class InferenceSummary:
    """What :func:`infer` wrote.

    Attributes:
        task: the model's BDD100K task.
        images: how many images were run.
        preds_file: the Scalabel predictions, one frame per image.
        visuals_dir: the rendered predictions, ``<stem>.jpg`` per image.
        masks_dir: sem_seg/drivable: the class-id masks, pan_seg: the official bitmasks,
            ``<stem>.png`` per image; else None.
        extra_dirs: the task's other output folders (anomaly: ``anomaly_maps``, ``heatmaps``).
    """
    task: str
    images: int
    preds_file: str
    visuals_dir: str
    masks_dir: Optional[str]
    extra_dirs: Tuple[str, ...] = ()


def infer(config: str, checkpoint: str, inputs: Sequence[str], out_dir: str,
          batch_size: int = 1, score_thr: float = DEFAULT_SCORE_THR, device: str = 'cpu',
          person_boxes: Optional[str] = None, progress: bool = False,
          cfg_options: Optional[Dict[str, Any]] = None) -> InferenceSummary:
    """Runs a model of the zoo on image files and writes its predictions and visuals.

    Writes into ``out_dir``: ``preds.json`` (Scalabel frames, the official prediction format:
    det boxes, ins_seg boxes + RLE masks, tagging frame attributes, pose person graphs, sem_seg /
    drivable one RLE label per class, pan_seg one RLE label per segment), ``visuals/<stem>.jpg``
    and, for sem_seg/drivable/pan_seg, ``masks/<stem>.png`` (the official mask formats: class ids;
    pan_seg bitmasks); anomaly models also write ``anomaly_maps/<score>/<stem>.npy`` (float32
    H x W, higher = more anomalous) and ``heatmaps/<stem>.jpg`` (the primary score). Class names and palette come from
    the checkpoint's meta, else from the config's dataset.

    Args:
        config: a config file or the name of a zoo config.
        checkpoint: a checkpoint file, an HTTP(S) URL or ``bdd100k://<task>/<model name>``.
        inputs: JPEG/PNG files and/or folders of them.
        out_dir: the output folder.
        batch_size: model inputs per forward pass (images; person boxes for pose).
        score_thr: det/ins_seg labels, or pose person boxes, scored lower are left out.
        device: ``'cpu'`` or ``'cuda'``.
        person_boxes: pose only: a Scalabel file of ``pedestrian`` boxes by image name (e.g. the
            ``preds.json`` of a det model); None: each whole image is one person box.
        progress: show a progress bar.
        cfg_options: config overrides, e.g. ``{'model.test_cfg.rcnn.score_thr': 0.1}``.

    Raises:
        FileNotFoundError: an input, the config or the checkpoint does not exist.
        InferenceError: bad inputs, config or checkpoint (see :mod:`.errors`); nothing is written.
        LabelError: a malformed ``person_boxes`` file.
    """
    if batch_size < 1:
        raise InferenceError(f'the batch size must be at least 1, got {batch_size}')
    images = collect_images(inputs)
    model = load_model(config, checkpoint, device, cfg_options)
    adapter = task_adapter(model, images, score_thr, person_boxes)
    bar = ProgressBar(len(images)) if progress else None
    with open_outputs(out_dir, adapter.writes_masks, adapter.extra_dirs) as writer:
        for start in range(0, len(images), batch_size):
            batch = images[start:start + batch_size]
            pictures = [load_image(image.path) for image in batch]
            infos = [adapter.data_infos(image, start + offset, picture.size)
                     for offset, (image, picture) in enumerate(zip(batch, pictures))]
            outputs = model.predict([info for group in infos for info in group], batch_size)
            for image, picture, group in zip(batch, pictures, infos):
                writer.add(image, adapter.predict(image, picture, outputs[:len(group)]))
                outputs = outputs[len(group):]
                if bar:
                    bar.update()
    return InferenceSummary(model.task, len(images), osp.join(out_dir, PREDS_FILE),
                            osp.join(out_dir, VISUALS_DIR),
                            osp.join(out_dir, MASKS_DIR) if adapter.writes_masks else None,
                            tuple(osp.join(out_dir, name) for name in adapter.extra_dirs))

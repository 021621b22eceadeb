"""Loading a model for inference: test pipeline without annotations, safe checkpoint loading, the
class names of the checkpoint (else of the config), clear errors for mismatching weights."""
import pytest
import torch
from mmengine.config import Config

from bdd100k_zoo.inference import CheckpointMismatchError, ConfigError, load_model
from bdd100k_zoo.inference.model import ANNOTATION_LOADER, inference_pipeline, read_checkpoint
from bdd100k_zoo.labels.categories import DET_CLASSES
from bdd100k_zoo.runtime.checkpoint import UnsafeCheckpointError

TASKS = ('det', 'ins_seg', 'sem_seg', 'drivable', 'tagging', 'pose')


@pytest.mark.parametrize('task', TASKS)
def test_test_pipeline_loads_images_and_no_annotations(sample_config, task):
    config = sample_config(task)
    cfg = Config.fromfile(config)
    full = [transform['type'] for transform in cfg.test_dataloader.dataset.pipeline]
    kept = [transform['type'] for transform in inference_pipeline(cfg, config)]
    assert kept == [name for name in full if not ANNOTATION_LOADER.search(name)]
    assert kept[0] in ('LoadImageFromFile', 'LoadImage')
    if task in ('sem_seg', 'drivable'):
        assert 'BDD100KLoadAnnotations' in full and len(kept) == len(full) - 1


def test_config_without_test_pipeline_is_refused(sample_config, random_det_checkpoint, tmp_path):
    config = tmp_path / 'no_test.py'
    config.write_text(f'_base_ = [{sample_config("det")!r}]\n'
                      f'test_dataloader = None\ntest_pipeline = None\n')
    with pytest.raises(ConfigError, match='no test pipeline'):
        load_model(str(config), random_det_checkpoint)


def test_config_by_zoo_name_and_classes_from_the_config(random_det_checkpoint):
    model = load_model('faster_rcnn_r18_fpn_det_bdd100k_sample', random_det_checkpoint)
    assert model.task == 'det' and not model.model.training
    assert model.dataset_meta['classes'] == DET_CLASSES
    assert len(model.dataset_meta['palette']) == len(DET_CLASSES)
    assert model.metric.dataset_meta['classes'] == DET_CLASSES


def test_classes_and_palette_of_the_checkpoint_win(sample_config, random_det_checkpoint,
                                                   tmp_path):
    classes = tuple(f'class {index}' for index in range(len(DET_CLASSES)))
    palette = [(index, 0, 0) for index in range(len(DET_CLASSES))]
    path = str(tmp_path / 'with_meta.pth')
    torch.save(dict(torch.load(random_det_checkpoint),
                    meta={'dataset_meta': {'classes': classes, 'palette': palette}}), path)
    model = load_model(sample_config('det'), path)
    assert model.dataset_meta['classes'] == classes and model.dataset_meta['palette'] == palette
    assert model.metric.dataset_meta['classes'] == classes


def test_missing_weights_are_listed(sample_config, random_det_checkpoint, tmp_path):
    state = torch.load(random_det_checkpoint)['state_dict']
    dropped = sorted(key for key in state if key.startswith('roi_head.bbox_head.fc_cls'))
    path = str(tmp_path / 'incomplete.pth')
    torch.save({'state_dict': {k: v for k, v in state.items() if k not in dropped}}, path)
    with pytest.raises(CheckpointMismatchError,
                       match="2 of the model's weights are missing") as info:
        load_model(sample_config('det'), path)
    assert all(key in str(info.value) for key in dropped)
    assert 'incomplete.pth' in str(info.value) and 'faster_rcnn_r18' in str(info.value)


def test_weights_of_another_model_are_refused(sample_config, random_det_checkpoint):
    # the det model has 10 classes, the ins_seg model 8 (and a mask head)
    with pytest.raises(CheckpointMismatchError,
                       match='size mismatch for roi_head.bbox_head.fc_cls'):
        load_model(sample_config('ins_seg'), random_det_checkpoint)


def test_checkpoint_with_code_is_refused_by_the_safe_loader(tmp_path):
    path = str(tmp_path / 'evil.pth')
    torch.save({'state_dict': {}, 'meta': {'hook': print}}, path)
    with pytest.raises(UnsafeCheckpointError, match='evil.pth'):
        read_checkpoint(path)


def test_missing_checkpoint_says_what_is_accepted(tmp_path):
    with pytest.raises(FileNotFoundError, match='bdd100k://<task>/<model name>'):
        read_checkpoint(str(tmp_path / 'nothing.pth'))


@pytest.mark.skipif(torch.cuda.is_available(), reason='checks the error without CUDA')
def test_cuda_without_a_device_is_refused(sample_config, random_det_checkpoint):
    from bdd100k_zoo.inference import InferenceError
    with pytest.raises(InferenceError, match='no CUDA device'):
        load_model(sample_config('det'), random_det_checkpoint, device='cuda')

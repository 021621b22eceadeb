"""BDD100KQDTrack's ``freeze``: named submodules get no gradient and stay in eval mode."""
import pytest
import torch

from .frame_pairs import training_batch
from .test_qdtrack import build

FROZEN = ('detector.backbone', 'detector.neck', 'detector.rpn_head', 'track_head')


def test_frozen_modules_get_no_gradient_and_stay_in_eval_mode(repo_root):
    model = build(repo_root, freeze=FROZEN)
    model.train()
    for name in FROZEN:
        module = model.get_submodule(name)
        assert not any(param.requires_grad for param in module.parameters()), name
        assert not any(sub.training for sub in module.modules()), name
    assert model.training and model.detector.roi_head.training
    assert all(param.requires_grad for param in model.detector.roi_head.parameters())
    model.eval()
    model.train()  # mmengine calls train() every epoch: the frozen parts stay in eval mode
    assert not model.detector.backbone.training and not model.track_head.training


def test_a_training_step_changes_only_the_unfrozen_parts(repo_root):
    model = build(repo_root, freeze=FROZEN)
    model.train()
    before = {name: value.clone() for name, value in model.state_dict().items()}
    optimizer = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)
    loss, _ = model.parse_losses(model.loss(**training_batch(model)))
    loss.backward()
    optimizer.step()
    after = model.state_dict()
    changed = {name for name in before if not torch.equal(before[name], after[name])}
    frozen = [name for name in before if name.startswith(tuple(f'{part}.' for part in FROZEN))]
    # the sample backbone trains its batch norm (norm_eval False): its running stats are buffers
    assert any('running_mean' in name for name in frozen)
    assert not changed & set(frozen)
    assert any(name.startswith('detector.roi_head.bbox_head.') for name in changed)


def test_an_unknown_name_is_a_clear_error(repo_root):
    with pytest.raises(ValueError, match="cannot freeze 'detector.backbon'"):
        build(repo_root, freeze=('detector.backbon',))


def test_nothing_is_frozen_by_default(repo_root):
    model = build(repo_root)
    model.train()
    assert model.freeze == () and model.detector.backbone.training
    assert all(param.requires_grad for param in model.parameters())


@pytest.mark.parametrize('name, trained', [
    # SysCV/pcan 281e3a7: QuasiDenseMaskRCNN.fix_modules (quasi_dense_pcan_seg.py L23-35) freezes
    # backbone, neck, RPN, box and track heads; EMQuasiDenseMaskRCNNRefine.fix_modules
    # (quasi_dense_pcan_seg_refine.py L14-28) the mask head too: only the refine head trains
    ('mots_r50', 'detector.roi_head.mask_head.'),
    ('pcan_r50', 'refine_head.'),
])
def test_the_published_pcan_stages_train_what_upstream_trains(repo_root, name, trained):
    model = build(repo_root, name)
    trainable = [key for key, param in model.named_parameters() if param.requires_grad]
    assert trainable and all(key.startswith(trained) for key in trainable)
    assert all(param.requires_grad for key, param in model.named_parameters()
               if key.startswith(trained))

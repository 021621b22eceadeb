"""``bdd100k-zoo env``: the stack's versions and a real run of the compiled mmcv ops."""
import os.path as osp
import subprocess
import sys

from bdd100k_zoo.runtime.env_info import check_mmcv_ops, package_versions

PINNED = {'mmcv': '2.1.0', 'mmengine': '0.10.7', 'mmdet': '3.3.0', 'mmsegmentation': '1.2.2',
          'mmpretrain': '1.2.0', 'mmpose': '1.3.2', 'scalabel': '0.3.1', 'openmim': '0.3.9'}


def test_installed_stack_matches_the_pins():
    versions = package_versions()
    assert {name: versions[name] for name in PINNED} == PINNED


def test_compiled_mmcv_ops_run():
    assert check_mmcv_ops() == (True, 'ok')


def test_console_script_prints_every_package_and_the_ops_status():
    script = osp.join(osp.dirname(sys.executable), 'bdd100k-zoo')
    result = subprocess.run([script, 'env'], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for name, version in PINNED.items():
        assert any(line.split()[:2] == [name, version] for line in result.stdout.splitlines())
    assert 'mmcv ops (nms, roi_align, deform_conv)  ok' in result.stdout

"""The inference package is shared: importing it imports no side and no parent library; loading a
model imports the side its config names, and no other."""
import subprocess
import sys

SIDES = ('bdd100k_zoo.det', 'bdd100k_zoo.track', 'bdd100k_zoo.seg', 'bdd100k_zoo.tagging',
         'bdd100k_zoo.pose')
PARENTS = ('mmdet', 'mmseg', 'mmpretrain', 'mmpose')


def imported(code: str) -> set:
    """Which sides and parent libraries are in ``sys.modules`` after ``code``, in a new process."""
    names = SIDES + PARENTS
    script = f'import sys\n{code}\nprint(" ".join(m for m in {names!r} if m in sys.modules))'
    out = subprocess.run([sys.executable, '-c', script], capture_output=True, text=True,
                         check=True)
    return set(out.stdout.split())


def test_importing_inference_and_its_command_imports_no_side():
    assert imported('import bdd100k_zoo.inference, bdd100k_zoo.cli.infer') == set()


def test_a_det_model_brings_in_the_det_side_only(random_det_checkpoint, sample_config):
    code = (f'from bdd100k_zoo.inference import load_model\n'
            f'load_model({sample_config("det")!r}, {random_det_checkpoint!r})')
    found = imported(code)
    # (mmdet's own model registry imports mmpretrain for its ReID preprocessor)
    assert found & set(SIDES) == {'bdd100k_zoo.det'}
    assert 'mmdet' in found and not found & {'mmseg', 'mmpose'}

"""The generated model index: up to date, read by mim and the hub, regenerated from the READMEs."""
import os.path as osp
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from bdd100k_zoo.cli import main
from bdd100k_zoo.hub import ModelNotFoundError, find_model, load_model_index, resolve_source
from bdd100k_zoo.zoo.entries import load_task
from bdd100k_zoo.zoo.index import ZooIndexError, generate, stale_files, write_index
from bdd100k_zoo.zoo.tasks import TASKS

FASTER_RCNN = {
    'Name': 'faster_rcnn_r50_fpn_3x_det_bdd100k',
    'In Collection': 'Faster R-CNN (det)',
    'Config': 'det/configs/det/faster_rcnn_r50_fpn_3x_det_bdd100k.py',
    'Paper': 'Faster R-CNN: Towards Real-Time Object Detection with Region Proposal Networks',
    'Metadata': {'Backbone': 'R-50-FPN', 'Lr schd': '3x', 'MS-train': True},
    'Results': [{'Task': 'Object Detection', 'Dataset': 'BDD100K', 'Metrics': {'Box AP': 32.3}}],
    'Weights': 'https://dl.cv.ethz.ch/bdd100k/det/models/faster_rcnn_r50_fpn_3x_det_bdd100k.pth'}


def test_the_committed_index_is_up_to_date(repo_root, capsys):
    assert main(['zoo-index', '--check', '--root', repo_root]) == 0
    assert 'up to date' in capsys.readouterr().out


def test_metafile_entries(repo_root):
    with open(osp.join(repo_root, 'det', 'metafile.yml'), encoding='utf-8') as f:
        det = yaml.safe_load(f)
    assert det['Models'][1] == FASTER_RCNN
    assert det['Collections'][0] == {
        'Name': 'Faster R-CNN (det)', 'README': 'det/README.md',
        'Paper': {'Title': 'Faster R-CNN: Towards Real-Time Object Detection with Region Proposal '
                           'Networks', 'URL': 'https://arxiv.org/abs/1506.01497'}}
    with open(osp.join(repo_root, 'tagging', 'metafile.yml'), encoding='utf-8') as f:
        tagging = yaml.safe_load(f)['Models']
    assert {m['Results'][0]['Task'] for m in tagging if 'Results' in m} == {
        'Weather Tagging', 'Scene Tagging'}
    assert tagging[0]['Metadata'] == {'Backbone': 'VGG-11', 'Input': '224 * 224'}
    with open(osp.join(repo_root, 'mot', 'metafile.yml'), encoding='utf-8') as f:
        qdtrack, dla34, sample = yaml.safe_load(f)['Models']
    assert qdtrack['Results'][0]['Metrics'] == {'mMOTA': 36.6, 'mIDF1': 51.6, 'ID Sw.': 6193}
    assert qdtrack['Config'] == 'mot/configs/mot/qdtrack-frcnn_r50_fpn_12e_mot_bdd100k.py'
    # a config built here: no Metadata, Results or Weights; the collection of its method
    assert dla34 == {'Name': 'qdtrack-frcnn_dla34_fpn_12e_mot_bdd100k',
                     'In Collection': 'QDTrack (mot)',
                     'Config': 'mot/configs/mot/qdtrack-frcnn_dla34_fpn_12e_mot_bdd100k.py',
                     'Paper': 'Quasi-Dense Similarity Learning for Multiple Object Tracking'}


def test_a_built_config_of_a_method_without_results_has_its_own_collection(repo_root):
    with open(osp.join(repo_root, 'sem_seg', 'metafile.yml'), encoding='utf-8') as f:
        sem_seg = yaml.safe_load(f)
    assert sem_seg['Collections'][-1] == {
        'Name': 'DLA (sem_seg)', 'README': 'sem_seg/README.md',
        'Paper': {'Title': 'Deep Layer Aggregation', 'URL': 'https://arxiv.org/abs/1707.06484'}}
    assert [m['Name'] for m in sem_seg['Models'] if m['In Collection'] == 'DLA (sem_seg)'] == [
        'dla34_512x1024_80k_sem_seg_bdd100k', 'dla34_sem_seg_bdd100k_sample']


def test_model_index_imports_every_task(repo_root):
    with open(osp.join(repo_root, 'model-index.yml'), encoding='utf-8') as f:
        assert yaml.safe_load(f) == {'Import': [spec.metafile for spec in TASKS.values()]}


def test_the_hub_resolves_every_published_model_to_its_weights(repo_root):
    entries = load_model_index(osp.join(repo_root, 'model-index.yml'))
    assert len(entries) == 318
    assert len([entry for entry in entries if entry.weights]) == 260
    for entry in entries:
        assert entry.weights is None or entry.weights.endswith(f'/{entry.name}.pth')
        assert entry.config.startswith(f'{entry.task}/configs/') or entry.task == 'mots'


def test_a_config_built_here_is_found_but_has_no_weights_to_download(repo_root):
    index = osp.join(repo_root, 'model-index.yml')
    entry = find_model('dla34_drivable_bdd100k_sample.py', index)
    assert (entry.task, entry.weights) == ('drivable', None)
    with pytest.raises(ModelNotFoundError, match='model dla34_drivable_bdd100k_sample has no '
                                                 'Weights in the model index'):
        resolve_source('dla34_drivable_bdd100k_sample', index)


def _mim_search() -> dict:
    """``mim search bdd100k_zoo`` parsed: model name -> {field: value}."""
    mim = osp.join(osp.dirname(sys.executable), 'mim')
    out = subprocess.run([mim, 'search', 'bdd100k_zoo'], capture_output=True, text=True,
                         check=True).stdout
    models, current = {}, None
    for line in out.splitlines():
        line = re.sub(r'\x1b\[[0-9;]*m', '', line)
        if line.startswith('config id: '):
            current = models.setdefault(line[len('config id: '):].strip(), {})
        elif current is not None and line.strip() and not line.startswith('---'):
            key, _, value = line.partition(' ')
            current[key] = value.strip()
    return models


def test_mim_search_lists_every_model_with_its_metrics_and_paper_title(repo_root):
    models = _mim_search()
    expected, titles = {}, {}
    for spec in TASKS.values():
        task = load_task(repo_root, spec)
        titles.update({model.name: model.paper.title for model in task.models})
        with open(osp.join(repo_root, spec.metafile), encoding='utf-8') as f:
            for entry in yaml.safe_load(f)['Models']:
                expected[entry['Name']] = entry.get('Results', [{'Metrics': {}}])[0]['Metrics']
    assert set(models) == set(expected) == set(titles)
    for name, metrics in expected.items():
        for metric, value in metrics.items():
            key = 'bdd100k/' + '_'.join(metric.lower().split())
            assert float(models[name][key]) == pytest.approx(value), (name, key)
        shown = models[name]['paper']  # long titles are cut to the 80-column display
        assert titles[name].startswith(shown[:-3] if shown.endswith('...') else shown), name
        assert len(shown) >= min(len(titles[name]), 40), name
        assert 'weight' in models[name] or not metrics, name
    assert models['faster_rcnn_r50_fpn_1x_det_bdd100k']['lr_schd'] == '1x'
    assert models['resnet18_timeofday_tag_bdd100k_sample']['paper'] == \
        'Deep Residual Learning for Image Recognition'
    assert 'weight' not in models['resnet18_timeofday_tag_bdd100k_sample']


@pytest.fixture
def copy_of_repo(tmp_path, repo_root):
    """The task READMEs and generated files of the repository, copied into tmp_path."""
    root = tmp_path / 'repo'
    for spec in TASKS.values():
        (root / spec.name).mkdir(parents=True)
        shutil.copy(osp.join(repo_root, spec.readme), root / spec.readme)
        shutil.copy(osp.join(repo_root, spec.metafile), root / spec.metafile)
    shutil.copy(osp.join(repo_root, 'model-index.yml'), root / 'model-index.yml')
    return root


def test_a_readme_edit_makes_the_index_stale_until_regenerated(copy_of_repo, capsys):
    readme = copy_of_repo / 'pose' / 'README.md'
    readme.write_text(readme.read_text(encoding='utf-8').replace('| 48.83 |', '| 48.90 |'),
                      encoding='utf-8')
    assert stale_files(str(copy_of_repo)) == ['pose/metafile.yml']
    assert main(['zoo-index', '--check', '--root', str(copy_of_repo)]) == 1
    assert 'pose/metafile.yml is out of date' in capsys.readouterr().err
    assert write_index(str(copy_of_repo)) == ['pose/metafile.yml']
    assert write_index(str(copy_of_repo)) == []
    assert '48.9' in (copy_of_repo / 'pose' / 'metafile.yml').read_text(encoding='utf-8')


def test_a_broken_readme_is_refused_with_its_lines(copy_of_repo, capsys):
    readme = copy_of_repo / 'pan_seg' / 'README.md'
    text = readme.read_text(encoding='utf-8').replace('| 21.52 |', '| 21.5x |')
    readme.write_text(text, encoding='utf-8')
    line = next(n for n, l in enumerate(text.splitlines(), 1) if '| 21.5x |' in l)
    with pytest.raises(ZooIndexError, match=rf"pan_seg/README.md:{line}: 'PQ-val' is not a "):
        generate(str(copy_of_repo))
    before = (copy_of_repo / 'pan_seg' / 'metafile.yml').read_text(encoding='utf-8')
    assert main(['zoo-index', '--root', str(copy_of_repo)]) == 1
    assert (copy_of_repo / 'pan_seg' / 'metafile.yml').read_text(encoding='utf-8') == before
    assert f'pan_seg/README.md:{line}:' in capsys.readouterr().err


def test_duplicate_model_names_are_refused(copy_of_repo):
    readme = copy_of_repo / 'det' / 'README.md'
    text = readme.read_text(encoding='utf-8')
    row = next(l for l in text.splitlines() if 'faster_rcnn_r50_fpn_1x_det_bdd100k.json' in l)
    first = next(n for n, l in enumerate(text.splitlines(), 1) if l == row)
    readme.write_text(text.replace(row, f'{row}\n{row}'), encoding='utf-8')
    with pytest.raises(ZooIndexError, match=f'README.md:{first + 1}: model name '
                                            f'faster_rcnn_r50_fpn_1x_det_bdd100k is already used '
                                            f'at det/README.md:{first}'):
        generate(str(copy_of_repo))

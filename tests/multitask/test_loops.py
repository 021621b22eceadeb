"""The multitask loops refuse configs that do not have their shape, before building anything."""
import pytest

from bdd100k_zoo.multitask import (BDD100KMultiTaskTestLoop, BDD100KMultiTaskValLoop,
                                   BDD100KRoundRobinTrainLoop)


@pytest.mark.parametrize('dataloader, message', [
    (dict(batch_size=2, dataset=dict(type='BDD100KDetDataset')), r'needs train_dataloader = '
     r'dict\(tasks='),
    (dict(tasks=dict(det=dict()), batch_size=2), r"not \['batch_size'\]"),
    (dict(tasks=dict(det=dict()), ratio=dict(det=1, sem_seg=1)),
     r"ratio names \['sem_seg'\], which have no dataloader"),
])
def test_the_train_loop_refuses_a_dataloader_config_without_tasks_or_with_a_bad_ratio(
        dataloader, message):
    with pytest.raises(ValueError, match=message):
        BDD100KRoundRobinTrainLoop(None, dataloader, max_iters=4)


@pytest.mark.parametrize('loop', [BDD100KMultiTaskValLoop, BDD100KMultiTaskTestLoop])
def test_the_eval_loops_need_a_dataloader_and_an_evaluator_for_the_same_tasks(loop):
    with pytest.raises(ValueError, match=rf"a multitask {loop.stage}_dataloader and "
                                         rf"{loop.stage}_evaluator are dicts task -> config with "
                                         r"the same tasks, got \['det', 'sem_seg'\] and \['det'\]"):
        loop(None, dict(det=dict(), sem_seg=dict()), dict(det=dict(type='BDD100KDetMetric')))

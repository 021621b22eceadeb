"""Runtime of the sample's tracking configs: ``track_visualizer.py`` counting iterations (a checkpoint
every 250) with a fixed seed."""
_base_ = './track_visualizer.py'

default_hooks = dict(checkpoint=dict(by_epoch=False, interval=250))
log_processor = dict(by_epoch=False)
randomness = dict(seed=0)

"""Runtime of the video configs: ``track.py`` with logging every 50 iterations and mmdet's track
visualizer (its hook draws nothing unless asked)."""
_base_ = './track.py'

default_hooks = dict(
    logger=dict(type='LoggerHook', interval=50),
    visualization=dict(type='TrackVisualizationHook', draw=False))
visualizer = dict(
    type='TrackLocalVisualizer', vis_backends=[dict(type='LocalVisBackend')], name='visualizer')

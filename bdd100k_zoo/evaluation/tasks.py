"""The task names (a light module: importing it loads no evaluation library)."""

#: Every task the zoo evaluates.
TASKS = ('det', 'ins_seg', 'sem_seg', 'drivable', 'pan_seg', 'pose', 'tagging', 'box_track',
         'seg_track', 'lane_mark')
#: Tasks ``bdd100k-zoo eval`` scores beside the official ones (no official BDD100K config).
EXTRA_TASKS = ('anomaly',)

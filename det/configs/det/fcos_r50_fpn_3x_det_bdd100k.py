"""FCOS R-50-FPN (caffe-style ResNet, GN head), 3x schedule, multi-scale training, 8 GPUs x 4
images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_fcos_r50_caffe_fpn_det.py',
          '../../../configs/_base_/recipes/det_fcos_3x.py']

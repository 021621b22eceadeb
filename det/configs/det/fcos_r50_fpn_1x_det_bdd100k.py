"""FCOS R-50-FPN (caffe-style ResNet, GN head), 1x schedule, 8 GPUs x 4 images.
"""
_base_ = ['../../../configs/_base_/models/bdd100k_fcos_r50_caffe_fpn_det.py',
          '../../../configs/_base_/recipes/det_fcos_1x.py']

"""The QDTrack of ``bdd100k_qdtrack_frcnn_r50_fpn.py`` sized for a CPU (the generated sample): Faster
R-CNN with a half-width ResNet-18 (32 base channels) and a 64-channel FPN, anchors half the published
size, a 2-conv embedding head of 64-d embeddings, no ImageNet initialisation (BN trained from
scratch), at most 500 RPN proposals and 256 sampled RoIs in training."""
_base_ = './bdd100k_qdtrack_frcnn_r50_fpn.py'
channels = 64

model = dict(
    detector=dict(
        backbone=dict(depth=18, base_channels=32, frozen_stages=-1, norm_eval=False,
                      init_cfg=None, norm_cfg=dict(type='BN', requires_grad=True)),
        neck=dict(in_channels=[32, 64, 128, 256], out_channels=channels),
        rpn_head=dict(in_channels=channels, feat_channels=channels,
                      anchor_generator=dict(scales=[4])),
        roi_head=dict(
            bbox_roi_extractor=dict(out_channels=channels),
            bbox_head=dict(in_channels=channels, fc_out_channels=256)),
        train_cfg=dict(rpn_proposal=dict(nms_pre=1000, max_per_img=500),
                       rcnn=dict(sampler=dict(num=256)))),
    track_head=dict(
        roi_extractor=dict(out_channels=channels),
        embed_head=dict(in_channels=channels, conv_out_channels=channels, num_convs=2,
                        fc_out_channels=256, embed_channels=channels)))

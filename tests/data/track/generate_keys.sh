#!/bin/bash
# prints "<key> <shape>" lines (shape "[]" = 0-d tensor) for the mmdet 2.x R-50 FPN parts
bn() { for s in weight bias running_mean running_var; do echo "$1.$s [$2]"; done; echo "$1.num_batches_tracked []"; }
backbone() { P=$1
  echo "$P.conv1.weight [64,3,7,7]"; bn $P.bn1 64
  inpl=64; li=1
  for spec in "64 3" "128 4" "256 6" "512 3"; do set -- $spec; pl=$1; nb=$2
    for ((b=0;b<nb;b++)); do B=$P.layer$li.$b
      if ((b==0)); then cin=$inpl; else cin=$((pl*4)); fi
      echo "$B.conv1.weight [$pl,$cin,1,1]"; bn $B.bn1 $pl
      echo "$B.conv2.weight [$pl,$pl,3,3]"; bn $B.bn2 $pl
      echo "$B.conv3.weight [$((pl*4)),$pl,1,1]"; bn $B.bn3 $((pl*4))
      if ((b==0)); then echo "$B.downsample.0.weight [$((pl*4)),$cin,1,1]"; bn $B.downsample.1 $((pl*4)); fi
    done; inpl=$((pl*4)); li=$((li+1))
  done; }
neck() { P=$1; i=0; for c in 256 512 1024 2048; do echo "$P.lateral_convs.$i.conv.weight [256,$c,1,1]"; echo "$P.lateral_convs.$i.conv.bias [256]"; i=$((i+1)); done
  for i in 0 1 2 3; do echo "$P.fpn_convs.$i.conv.weight [256,256,3,3]"; echo "$P.fpn_convs.$i.conv.bias [256]"; done; }
rpn() { P=$1; echo "$P.rpn_conv.weight [256,256,3,3]"; echo "$P.rpn_conv.bias [256]"; echo "$P.rpn_cls.weight [3,256,1,1]"; echo "$P.rpn_cls.bias [3]"; echo "$P.rpn_reg.weight [12,256,1,1]"; echo "$P.rpn_reg.bias [12]"; }
bbox() { P=$1; echo "$P.fc_cls.weight [9,1024]"; echo "$P.fc_cls.bias [9]"; echo "$P.fc_reg.weight [32,1024]"; echo "$P.fc_reg.bias [32]"
  echo "$P.shared_fcs.0.weight [1024,12544]"; echo "$P.shared_fcs.0.bias [1024]"; echo "$P.shared_fcs.1.weight [1024,1024]"; echo "$P.shared_fcs.1.bias [1024]"; }
mask() { P=$1; for i in 0 1 2 3; do echo "$P.convs.$i.conv.weight [256,256,3,3]"; echo "$P.convs.$i.conv.bias [256]"; done
  echo "$P.upsample.weight [256,256,2,2]"; echo "$P.upsample.bias [256]"; echo "$P.conv_logits.weight [8,256,1,1]"; echo "$P.conv_logits.bias [8]"; }
embed() { P=$1; for i in 0 1 2 3; do echo "$P.convs.$i.conv.weight [256,256,3,3]"; echo "$P.convs.$i.gn.weight [256]"; echo "$P.convs.$i.gn.bias [256]"; done
  echo "$P.fcs.0.weight [1024,12544]"; echo "$P.fcs.0.bias [1024]"; echo "$P.fc_embed.weight [256,1024]"; echo "$P.fc_embed.bias [256]"; }
refine() { P=$1; echo "$P.pos_mu [1,256,10]"; echo "$P.neg_mu [1,256,10]"
  echo "$P.conv1.conv.weight [256,259,3,3]"; echo "$P.conv1.conv.bias [256]"; echo "$P.conv2.conv.weight [256,256,1,1]"; echo "$P.conv2.conv.bias [256]"
  for i in 0 1 2; do echo "$P.convs.$i.conv.weight [256,256,3,3]"; echo "$P.convs.$i.conv.bias [256]"; done
  echo "$P.upsample.weight [256,256,2,2]"; echo "$P.upsample.bias [256]"; echo "$P.conv_logits.weight [1,256,1,1]"; echo "$P.conv_logits.bias [1]"; }
case $1 in
  qdtrack2021) backbone backbone; neck neck; rpn rpn_head; bbox roi_head.bbox_head; embed roi_head.track_head;;
  qdtrack2022) backbone detector.backbone; neck detector.neck; rpn detector.rpn_head; bbox detector.roi_head.bbox_head; embed track_head.track_head;;
  pcan) for i in 0 1 2 3 4; do echo "mu$i [1,256,30]"; done; backbone backbone; neck neck; rpn rpn_head; bbox roi_head.bbox_head; mask roi_head.mask_head; embed roi_head.track_head; refine roi_head.refine_head;;
esac

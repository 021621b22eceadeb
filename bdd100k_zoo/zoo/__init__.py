"""The zoo itself: where configs live, the model index (task READMEs -> metafiles), contributions."""

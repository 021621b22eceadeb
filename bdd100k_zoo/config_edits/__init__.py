"""Config edits: a change that several configs of one family apply to different parents, written
once as a function that a config calls on its ``_base_`` (the parents' resolved settings).

mmengine's inheritance merges a child's dicts into its parent's, but a change that depends on the
parent (insert a step into its pipeline, give its head one more class, add a task to a multitask
model) would otherwise be spelled out again in every config that makes it. A config imports the
edit after its ``_base_`` line (mmengine reads a config as a lazy-import config when an import of
a non-builtin module comes first) and assigns what the edit returns; mmengine drops the imported
function from the resolved settings, so a config that calls an edit resolves to exactly the dicts
it would have written out by hand. Edits take and return plain dicts and import nothing but the
standard library: parsing a config loads no OpenMMLab library. An edit may remove from ``_base_``
what it uses up (a multitask task piece, a helper that a base holds as data), as configs do with
``_base_.pop``, so that the resolved settings do not hold it.
"""

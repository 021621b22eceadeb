"""The error raised for bad BDD100K label or prediction input."""


class LabelError(ValueError):
    """Bad label/prediction input; the message names the file, frame and field at fault."""

"""Writing the zoo's outputs: official prediction formats, scores files, visuals; always atomically."""

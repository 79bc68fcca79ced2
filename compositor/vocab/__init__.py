"""The project file's vocabulary, at the bottom of the package graph: strict base models, line marks (YAML with
the line of every value), turning validation errors into FILE:LINE issues, the safe-id rule and the keys every
layer shares. Overlays, brand, audio, captions, tracking and the engines import it; it imports none of them
(only `compositor.errors` and `compositor.animate`'s names)."""

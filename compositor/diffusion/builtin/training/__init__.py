"""Training and evaluation of the built-in model: the procedural dataset lives beside the model (its
vocabulary builds the tokenizer), everything here is needed only to make or judge the shipped weights, never at
render time. `python -m compositor.diffusion.builtin.training.train --help`."""

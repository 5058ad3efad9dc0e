"""Every training job: the job runner (``runner``: lock, spawn under limits, status, stop, a
lost job), the trainer (``trainer``: a model and a recipe in, a trained model out) and the
checkpoint store (``store``: the zoo's networks and the students' designs, one save and one
load). The recipes and the pictures' preprocessing are in ``visualizer.train``."""

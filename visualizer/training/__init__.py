"""Every training job: the job runner (``runner``: lock, spawn under limits, status, stop, a
lost job) and the trainer (``trainer``: a model and a recipe in, a trained model out). The
recipes, the pictures' preprocessing and the zoo's checkpoints are in ``visualizer.train``; a
trained design's checkpoint in ``visualizer.kept``."""

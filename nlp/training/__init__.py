"""Training and measuring a model: labelled data, folds, training, evaluation, the CLI."""

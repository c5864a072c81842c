"""The load harness (issue #20): ``python -m tests.load``."""

"""Benchmarks: scripts that print tables of ratios and timings. Never run by the tests."""

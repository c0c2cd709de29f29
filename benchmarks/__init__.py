"""Benchmarks: each prints its graph size and ratios against a baseline measured in the same run."""

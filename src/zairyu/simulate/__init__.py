"""Synthetic caseloads calibrated to published statistics, reforms and policy comparisons."""

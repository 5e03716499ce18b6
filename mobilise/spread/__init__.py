"""Diffusion of innovations: adoption curves, forecasts and funnel plots (numpy/scipy, no Django)."""

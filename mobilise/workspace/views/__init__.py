"""Workspace views, one module per part of the workspace."""

"""A tiny package that keeps every gate green."""

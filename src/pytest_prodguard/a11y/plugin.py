"""The a11y part's pytest plugin, registered as ``prodguard.a11y``."""

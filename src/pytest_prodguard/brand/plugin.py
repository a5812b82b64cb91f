"""The brand part's pytest plugin, registered as ``prodguard.brand``."""

"""The gates part's pytest plugin, registered as ``prodguard.gates``."""

"""The budgets part's pytest plugin, registered as ``prodguard.budgets``."""

"""The budgets part of prodguard (in development)."""

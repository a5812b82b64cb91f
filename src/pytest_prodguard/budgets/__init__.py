"""The budgets part of prodguard: performance budgets of tests (see docs/budgets.md)."""

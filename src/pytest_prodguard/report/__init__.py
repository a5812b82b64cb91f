"""Reporters: they read the run's ledger at session end and never decide pass or fail."""

"""The brand part of prodguard (in development)."""

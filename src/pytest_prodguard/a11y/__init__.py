"""The a11y part of prodguard (in development)."""

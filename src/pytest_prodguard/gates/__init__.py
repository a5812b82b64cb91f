"""The gates part of prodguard (in development)."""

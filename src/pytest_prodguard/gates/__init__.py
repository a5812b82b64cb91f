"""The gates part of prodguard: lint, format and type checkers as collected test items (see docs/gates.md)."""

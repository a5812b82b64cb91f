"""The brand part of prodguard: design tokens in, off-brand colours and fonts out (see docs/brand.md)."""

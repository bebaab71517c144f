"""kit: print-ready workshop kits for territorial cooperation."""

__version__ = "0.1.0"

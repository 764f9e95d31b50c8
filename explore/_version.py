"""The package version (also in pyproject.toml): recorded in every built corpus's manifest."""

__version__ = "0.1.0"

"""The domain of nianbao: editions, the report, checks, files and documents. Free of Qt."""

# The one place the version is written: pyproject.toml reads it (setuptools' attr:), and so do the
# Windows version resource (packaging/version_resource.py), `nianbao --version` and 关于年报.
__version__ = "0.1.0"

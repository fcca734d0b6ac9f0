"""The production stack's tests: a package, so that its conftest.py (the one stack every module shares)
does not take the name `conftest` from tests/conftest.py, whose browser fixtures these tests import."""

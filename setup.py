"""Build: the kit's packages plus the repository's data/ and notebooks/, which pyproject.toml maps in."""

from setuptools import find_namespace_packages, setup

# Package → top-level folder, as in pyproject.toml's [tool.setuptools.package-dir]. That table cannot add
# packages to an automatic search, hence this file. Listing every sub-folder keeps setuptools from warning
# that it would skip them (they hold data, not modules).
BUNDLED = {"kit._data": "data", "kit._notebooks": "notebooks"}

packages = find_namespace_packages(include=["kit", "kit.*"], exclude=["*.__pycache__"])
for package, folder in BUNDLED.items():
    packages += [package, *(f"{package}.{sub}" for sub in find_namespace_packages(where=folder))]

setup(packages=packages)

# spamver.c for one CPython version only (no limited API): the wheel is
# tagged cpXY-cpXY for the Python that builds it (tests/integration/wheels.sh).
from setuptools import Extension, setup

setup(
    name="spamver",
    version="1.0",
    description="symcc test: a CPython extension for one Python version",
    long_description="A module of the full C API, built with symcc.",
    long_description_content_type="text/plain",
    ext_modules=[Extension("spamver", ["spamver.c"])],
)

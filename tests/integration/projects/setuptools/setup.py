# tests/integration/src/spam.c as a C extension and spamxx.cc as a C++ one,
# for the stable ABI (abi3, Python >= 3.9; the sources set Py_LIMITED_API),
# so the wheel built with a new Python imports in bullseye's Python 3.9.
from setuptools import Extension, setup

setup(
    name="spam",
    version="1.0",
    description="symcc test: a C and a C++ abi3 extension",
    long_description="spam.c and spamxx.cc, built through symcc (twine check --strict wants this).",
    long_description_content_type="text/plain",
    ext_modules=[
        Extension(
            "spam",
            ["spam.c"],
            py_limited_api=True,
        ),
        Extension("spamxx", ["spamxx.cc"], language="c++", py_limited_api=True),
    ],
    options={"bdist_wheel": {"py_limited_api": "cp39"}},
)

from setuptools import find_packages, setup

setup(
    name="budget-vert",
    version="1.0.3",
    description="Green budget tagging of the State's expenditure lines",
    author="Budget directorate data lab",
    author_email="datalab@example.gouv.fr",
    license='BSD-3-Clause',
    packages=find_packages(),
)

"""The national data set: every English upper-tier council, national indicators and ten
years of quarterly values, generated reproducibly to run the portal at national scale.

A tool run from the repository (scripts/benchmark.py, scripts/loadtest.py, the tests), not
part of the portal: not shipped in the package, and its app (the
`generate_national_dataset` command) is installed only with SCRUTINY_LOADTEST=true."""

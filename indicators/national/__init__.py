"""The national data set: every English upper-tier council, national indicators and ten
years of quarterly values, generated reproducibly to run the portal at national scale."""

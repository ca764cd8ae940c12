"""The comparisons engine: records.py (what each source is), load.py (reading them, no
rating), engine.py (rating and direction per value, by the rules)."""

from .engine import Comparison, ComparisonFinder, Comparisons, comparisons_for

__all__ = ["Comparison", "ComparisonFinder", "Comparisons", "comparisons_for"]

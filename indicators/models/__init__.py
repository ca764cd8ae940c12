from .authority import Authority, SubArea
from .benchmark import BenchmarkValue
from .choices import ComparisonKind
from .commentary import Commentary
from .comparator import ComparatorGroup
from .data_version import DataVersion
from .exception_report import ChosenException, ExceptionReport
from .indicator import Indicator, KeyQuestion, Theme, Tolerance
from .period import Period
from .published import PublishedComparison
from .role import HistoryUpload, Role, SignOff
from .scheme import RatingScheme
from .spc import SpcRecalculation
from .target import Target
from .value import Value

__all__ = [
    "Authority",
    "BenchmarkValue",
    "ChosenException",
    "Commentary",
    "ComparatorGroup",
    "ComparisonKind",
    "DataVersion",
    "ExceptionReport",
    "HistoryUpload",
    "Indicator",
    "KeyQuestion",
    "Period",
    "PublishedComparison",
    "RatingScheme",
    "Role",
    "SignOff",
    "SpcRecalculation",
    "SubArea",
    "Target",
    "Theme",
    "Tolerance",
    "Value",
]

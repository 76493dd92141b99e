"""The audit suites, each a list of frames (see expectations.frames)."""

from expectations.frames import Frame
from expectations.suites.marts import FRAMES as MARTS
from expectations.suites.money_and_stores import FRAMES as MONEY_AND_STORES
from expectations.suites.status_exclusions import FRAMES as STATUS_EXCLUSIONS
from expectations.suites.threshold_tables import FRAMES as THRESHOLD_TABLES

ALL_FRAMES: tuple[Frame, ...] = (
    *STATUS_EXCLUSIONS,
    *THRESHOLD_TABLES,
    *MARTS,
    *MONEY_AND_STORES,
)

__all__ = ["ALL_FRAMES", "MARTS", "MONEY_AND_STORES", "STATUS_EXCLUSIONS", "THRESHOLD_TABLES"]

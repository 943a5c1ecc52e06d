"""Exception types raised by the core; algorithms translate them to QgsProcessingException.

Every error names what the analyst has to look at: the file, the column, the row (as a
spreadsheet row number, header = row 1) or the organisation code.
"""

from __future__ import annotations


class DsptError(ValueError):
    """Base class of every error the core raises on bad input."""


class EmptyInputError(DsptError):
    """The input holds no organisation rows (header only, blank rows only, no file)."""


class MissingColumnError(DsptError):
    """A required column cannot be found, or a column named explicitly does not exist."""


class UnknownStatusError(DsptError):
    """Status values that are neither a canonical status nor a known variant."""


class DuplicateCodeError(DsptError):
    """The same organisation code appears with conflicting resolved statuses."""


class SuccessorCycleError(DsptError):
    """Successor codes form a loop (A -> B -> A), so no successor status exists."""


class PopulationError(DsptError):
    """Populations or weights that are missing, non-numeric, negative or sum to zero."""


class ScoringError(DsptError):
    """A status has no score in the scoring scheme, or the scheme itself is unusable."""


class AmbiguousColumnError(MissingColumnError):
    """Two input columns share a name, and that name is one the method needs."""

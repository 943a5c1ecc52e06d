"""Exception types raised by the core; algorithms translate them to QgsProcessingException.

Every error names what the analyst has to look at: the file or layer, the field, the row
(``file export.csv row 12``, header = row 1) or feature (``layer Trusts feature 11``), or
the organisation code. None names a parameter key or a column the tool made itself.
"""

from __future__ import annotations


class DsptError(ValueError):
    """Base class of every error the core raises on bad input."""


class EmptyInputError(DsptError):
    """The input holds no organisation rows (header only, blank rows only, no file)."""


class InputFormatError(DsptError):
    """A file that is not a table the tool can read (encoding, separators, binary)."""


class MissingColumnError(DsptError):
    """A required column cannot be found, or a column named explicitly does not exist."""


class AmbiguousColumnError(MissingColumnError):
    """Two input columns share a name, and that name is one the method needs."""


class UnknownStatusError(DsptError):
    """Status values that are neither a canonical status nor a known variant."""


class EditionError(DsptError):
    """An edition that is not ``YY/YY``, or a table whose statuses mix editions."""


class GeographyError(DsptError):
    """Per-ICS inputs computed on different ICS layers (another code field, other codes)."""


class DuplicateCodeError(DsptError):
    """The same organisation code appears with conflicting resolved statuses."""


class SuccessorCycleError(DsptError):
    """Successor codes form a loop (A -> B -> A), so no successor status exists."""


class PopulationError(DsptError):
    """Populations or weights that are missing, non-numeric, negative or sum to zero."""


class ScoringError(DsptError):
    """A status has no score in the scoring scheme, or the scheme itself is unusable."""


class InputMismatchError(DsptError):
    """A result given back with the inputs it was computed from (a composite with its
    commissioners and trusts) that does not come from them: another edition, another ICS
    field, other organisations or another method."""


class InternalError(RuntimeError):
    """A result the method cannot produce from valid input: a bug, reported as one.

    Not a :class:`DsptError`: nothing the analyst changes in the input explains it.
    """

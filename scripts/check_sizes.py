"""``make lint``'s size rule: every function of the plugin's own folders under 61 lines and
every module under 401, so each reads on a screen or two and says one thing.

A function is measured from its ``def`` (decorators aside) to its last line; a module by
its lines. Folders: the shell, the core, the presentation, the algorithms and the pipeline.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FOLDERS = ("dspt_qgis", "core", "presentation", "processing_algs", "pipeline")
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400


def too_long(path: Path) -> list[str]:
    """What in ``path`` is over the limits, as ``path:line: ...`` lines."""
    text = path.read_text(encoding="utf-8")
    where = path.relative_to(REPO)
    found = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{where}:1: module of {lines} lines (at most {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(
                    f"{where}:{node.lineno}: function {node.name} of {length} lines "
                    f"(at most {MAX_FUNCTION_LINES})"
                )
    return found


def main() -> int:
    found = [
        problem
        for folder in FOLDERS
        for path in sorted((REPO / folder).rglob("*.py"))
        if "__pycache__" not in path.parts
        for problem in too_long(path)
    ]
    print("\n".join(found))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

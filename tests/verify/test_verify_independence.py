"""teller.verify shares no code with the counter: it imports only the standard library and
itself. Checked by reading every module's imports with ``ast`` (also dynamic ones)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import teller.verify

PACKAGE = Path(teller.verify.__file__).resolve().parent
STDLIB = frozenset(sys.stdlib_module_names)


def forbidden_imports(source: str) -> list[str]:
    """Imports in ``source`` that are neither standard library nor teller.verify."""
    bad = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: stays inside the package
                continue
            modules = [node.module or ""]
        elif isinstance(node, ast.Call) and _dynamic_import(node):
            bad.append(ast.unparse(node))
            continue
        else:
            continue
        for name in modules:
            top = name.split(".")[0]
            inside = name == "teller.verify" or name.startswith("teller.verify.")
            if (not inside and top not in STDLIB) or top == "importlib":
                bad.append(name)
    return bad


def _dynamic_import(node: ast.Call) -> bool:
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    return name in ("__import__", "import_module")


def test_the_scanner_catches_what_it_must() -> None:
    source = (
        "import json\nfrom fractions import Fraction\nfrom teller.verify.model import Record\n"
        "from . import numbers\nfrom teller.arithmetic import Arithmetic\nimport teller\n"
        "import numpy as np\nimport importlib\n__import__('teller.record')\n"
    )
    assert forbidden_imports(source) == [
        "teller.arithmetic",
        "teller",
        "numpy",
        "importlib",
        "__import__('teller.record')",
    ]


def test_verify_imports_only_the_standard_library_and_itself() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) >= 10
    found = {
        str(path.relative_to(PACKAGE)): forbidden_imports(path.read_text(encoding="utf-8"))
        for path in modules
    }
    assert {k: v for k, v in found.items() if v} == {}

"""A package's names looked up in its modules on first use (PEP 562), so importing the package, or one
of its light modules, does not import its heavy ones: the search side names an Article without every
reader, and a reindex names Hit without numpy."""

from __future__ import annotations

import importlib
from typing import Callable


def lazy_names(package: str, homes: dict[str, tuple[str, ...]]) -> tuple[list[str], Callable, Callable]:
    """(__all__, __getattr__, __dir__) for package, whose names live in the modules homes maps to them."""
    home = {name: module for module, names in homes.items() for name in names}
    namespace = vars(importlib.import_module(package))

    def __getattr__(name: str):
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home[name]}"), name)
        namespace[name] = value  # looked up once
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(home))

    return sorted(home), __getattr__, __dir__

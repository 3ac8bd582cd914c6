"""Frozen dataclass instances made without their generated ``__init__``.

A frozen dataclass's ``__init__`` sets every field through ``object.__setattr__``
(one call per field, to get past its own ``__setattr__``); the linker makes a few
dozen :class:`~kg.model.Entity`, :class:`~kg.model.Relation` and
:class:`~kg.model.Evidence` objects per article, and that setting was about a tenth
of its work. :func:`record` fills the instance's ``__dict__`` at once instead: the
object is the same (equal, same hash and repr, still frozen).

>>> from kg.model import Evidence
>>> record(Evidence, article_id="a", start=0, end=2, sentence="甲乙") == Evidence("a", 0, 2, "甲乙")
True

Sentences, actors and clause groups are NamedTuples, made with :data:`new_tuple` for
the same reason.
"""

from __future__ import annotations

from typing import Any, TypeVar

__all__ = ["record", "new_tuple"]

T = TypeVar("T")

_new = object.__new__

#: ``new_tuple(Cls, (a, b, c))`` is ``Cls(a, b, c)`` for a NamedTuple ``Cls`` given every field,
#: without the NamedTuple's own ``__new__`` (a Python function: a frame per tuple).
new_tuple = tuple.__new__


def record(cls: type[T], **fields: Any) -> T:
    """An instance of the frozen dataclass ``cls`` with ``fields``, which must name every field.

    Only for plain frozen dataclasses (no ``__post_init__``, no slots), such as those of
    :mod:`kg.model`; ``tests/link/test_records.py`` checks the linker's output against
    instances made by ``__init__``.
    """
    instance = _new(cls)
    instance.__dict__.update(fields)
    return instance

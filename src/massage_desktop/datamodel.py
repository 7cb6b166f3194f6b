"""Plain frozen dataclasses that pydantic checks only when data comes in from outside.

The protocol, program and settings models are `DataModel` dataclasses: making, copying and
dumping them needs no pydantic, which costs 20 MB of resident memory once imported
(benchmarks/startup.py --breakdown). Their fields carry the constraints in `Annotated`, as
`Rule` and `OneOf`, which pydantic reads when `model_validate` builds a TypeAdapter for the
class, the first time a file or a form is checked. What was checked once can be read again
without pydantic from its dump (`dump`, then `build`: see snapshot.py). The methods keep
pydantic's names, so the code that uses the models reads as it did with pydantic models.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import types
import typing
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, Literal, Self, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")
Mode = Literal["python", "json"]


@dataclasses.dataclass(frozen=True, slots=True)
class Rule:
    """Constraints on a value's own schema, as pydantic's Field takes them: gt, ge, le,
    min_length, max_length, pattern, strip_whitespace."""

    constraints: tuple[tuple[str, Any], ...]

    def __init__(self, **constraints: Any) -> None:
        object.__setattr__(self, "constraints", tuple(constraints.items()))

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        schema = handler(source)
        schema.update(self.constraints)
        return schema


@dataclasses.dataclass(frozen=True, slots=True)
class OneOf:
    """A string that must be one of `vocabulary` (its keys): "unknown {what} 'x'" otherwise."""

    vocabulary: frozenset[str]
    what: str

    def __init__(self, vocabulary: Collection[str], what: str) -> None:
        object.__setattr__(self, "vocabulary", frozenset(vocabulary))
        object.__setattr__(self, "what", what)

    def check(self, value: str) -> str:
        """`value`, if the vocabulary has it."""
        if value not in self.vocabulary:
            raise ValueError(f"unknown {self.what} {value!r}")
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "enum": sorted(self.vocabulary)}


EXTRA = "model_extra"  # the field (init=False) of a model that keeps the keys it does not know


class DataModel:
    """Base of the models: dataclasses (frozen, slotted, keyword-only) with pydantic's methods.

    A subclass sets `__pydantic_config__` (pydantic's ConfigDict, a plain dict) as it needs; one
    that keeps the keys it does not know (extra="ignore" for pydantic) has a field `model_extra`
    (a dict, init=False) for them, which copies and dumps carry along.
    """

    __slots__ = ()

    @property
    def model_extra(self) -> dict[str, Any]:
        """The keys of the data this model does not know, kept (none by default)."""
        return {}

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """`data` checked and made into this model; raises pydantic.ValidationError."""
        made: Self = adapter(cls).validate_python(data)
        if isinstance(data, Mapping) and _keeps_extra(cls):
            names = {field.name for field in dataclasses.fields(made)}  # type: ignore[arg-type]
            object.__setattr__(made, EXTRA, {k: v for k, v in data.items() if k not in names})
        return made

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        """The JSON schema of this model."""
        schema: dict[str, Any] = adapter(cls).json_schema()
        return schema

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Self:
        """A copy with the fields in `update` changed (not checked, as pydantic's)."""
        copy: Self = dataclasses.replace(self, **(update or {}))  # type: ignore[type-var]
        if _keeps_extra(type(self)):
            object.__setattr__(copy, EXTRA, dict(self.model_extra))
        return copy

    def model_dump(
        self,
        *,
        mode: Mode = "python",
        exclude: Collection[str] = (),
        exclude_none: bool = False,
    ) -> dict[str, Any]:
        """The fields as a dict (nested models too), as pydantic's model_dump gives them."""
        out = dump(self, mode, exclude_none)
        assert isinstance(out, dict)
        return {key: value for key, value in out.items() if key not in exclude}


def _keeps_extra(cls: type[Any]) -> bool:
    return any(f.name == EXTRA and not f.init for f in dataclasses.fields(cls))


_ADAPTERS: dict[type[Any], Any] = {}


def adapter(cls: type[T]) -> TypeAdapter[T]:
    """pydantic's TypeAdapter for `cls` (imports pydantic, the first time)."""
    made: TypeAdapter[T] | None = _ADAPTERS.get(cls)
    if made is None:
        from pydantic import TypeAdapter

        made = _ADAPTERS[cls] = TypeAdapter(cls)
    return made


def dump(value: Any, mode: Mode = "python", exclude_none: bool = False) -> Any:
    """`value` with its models as dicts; in "json" mode with lists, enum values, ISO dates."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for field in dataclasses.fields(value):
            if not field.init:  # kept apart from the data (Settings' unknown keys)
                continue
            item = getattr(value, field.name)
            if not (exclude_none and item is None):
                out[field.name] = dump(item, mode, exclude_none)
        out.update(getattr(value, EXTRA, None) or {})
        return out
    if isinstance(value, tuple | list):
        items = [dump(item, mode, exclude_none) for item in value]
        return items if mode == "json" or isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        return {key: dump(item, mode, exclude_none) for key, item in value.items()}
    if mode == "json" and isinstance(value, enum.Enum):
        return value.value
    if mode == "json" and isinstance(value, datetime.date):
        return value.isoformat()
    return value


def build(cls: type[T], data: Any) -> T:
    """A `cls` from `dump(mode="json")` of one that was checked, with no checks (no pydantic)."""
    made: T = _builder(cls)(data)
    return made


_BUILDERS: dict[Any, Callable[[Any], Any]] = {}


def _builder(cls: Any) -> Callable[[Any], Any]:
    """How to make a value of type `cls` from its JSON form (worked out once per type)."""
    found = _BUILDERS.get(cls)
    if found is None:
        found = _BUILDERS[cls] = _new_builder(cls)
    return found


def _new_builder(cls: Any) -> Callable[[Any], Any]:
    origin, args = typing.get_origin(cls), typing.get_args(cls)
    if origin is typing.Annotated:
        own = next((m.build for m in cls.__metadata__ if hasattr(m, "build")), None)
        return own if own is not None else _builder(args[0])
    if origin in (typing.Union, types.UnionType):
        inner = [_builder(arg) for arg in args if arg is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"no builder for {cls}")
        return lambda data: None if data is None else inner[0](data)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _builder(args[0])
            return lambda data: tuple(item(x) for x in data)
        items = [_builder(arg) for arg in args]
        return lambda data: tuple(make(x) for make, x in zip(items, data, strict=True))
    if origin is list:
        item = _builder(args[0])
        return lambda data: [item(x) for x in data]
    if origin is dict:
        value = _builder(args[1])
        return lambda data: {key: value(x) for key, x in data.items()}
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        return _dataclass_builder(cls)
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return cls
    if cls is datetime.date:
        return datetime.date.fromisoformat
    if cls is float:
        return float
    if cls in (str, int, bool) or cls is Any:
        return lambda data: data
    raise TypeError(f"no builder for {cls}")


def _dataclass_builder(cls: type[Any]) -> Callable[[Any], Any]:
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = {f.name: _builder(hints[f.name]) for f in dataclasses.fields(cls) if f.init}

    def make(data: Mapping[str, Any]) -> Any:
        known = {name: fields[name](value) for name, value in data.items() if name in fields}
        extra = {name: value for name, value in data.items() if name not in fields}
        made = cls(**known)
        if extra and not _keeps_extra(cls):
            raise TypeError(f"{cls.__name__} has no fields {sorted(extra)}")
        if extra:
            object.__setattr__(made, EXTRA, extra)
        return made

    return make

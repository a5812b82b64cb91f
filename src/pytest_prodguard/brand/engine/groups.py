"""The tokens in a tree of DTCG or Tokens Studio groups, including DTCG group inheritance (``$extends``).

A group that extends another one is read as a stack of layers: first the groups it inherits from
(the extended group's own ancestors come first), then the group itself. A member of a later layer
replaces a member of the same name from an earlier layer. Subgroups of the same name are merged
the same way, layer by layer. This is the format's deep merge.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .values import TokenError

_CURLY_RE = re.compile(r"\{([^{}]+)\}")
_EXPECT_GROUP = 'expected a reference to a group, such as "{color.base}" or "#/color/base"'


def json_pointer(parts: Iterable[str]) -> str:
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def is_legacy_token(node: Mapping[str, Any]) -> bool:
    if "value" not in node:
        return False
    value = node["value"]
    if not isinstance(value, dict):
        return True
    # A legacy composite value (typography, border...) sits next to its type; a group would not.
    return "type" in node or not any(isinstance(v, dict) for v in value.values())


def is_set_token(node: Mapping[str, Any]) -> bool:
    """Adobe Spectrum's ``sets``: one token whose value depends on the theme or scale (``light``, ``desktop``)."""
    sets = node.get("sets")
    return (
        "value" not in node
        and "$value" not in node
        and isinstance(sets, dict)
        and bool(sets)
        and all(isinstance(v, dict) and ({"value", "$value", "sets"} & v.keys()) for v in sets.values())
    )


def schema_type(node: Mapping[str, Any]) -> str | None:
    """The type a Spectrum token names through its ``$schema`` (``.../token-types/color-set.json``)."""
    schema = node.get("$schema")
    if not isinstance(schema, str) or "/token-types/" not in schema:
        return None
    kind = schema.rsplit("/", 1)[-1].removesuffix(".json").removesuffix("-set")
    return None if kind in {"alias", "set"} else kind


def is_theme_only_token(node: Mapping[str, Any]) -> bool:
    """A typed token with no ``$value`` of its own, only per-theme values (IBM Carbon's ``carbon.themes``)."""
    extensions = node.get("$extensions")
    return (
        "$value" not in node
        and "$type" in node
        and isinstance(extensions, dict)
        and any(
            str(k).rsplit(".", 1)[-1].lower() in {"themes", "modes"} and isinstance(v, dict)
            for k, v in extensions.items()
        )
    )


def _is_group(node: Any) -> bool:
    return (
        isinstance(node, dict)
        and "$value" not in node
        and not is_legacy_token(node)
        and not is_set_token(node)
        and not is_theme_only_token(node)
    )


def _group_type(node: Mapping[str, Any], outer: Any) -> Any:
    """The type a group gives its tokens: its ``$type`` (legacy Tokens Studio: ``type``), else ``outer``."""
    kind = node.get("$type", outer)
    if isinstance(node.get("type"), str) and "$type" not in node and not is_legacy_token(node):
        kind = node["type"]
    return kind


@dataclass(frozen=True)
class Leaf:
    """A token found in the tree: its path (its name), the JSON path where it is written, value and type."""

    path: tuple[str, ...]
    where: tuple[str, ...]
    value: Any
    type: Any
    node: Mapping[str, Any]
    themes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Layer:
    node: dict[str, Any]
    where: tuple[str, ...]
    type: Any  # the type the group gives its tokens where it is written: its own, else its ancestors'
    # The groups whose reading led here. A group that comes round again is an inheritance cycle: an
    # $extends that names itself, a group containing it, or a group that extends it back.
    chain: tuple[tuple[str, ...], ...]


class Tree:
    """One tree of groups: a DTCG file, or one Tokens Studio token set (``where`` is then the set name)."""

    def __init__(self, source: str, root: dict[str, Any], where: tuple[str, ...], document: Any) -> None:
        self.source = source
        self.root = root
        self.where = where
        self.document = document

    def leaves(self) -> Iterator[Leaf]:
        yield from self._group(self._layers(self.root, self.where, None, (self.where,)), (), None)

    def _group(self, layers: list[_Layer], path: tuple[str, ...], merged_type: Any) -> Iterator[Leaf]:
        merged_type = next((layer.type for layer in reversed(layers) if layer.type is not None), merged_type)
        members: dict[str, tuple[_Layer, Any] | list[_Layer]] = {}
        for layer in layers:
            for key, child in layer.node.items():
                if key.startswith("$") and key != "$root":
                    continue
                if _is_group(child):
                    # Subgroups of one name merge across layers; anything else replaces what came before.
                    where = (*layer.where, key)
                    child_layers = self._layers(child, where, layer.type, (*layer.chain, where))
                    earlier = members.get(key)
                    members[key] = [*earlier, *child_layers] if isinstance(earlier, list) else child_layers
                elif isinstance(child, dict | str | int | float | list) and not isinstance(child, bool):
                    members[key] = (layer, child)
        for key, member in members.items():
            member_path = path if key == "$root" else (*path, key)
            if isinstance(member, list):
                yield from self._group(member, member_path, merged_type)
                continue
            layer, child = member
            where = (*layer.where, key)
            # A token's type comes from where it is written, so inheriting never retypes a token; one
            # left untyped there takes the type of the other groups in the merge, the extending one first.
            outer = merged_type if layer.type is None else layer.type
            if isinstance(child, dict) and is_set_token(child):
                yield from _set_leaves(member_path, where, child, outer, frozenset())
            elif isinstance(child, dict) and is_theme_only_token(child):
                yield Leaf(member_path, where, None, child.get("$type", outer), child)
            elif isinstance(child, dict) and "$value" in child:
                yield Leaf(member_path, where, child["$value"], child.get("$type", outer), child)
                nested = {k: v for k, v in child.items() if not k.startswith("$") and isinstance(v, dict)}
                if nested:
                    # A token that is also a group (IBM Carbon: background, background.hover): read both.
                    chain = (*layer.chain, where)
                    yield from self._group([_Layer(nested, where, child.get("$type", outer), chain)], member_path, None)
            elif isinstance(child, dict):
                kind = child.get("type", outer if outer is not None else schema_type(child))
                yield Leaf(member_path, where, child["value"], kind, child)
            else:
                # A bare leaf (Style Dictionary "nested" output): the intent, a value, is clear.
                yield Leaf(member_path, where, child, outer, {})

    def _layers(
        self, node: dict[str, Any], where: tuple[str, ...], outer: Any, chain: tuple[tuple[str, ...], ...]
    ) -> list[_Layer]:
        own = _Layer(node, where, _group_type(node, outer), chain)
        if "$extends" not in node:
            return [own]
        target_where, target, target_outer = self._target(node["$extends"], where)
        if target_where in chain:
            cycle = " -> ".join(self._name(w) for w in (*chain[chain.index(target_where) :], target_where))
            raise TokenError(
                f"{self.source}: {json_pointer((*where, '$extends'))}: $extends cycle {cycle}; "
                "expected a group that neither contains nor extends this one"
            )
        return [*self._layers(target, target_where, target_outer, (*chain, target_where)), own]

    def _target(self, ref: Any, where: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, Any], Any]:
        """The group ``ref`` names, where it is written, and the type its ancestors give it."""
        at = f"{self.source}: {json_pointer((*where, '$extends'))}"
        if isinstance(ref, dict) and set(ref) == {"$ref"}:
            ref = ref["$ref"]
        curly = _CURLY_RE.fullmatch(ref.strip()) if isinstance(ref, str) else None
        if curly:
            parts = tuple(p.strip() for p in curly.group(1).split("."))
            node, base = self.root, self.where
        elif isinstance(ref, str) and ref.startswith("#/"):
            parts = tuple(p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/"))
            node, base = self.document, ()
        else:
            raise TokenError(f"{at}: {_EXPECT_GROUP}, got {json.dumps(ref)[:60]}")
        outer: Any = None
        for part in parts:
            if not _is_group(node) or part not in node or (part.startswith("$") and part != "$root"):
                raise TokenError(f"{at}: {ref} names no group in this file; {_EXPECT_GROUP}")
            outer = _group_type(node, outer)
            node = node[part]
        if not _is_group(node):
            raise TokenError(f"{at}: {ref} names a token, not a group; {_EXPECT_GROUP}")
        return (*base, *parts), node, outer

    def _name(self, where: tuple[str, ...]) -> str:
        inside = where[len(self.where) :] if where[: len(self.where)] == self.where else where
        return ".".join(inside)


def _set_leaves(
    path: tuple[str, ...], where: tuple[str, ...], node: Mapping[str, Any], outer: Any, themes: frozenset[str]
) -> Iterator[Leaf]:
    """One leaf per set, tagged with the set names that lead to it (sets may nest: a theme, then a scale)."""
    kind = node.get("type", outer if outer is not None else schema_type(node))
    for name, member in node["sets"].items():
        tags, at = themes | {str(name)}, (*where, "sets", str(name))
        if is_set_token(member):
            yield from _set_leaves(path, at, member, kind, tags)
        else:
            value = member.get("$value", member.get("value"))
            member_kind = member.get("$type", member.get("type", schema_type(member) or kind))
            # Spectrum marks deprecation on the set token, not on each of its values.
            yield Leaf(path, at, value, member_kind, {**node, **member}, tags)

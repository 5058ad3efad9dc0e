"""A design in a link (``design=1.…``) and in a small JSON file, read back with every value
checked: a bad, hostile or outdated value is a ``DesignError``."""

from __future__ import annotations

import base64
import binascii
import json
import zlib

from visualizer.design.errors import DesignError, brief
from visualizer.design.schema import MAX_JSON, MAX_LINK, VERSION, Design, parse


def to_json(design: Design) -> str:
    return json.dumps(design.to_data(), indent=1, ensure_ascii=False) + "\n"


def from_json(raw: bytes | str) -> Design:
    """A design from a JSON file's bytes: checked like a link (size, encoding, every value)."""
    if len(raw) > MAX_JSON:
        raise DesignError("too_big", high=MAX_JSON)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise DesignError("not_json") from None
    return parse(data)


def encode(design: Design) -> str:
    """The design as a link value: ``1.`` and base64url (no padding) of zlib'd compact JSON."""
    data = design.to_data()
    del data["format"], data["version"]
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    packed = base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode()
    return f"{VERSION}.{packed}"


def decode(value: str) -> Design:
    """A design from a link value; a bad, hostile or outdated value raises DesignError."""
    if len(value) > MAX_LINK:
        raise DesignError("link_long", high=MAX_LINK)
    version, _, packed = value.partition(".")
    if not (version.isascii() and version.isdigit() and len(version) < 4):
        raise DesignError("link")
    if int(version) != VERSION:
        raise DesignError("version", value=brief(version), ours=VERSION)
    try:
        raw = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
        unpacker = zlib.decompressobj()
        text = unpacker.decompress(raw, MAX_JSON)
        if unpacker.unconsumed_tail:
            raise DesignError("too_big", high=MAX_JSON)
        data = json.loads(text)
    except (binascii.Error, zlib.error, ValueError, RecursionError) as err:
        if isinstance(err, DesignError):
            raise
        raise DesignError("link") from None
    if isinstance(data, dict):
        data["version"] = VERSION
    return parse(data)


"""The one escaping of untrusted text (input files, file names, rule data) for people: terminals, CI logs,
Markdown, XML. Characters that act instead of showing, or that show something other than the text, are spelled
``\\uXXXX`` (``\\UXXXXXXXX`` beyond U+FFFF) so that a reviewer sees them: control characters (C0, DEL, C1), every
invisible format character (Unicode category Cf: bidirectional overrides, isolates and marks, with which a "Trojan
Source" name reads backwards; zero-width characters; tag characters that smuggle hidden ASCII), line and paragraph
separators, and the lone surrogates ``os.fsdecode`` makes of undecodable bytes in file names (``b"\\xff"`` shows
as ``\\udcff``)."""

from __future__ import annotations

import re
from typing import Any

_UNSAFE = (r"\x00-\x09\x0b-\x1f\x7f-\x9f"  # C0 (newline apart), DEL, C1
           r"\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"  # format characters (Cf) ...
           r"\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"  # ... bidi, zero-width
           r"\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
           r"\U000e0001\U000e0020-\U000e007f"  # ... tag characters
           r"\u2028\u2029"  # line and paragraph separators: a line break to many viewers
           r"\ud800-\udfff")  # lone surrogates: undecodable bytes of a file name, not valid UTF-8
_ONE_LINE = re.compile(f"[{_UNSAFE}\\n]")
_KEEP_LINES = re.compile(f"[{_UNSAFE}]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _spelled(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def clean(text: object, *, lines: bool = False) -> str:
    """``text`` safe to show a person: one line (a newline is spelled ``\\u000a`` too, so an error line stays
    one line and no second line can pose as a CI workflow command), or, with ``lines``, keeping its newlines."""
    return (_KEEP_LINES if lines else _ONE_LINE).sub(_spelled, str(text))


def quoted(value: object) -> str:
    """A value named in a message: text in single quotes, escaped as ``clean`` does (``'cn-\\u001b[31m'``, where
    ``repr`` would write ``\\x1b``: one spelling everywhere); a number or other value as Python writes it."""
    return f"'{clean(value)}'" if isinstance(value, str) else repr(value)


def encodable(value: Any) -> Any:
    """Structured data (JSON) as it is, except that lone surrogates are spelled ``\\udcXX`` as ``clean`` does:
    a file name with undecodable bytes then still has a UTF-8 spelling."""
    if isinstance(value, str):
        return _SURROGATE.sub(_spelled, value)
    if isinstance(value, dict):
        return {encodable(key): encodable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [encodable(item) for item in value]
    return value

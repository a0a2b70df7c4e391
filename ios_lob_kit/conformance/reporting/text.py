"""Text every XML or HTML report can hold: characters XML 1.0 forbids become visible `\\uXXXX` escapes.

Fuzzed data carries NUL and other control characters; written as they are, they make junit.xml unparsable.
"""

from __future__ import annotations

import re

# Everything but tab, newline, carriage return and XML 1.0's allowed ranges; C1 controls (discouraged) too.
_UNSAFE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """`text` with each character XML 1.0 forbids (or discourages) written as `\\uXXXX`."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

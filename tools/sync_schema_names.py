"""Write the names an inventory may use for vocabulary ids into schemas/site.schema.json: the ids, then the Chinese
names (vidcheck/names.py), so that editors accept and complete `kind: 更衣室` as vidcheck does.

    python tools/sync_schema_names.py          # rewrite the enums in schemas/site.schema.json
    python tools/sync_schema_names.py --check  # exit 1 if they are not what this writes
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's vidcheck, never an installed copy that may be older

from generated import write_or_check  # noqa: E402  (tools/ is on the path when run as a script)

from vidcheck.names import accepted  # noqa: E402

SCHEMA = ROOT / "schemas" / "site.schema.json"


def synced(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with each vocabulary enum set to what an inventory may write."""
    props = schema["properties"]
    site = props["site"]["properties"]
    site["categories"]["items"]["enum"] = accepted("category")
    site["operator"]["properties"]["kind"]["enum"] = accepted("operator")
    props["zones"]["items"]["properties"]["kind"]["enum"] = accepted("zone")
    return schema


def render() -> str:
    return json.dumps(synced(json.loads(SCHEMA.read_text(encoding="utf-8"))), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    return write_or_check(SCHEMA, render(), argv, "python tools/sync_schema_names.py")


if __name__ == "__main__":
    sys.exit(main(sys.argv))

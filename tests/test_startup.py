"""Start-up cost: `vidcheck --help` and `--version` load no heavy library and no finding model (the CLI and
clihelp import them when a command runs or a line is said)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("rich", "jsonschema", "ruamel", "dateutil", "vidcheck.model", "vidcheck.messages", "vidcheck.api")


def loaded_after(code: str) -> set[str]:
    shown = "import sys; print('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", f"{code}\n{shown}"], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_importing_the_cli_loads_no_heavy_module():
    loaded_after("import vidcheck.cli")  # a first run may fill the word cache (its writer loads more): not measured
    loaded = loaded_after("import vidcheck.cli")
    assert {"vidcheck.cli.audit", "vidcheck.cli.reference", "vidcheck.cli.authoring"} <= loaded
    assert sorted(name for name in loaded if name.split(".")[0] in HEAVY or name in HEAVY) == []


def test_version_answers_before_typer_is_imported():
    # entry leaves through os._exit: the modules are listed there, as the process ends
    code = ("import os, sys\nleave = os._exit\n"
            "def listed(code):\n    print('\\n'.join(sys.modules), flush=True)\n    leave(code)\n"
            "os._exit = listed\nsys.argv = ['vidcheck', '--version']\nfrom vidcheck.entry import main\nmain()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert done.stdout.startswith("vidcheck ") and "vidcheck.entry" in loaded
    assert "typer" not in loaded and "vidcheck.cli" not in loaded

"""The CI integrations as shipped: the GitHub Action's audit step run as GitHub runs it, and the pre-commit hooks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO
from ruamel.yaml import YAML
from test_formats import sarif_errors

from vidcheck.cli import app

ACTION = YAML(typ="safe").load((REPO / "action.yml").read_text(encoding="utf-8"))


def audit_step() -> dict:
    return next(step for step in ACTION["runs"]["steps"] if step.get("id") == "audit")


def run_audit_step(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    for name, value in audit_step()["env"].items():
        key = value.removeprefix("${{ inputs.").removesuffix(" }}")
        env[name] = inputs.get(key.replace("-", "_"), ACTION["inputs"][key].get("default", ""))
    # GitHub runs `shell: bash` steps as `bash --noprofile --norc -eo pipefail {0}`
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", audit_step()["run"]],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    return result, output, summary


def test_action_audit_step_keeps_the_exit_code_and_writes_every_report(tmp_path: Path):
    (tmp_path / "sites").mkdir()
    shutil.copy(REPO / "examples" / "cn-qingdao-hotel-bad.yaml", tmp_path / "sites" / "hotel.yaml")
    result, output, summary = run_audit_step(tmp_path, files="sites/**/*.yaml", as_of="2026-11-01")
    assert result.returncode == 0, result.stderr  # the step itself succeeds; the last step exits with the code
    assert output.read_text(encoding="utf-8").strip() == "exit-code=1"
    assert "::error file=sites/hotel.yaml,line=" in result.stdout
    assert sarif_errors(json.loads((tmp_path / "vidcheck.sarif").read_text(encoding="utf-8"))) == []
    assert summary.read_text(encoding="utf-8").startswith("## vidcheck: ❌ failed")
    clean, output, _ = run_audit_step(tmp_path, files="sites", as_of="2026-11-01", fail_on="never")
    assert clean.returncode == 0 and output.read_text(encoding="utf-8").strip().endswith("exit-code=0")


def test_action_keeps_the_real_exit_code_in_its_last_step():
    last = ACTION["runs"]["steps"][-1]
    assert last["env"]["VIDCHECK_EXIT"] == "${{ steps.audit.outputs.exit-code }}" and "exit" in last["run"]
    upload = next(step for step in ACTION["runs"]["steps"] if "upload-sarif" in step.get("uses", ""))
    assert upload["if"].startswith("always()")


def test_pre_commit_hooks_call_existing_commands():
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    commands = {command.name or command.callback.__name__ for command in app.registered_commands if command.callback}
    assert {hook["id"] for hook in hooks} == {"vidcheck-audit", "vidcheck-validate"}
    for hook in hooks:
        program, command, *_ = hook["entry"].split()
        assert program == "vidcheck" and command in commands and hook["language"] == "python"


def test_action_step_keeps_the_configured_reports_and_audits_plans_as_built(tmp_path: Path):
    """The action's -f flags add to .vidcheck.yaml's file formats (issue 14 item 10); as-of: planned (item 7)."""
    (tmp_path / "sites").mkdir()
    plan = (REPO / "examples" / "cn-national-shopping-center-plan.yaml").read_text(encoding="utf-8")
    planned = "  - {id: P-006, zone: fitting-rooms, installed_on: 2026-12-10}\n"
    (tmp_path / "sites" / "plan.yaml").write_text(plan + planned, encoding="utf-8")
    (tmp_path / ".vidcheck.yaml").write_text("format: [text, junit=vidcheck.xml]\n", encoding="utf-8")
    result, output, _ = run_audit_step(tmp_path, files="sites", as_of="planned")
    assert "exit-code=1" in output.read_text(encoding="utf-8"), result.stderr
    assert (tmp_path / "vidcheck.xml").is_file() and (tmp_path / "vidcheck.sarif").is_file()
    assert "privacy.forbidden-zone" in result.stdout and "title=vidcheck%3A gate::audit date: planned" in result.stdout

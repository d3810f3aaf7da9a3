"""Effective settings, and where each comes from: flags > VIDCHECK_* environment > .vidcheck.yaml > defaults.

The configuration file is found by walking up from the working directory (or named by --config or
VIDCHECK_CONFIG); paths written in it are relative to it. One setting adds instead of replacing: ``--format`` keeps
the formats that VIDCHECK_FORMAT or the file write to files (NAME=PATH) and adds its own, so that a CI step's
``-f github`` never drops the SARIF file a project configured; what goes to standard output is the flag's to say.
Every layer is validated against ``schemas/config.schema.json``, so a typo in any of them is an error, never a
silently ignored setting.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InvalidDocument, UsageError
from .escape import quoted
from .i18n import default_lang
from .messages import Text
from .model import InputError
from .outputs import Target, config_path_problem
from .resources import validator
from .schemaerrors import load_checked, value_errors
from .yamlsource import Document

CONFIG_NAME = ".vidcheck.yaml"
NAMES = ("jurisdiction", "fail-on", "format", "waivers", "baseline", "rules-dir", "lang", "as-of", "only-failing")
LISTS = {"format": ",", "rules-dir": os.pathsep}  # how a list is written in an environment variable
BOOLEANS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}  # in the environment
PATHS = ("waivers", "baseline", "rules-dir")
WRITTEN = ("format", "baseline")  # settings naming files vidcheck writes: kept inside the configuration's folder


def env_name(name: str) -> str:
    return "VIDCHECK_" + name.upper().replace("-", "_")


@dataclass(frozen=True)
class Output:
    format: str
    path: str | None  # None: standard output
    label: str | Text = field(default="", compare=False)  # how messages name the destination
    within: str | None = field(default=None, compare=False)  # the folder a path from a configuration stays in

    @property
    def target(self) -> Target | None:
        return None if self.path is None else Target(self.path, self.label or self.path, self.within)


@dataclass(frozen=True)
class Settings:
    values: Mapping[str, Any]  # by NAMES; lists as tuples
    sources: Mapping[str, str]  # by NAMES: where each value comes from
    config: str | None  # the configuration file read, if any
    # with --format: the file outputs (NAME=PATH) of the layer beneath it, still written, and where they were set
    kept_formats: tuple[str, ...] = ()
    kept_source: str = ""

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def blame(self, name: str, error: UsageError) -> UsageError:
        """The error, prefixed with where the setting it concerns was made (file:line:col, flag or variable)."""
        if self.sources[name].startswith("default"):
            return error
        return UsageError(Text.error("at", where=self._where(name), message=error.message))

    def origin(self, name: str) -> str:
        """How a message names the setting where it was made: --format, VIDCHECK_FORMAT, file:line:col: format."""
        return f"{self._where(name)}: {name}" if self.within(name) else self._where(name)

    def within(self, name: str) -> str | None:
        """The folder of the configuration file, when the setting comes from it (its output paths stay inside)."""
        if self.config is None or not self.sources[name].startswith(f"{self.config}:"):
            return None
        return os.path.dirname(self.config) or os.curdir

    def _where(self, name: str) -> str:
        return self.sources[name].removeprefix("flag ").removeprefix("environment ")

    def target(self, name: str) -> Target | None:
        """The file a path setting names, as an output target (the baseline that `vidcheck baseline` writes)."""
        value = self[name]
        return Target(value, f"{self.origin(name)} {value}", self.within(name)) if value else None

    def outputs(self, files: list[str] | None) -> tuple[Output, ...]:
        """The formats paired with their destinations (see ``outputs``), each labelled with where it was asked."""
        given = outputs(self["format"], files, origin=self.origin("format"), within=self.within("format"))
        if not self.kept_formats:
            return given
        where = self.kept_source.removeprefix("environment ")
        within = (os.path.dirname(self.config) or os.curdir) if self.config and where.startswith(
            f"{self.config}:") else None
        kept = outputs(self.kept_formats, None, origin=f"{where}: format" if within else where, within=within)
        seen = {(o.format, os.path.normpath(o.path)) for o in given if o.path is not None}
        return (*(o for o in kept if (o.format, os.path.normpath(o.path or "")) not in seen), *given)

    @property
    def rules_dirs(self) -> tuple[str, ...]:
        """The rules folders; ``rules-dir: rules`` (one string, as the configuration schema allows) is one."""
        value = self.values["rules-dir"]
        return (value,) if isinstance(value, str) else tuple(value)


def find_config(start: Path) -> Path | None:
    """The nearest .vidcheck.yaml in ``start`` or one of its parents."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def resolve(flags: Mapping[str, Any], environ: Mapping[str, str], cwd: Path, config: str | None = None) -> Settings:
    """Merge the layers. Raise UsageError for a bad flag or variable, InvalidDocument for a bad file."""
    values: dict[str, Any] = dict.fromkeys(NAMES)
    sources: dict[str, str] = dict.fromkeys(NAMES, "default")

    def layer(given: Mapping[str, Any], source: Any) -> None:
        for name, value in given.items():
            if value is not None:
                values[name] = tuple(value) if isinstance(value, (list, tuple)) else value
                sources[name] = source(name)

    defaults, why = _defaults(environ)
    layer(defaults, lambda name: "default" + why.get(name, ""))
    config_path = config or environ.get("VIDCHECK_CONFIG") or find_config(cwd)
    if config_path is not None:
        document = load_checked(str(config_path), "config", Text.error("shape.config"), empty_ok=True)
        _check_written_paths(document)
        base = Path(os.path.relpath(Path(config_path).parent, cwd))
        data = {name: _relative(name, value, base) for name, value in document.data.items()
                if not name.startswith("x-")}
        layer(data, lambda name: _where(document.path, *document.position(f"/{name}", key=True)))
    layer(_checked(_from_environment(environ), env_name), lambda name: f"environment {env_name(name)}")
    beneath, beneath_source = values["format"], sources["format"]
    layer(_checked(flags, _flag_name), lambda name: f"flag {_flag_name(name)}")
    kept: tuple[str, ...] = ()
    if flags.get("format") is not None and not beneath_source.startswith("default"):
        kept = tuple(spec for spec in (beneath if isinstance(beneath, tuple) else (beneath,)) if "=" in spec)
    return Settings(values, sources, str(config_path) if config_path is not None else None, kept,
                    beneath_source if kept else "")


def _defaults(environ: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The defaults, and why a default is what it is where that depends on the environment."""
    on_github = environ.get("GITHUB_ACTIONS") == "true"
    why = {"lang": " (locale)", **({"format": " (GITHUB_ACTIONS=true)"} if on_github else {})}
    return ({"fail-on": "error", "format": ["github" if on_github else "text"], "rules-dir": [],
             "lang": default_lang(environ)}, why)


def _from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in NAMES:
        raw = environ.get(env_name(name))
        if raw:
            found[name] = ([part for part in raw.split(LISTS[name]) if part] if name in LISTS
                           else BOOLEANS.get(raw.lower(), raw) if name == "only-failing" else raw)
    return found


def _checked(given: Mapping[str, Any], shown: Any) -> Mapping[str, Any]:
    present = {name: list(v) if isinstance(v, tuple) else v for name, v in given.items() if v is not None}
    for pointer, message in value_errors(present, validator("config")):
        name = pointer.split("/")[1] if pointer else next(iter(present), "")
        raise UsageError(Text.error("at", where=shown(name), message=message))
    return present


def _check_written_paths(document: Document) -> None:
    """Output paths from a configuration file stay inside its folder and out of .git, or it is an error at
    their line: a pull request's configuration must not write a git hook or over a file elsewhere."""
    errors = []
    for name in WRITTEN:
        value = document.data.get(name)  # valid by now: a string, or a list of them
        items = {f"/{name}/{i}": item for i, item in enumerate(value)} if isinstance(value, list) else \
            {f"/{name}": value} if value is not None else {}
        for pointer, item in items.items():
            path = item.partition("=")[2] if name == "format" else item
            problem = config_path_problem(path) if path else None  # "json=" is standard output
            if problem is not None:
                line, column = document.position(pointer)
                errors.append(InputError(document.path, line, column,
                                         Text.error("config-path", name=name, path=quoted(path), problem=problem),
                                         pointer))
    if errors:
        raise InvalidDocument(tuple(errors))


def _flag_name(name: str) -> str:
    return f"--{name}"


def _where(path: str, line: int, column: int) -> str:
    return f"{path}:{line}:{column}"


def _relative(name: str, value: Any, base: Path) -> Any:
    """Paths in the configuration file are relative to the file (``base``, itself relative to the working
    directory, so that reports name files as the repository does)."""
    if name in PATHS:
        return [str(base / v) for v in value] if isinstance(value, list) else str(base / value)
    if name == "format":
        specs = value if isinstance(value, list) else [value]
        return [_relative_output(spec, base) for spec in specs]
    return value


def _relative_output(spec: str, base: Path) -> str:
    name, _, path = spec.partition("=")
    return f"{name}={base / path}" if path else spec


def outputs(formats: tuple[str, ...] | str, files: list[str] | None, *, origin: str = "--format",
            within: str | None = None) -> tuple[Output, ...]:
    """Pair formats with destinations: NAME=PATH names its own; each -o FILE goes, in order, to the last formats
    that have none; what is left goes to standard output, which only one format may take. ``origin`` and
    ``within``: where the formats were set, and the folder their paths must stay in (see Settings.within)."""
    specs = [formats] if isinstance(formats, str) else list(formats)
    parsed = [Output(name, path or None, f"{origin} {spec}", within)
              for spec, (name, _, path) in ((spec, spec.partition("=")) for spec in specs)]
    pending = [index for index, output in enumerate(parsed) if output.path is None]
    files = list(files or ())
    if len(files) > len(pending):
        raise UsageError.of("outputs.too-many-files", files=len(files), formats=len(pending))
    for index, path in zip(pending[len(pending) - len(files):], files, strict=True):
        parsed[index] = Output(parsed[index].format, path, Target.option(path).label)
    to_stdout = [output.format for output in parsed if output.path is None]
    if len(to_stdout) > 1:
        raise UsageError.of("outputs.stdout", formats=", ".join(to_stdout))
    return tuple(parsed)

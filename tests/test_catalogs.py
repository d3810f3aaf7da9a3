"""The message catalogs: one per language, the same keys and the same {fields} in each, no empty words."""

from __future__ import annotations

import string

import pytest

from vidcheck.i18n import LANGS, catalog

_EMPTY_ON_PURPOSE = {("labels", "any")}  # a party "any": no word is shown


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_catalog_has_the_same_sections_and_keys() -> None:
    zh, en = (catalog(lang) for lang in LANGS)
    assert list(zh) == list(en)
    for section in en:
        assert set(zh[section]) == set(en[section]), section


@pytest.mark.parametrize("section", list(catalog("en")))
def test_translations_keep_their_fields_and_are_not_empty(section: str) -> None:
    for key, english in catalog("en")[section].items():
        chinese = catalog("zh")[section][key]
        assert _fields(chinese) == _fields(english), f"{section}.{key}"
        if (section, key) not in _EMPTY_ON_PURPOSE:
            assert chinese.strip() and english.strip(), f"{section}.{key}"

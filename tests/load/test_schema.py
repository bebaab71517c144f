"""The JSON Schema shipped for editors matches the format the validator reads."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from kit.api import new_deck
from kit.load.yamlsrc import load_yaml, plain
from kit.model.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED = ROOT / "layouts" / "deck.schema.json"


def schema_validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_shipped_schema_file_equals_json_schema():
    expected = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    assert SHIPPED.read_text(encoding="utf-8") == expected, (
        "layouts/deck.schema.json is stale: regenerate it with `kit schema`"
    )


@pytest.mark.parametrize("deck_id", ["cooperation", "faire-ensemble"])
def test_default_decks_match_the_schema(deck_id):
    # the kit keeps every scalar as the text written, and the schema accepts that
    data = plain(load_yaml((ROOT / "decks" / deck_id / "deck.yaml").read_bytes(), deck_id))
    errors = [e.message for e in schema_validator().iter_errors(data)]
    assert errors == []


def test_a_generated_territory_deck_matches_the_schema(tmp_path):
    new_deck("mon-territoire", "cooperation", tmp_path)
    path = tmp_path / "decks" / "mon-territoire" / "deck.yaml"
    data = plain(load_yaml(path.read_bytes(), "deck.yaml"))
    assert list(schema_validator().iter_errors(data)) == []


def test_schema_rejects_what_the_validator_rejects():
    validator = schema_validator()
    base = {"kit": "1", "id": "cas", "title": "Cas", "language": "fr"}
    assert validator.is_valid(base)
    assert not validator.is_valid({**base, "titel": "x"})
    assert not validator.is_valid({**base, "id": "Mon Deck"})
    assert not validator.is_valid({**base, "language": "de"})
    assert not validator.is_valid({k: v for k, v in base.items() if k != "title"})
    assert validator.is_valid({"kit": "1", "id": "cas", "extends": "cooperation"})
    pillar = {"id": "p", "title": "P", "text": "T", "landmark": "volcan"}
    assert not validator.is_valid({**base, "pillars": [pillar]})
    site = {"id": "s", "title": "S", "text": "T", "url": "www.exemple.org"}
    assert not validator.is_valid({**base, "sites": [site]})

"""kit diff and kit watch, on a territory deck that extends the cooperation deck."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from kit.api import BuildOptions, build_deck, diff_decks
from kit.cli import main
from kit.load.deck import load_deck
from kit.watch import affected_by_deck, affected_by_layouts, watch

TERRITORY = """\
kit: 1
id: mon-territoire
extends: cooperation
title: Carte de la coopération — Mon territoire
territory:
  name: Mon territoire
beacons:
  - id: ma-balise
    title: Ma nouvelle balise
    questions:
      - Comment faire ici ?
currents:
  - id: effet-d-aubaine
    avoid: Notre façon de l’éviter, ici.
remove: [services-qui-ne-se-croisent-pas]
"""


def territory(tmp_path: Path) -> Path:
    folder = tmp_path / "decks" / "mon-territoire"
    folder.mkdir(parents=True)
    (folder / "deck.yaml").write_text(TERRITORY, encoding="utf-8")
    return folder / "deck.yaml"


def test_diff_names_added_changed_and_removed_entities(tmp_path):
    path = territory(tmp_path)
    result = diff_decks("cooperation", str(path), tmp_path)
    assert result["added"] == [{"kind": "beacons", "id": "ma-balise"}]
    assert result["changed"] == [{"kind": "currents", "id": "effet-d-aubaine",
                                  "fields": ["avoid"]}]
    assert result["removed"] == [{"kind": "currents", "id": "services-qui-ne-se-croisent-pas"}]
    assert result["deck_fields"] == ["title", "territory"]


def test_diff_of_a_deck_with_itself_is_empty():
    result = diff_decks("cooperation", "cooperation")
    assert not (result["added"] or result["changed"] or result["removed"]
                or result["deck_fields"])


def test_diff_command_text_and_json(tmp_path, monkeypatch):
    territory(tmp_path)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    out = runner.invoke(main, ["diff", "cooperation", "mon-territoire"])
    assert out.exit_code == 0, out.output
    assert "+ balise ma-balise" in out.output
    assert "~ courant effet-d-aubaine (avoid)" in out.output
    assert "- courant services-qui-ne-se-croisent-pas" in out.output
    out = runner.invoke(main, ["diff", "cooperation", "mon-territoire", "--json"])
    assert json.loads(out.output)["added"][0]["id"] == "ma-balise"


def test_a_removed_entity_appears_nowhere(tmp_path):
    path = territory(tmp_path)
    build_deck(str(path), tmp_path / "out", BuildOptions(only=("cards", "map", "site")),
               tmp_path)
    from pypdf import PdfReader

    folder = tmp_path / "out" / "mon-territoire"
    removed_title = next(c.title for c in load_deck("cooperation").currents
                         if c.id == "services-qui-ne-se-croisent-pas")
    for name in ("cards.pdf", "map.pdf"):
        text = " ".join(p.extract_text() for p in PdfReader(folder / name).pages)
        assert removed_title not in text, name
        assert "Ma nouvelle balise" in text, name
    assert removed_title not in (folder / "site" / "index.html").read_text(encoding="utf-8")


def test_what_a_change_affects():
    base = load_deck("cooperation")
    assert affected_by_deck(None, base) == {"cards", "map", "canvases"}
    assert affected_by_deck(base, base) == set()
    from dataclasses import replace

    q = base.questions[0]
    edited = replace(base, questions=(replace(q, text=q.text + " ?"), *base.questions[1:]))
    assert affected_by_deck(base, edited) == {"cards", "canvases"}
    site = base.sites[0]
    edited = replace(base, sites=(replace(site, title="Autre"), *base.sites[1:]))
    assert affected_by_deck(base, edited) == {"map", "canvases"}
    assert affected_by_deck(base, replace(base, title="Autre titre")) == {"cards", "map",
                                                                         "canvases"}
    assert affected_by_layouts([Path("layouts/cards/poker.yaml")]) == {"cards"}
    assert affected_by_layouts([Path("decks/x/deck.yaml")]) == set()


def test_watch_rebuilds_a_question_edit_and_survives_an_error(tmp_path):
    folder = tmp_path / "decks" / "cooperation"
    folder.mkdir(parents=True)
    source = (Path(__file__).resolve().parents[2] / "decks" / "cooperation" / "deck.yaml")
    text = source.read_text(encoding="utf-8")
    deck = folder / "deck.yaml"
    deck.write_text(text, encoding="utf-8")
    lines: list[str] = []
    stop = threading.Event()
    options = BuildOptions(only=("cards",))
    thread = threading.Thread(target=watch, args=("cooperation", tmp_path / "out", options,
                                                  lines.append, tmp_path, stop), daemon=True)
    thread.start()

    def wait_for(count: int, timeout: float = 30.0) -> None:
        start = time.monotonic()
        while len(lines) < count and time.monotonic() - start < timeout:
            time.sleep(0.05)
        assert len(lines) >= count, lines

    wait_for(2)  # first build, then "je surveille"
    cards = tmp_path / "out" / "cooperation" / "cards.pdf"
    first = cards.read_bytes()
    time.sleep(0.3)
    deck.write_text(text.replace("la bonne composition", "la meilleure composition"),
                    encoding="utf-8")
    wait_for(3)
    assert lines[2].startswith("reconstruit"), lines
    assert cards.read_bytes() != first
    good = cards.read_bytes()
    deck.write_text(text.replace("title: Former", "titel: Former"), encoding="utf-8")
    wait_for(5)
    assert any("titel" in line for line in lines[3:]), lines
    assert cards.read_bytes() == good  # the last good outputs stay in place
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()

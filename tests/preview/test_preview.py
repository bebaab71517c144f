"""kit preview: PNG of every page of every output, and a contact sheet."""

from __future__ import annotations

import io
import json

from click.testing import CliRunner
from PIL import Image

from kit.cli import main


def test_preview_renders_every_page_and_a_contact_sheet(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["preview", "faire-ensemble", "--out", str(tmp_path),
                                  "--dpi", "20"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "faire-ensemble" / "apercu"
    pngs = sorted(p.name for p in folder.glob("*.png"))
    assert "contact-sheet.png" in pngs
    from pypdf import PdfReader

    pages = sum(len(PdfReader(p).pages) for p in (tmp_path / "faire-ensemble").rglob("*.pdf"))
    assert len(pngs) == pages + 1
    sheet = Image.open(folder / "contact-sheet.png")
    assert sheet.width > 1000 and sheet.height > 200
    first = Image.open(io.BytesIO((folder / "cards-001.png").read_bytes()))
    assert first.getextrema() != ((255, 255), (255, 255), (255, 255))  # not a blank page


def test_build_json_and_quiet(tmp_path):
    runner = CliRunner()
    out = runner.invoke(main, ["build", "faire-ensemble", "--only", "cards", "--out",
                               str(tmp_path), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["ok"] and data["deck"] == "faire-ensemble"
    assert any(p.endswith("cards.pdf") for p in data["written"])
    assert data["preflight"]["problems"] == []
    quiet = runner.invoke(main, ["build", "faire-ensemble", "--only", "cards", "--out",
                                 str(tmp_path), "--quiet"])
    assert quiet.exit_code == 0 and quiet.output == ""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "deck.yaml").write_text("kit: 1\nid: bad\n", encoding="utf-8")
    failed = runner.invoke(main, ["build", str(bad), "--json", "--out", str(tmp_path)])
    assert failed.exit_code == 1
    errors = json.loads(failed.output)["errors"]
    assert errors and all({"file", "line", "column", "message"} <= e.keys() for e in errors)

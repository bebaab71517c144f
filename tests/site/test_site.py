"""The web catalogue: one self-contained page, tested in a real headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from kit.api import BuildOptions, build_deck

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = build_deck("cooperation", out, BuildOptions(only=("cards", "site")))
    path = out / "cooperation" / "site" / "index.html"
    return result, path, path.read_text(encoding="utf-8")


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cards: list[dict] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure" and "card" in (a.get("class") or ""):
            self.cards.append(a)
        # anything a browser would fetch by itself: scripts, images, styles, frames
        for key in ("src", "srcset", "data"):
            if a.get(key):
                self.loads.append(a[key])
        if tag == "link" and a.get("href"):
            self.loads.append(a["href"])


def test_every_card_is_in_the_page_with_its_kind(site):
    result, _, text = site
    parser = _Collect()
    parser.feed(text)
    from kit.i18n import Messages
    from kit.products.cards import deck_cards

    cards = deck_cards(result.deck, Messages("fr"))
    assert len(parser.cards) == len(cards)
    assert [c["data-kind"] for c in parser.cards] == [c.kind for c in cards]
    assert text.count("<svg") >= len(cards) + 1  # every card, and the map


def test_nothing_is_loaded_from_the_network(site):
    _, _, text = site
    parser = _Collect()
    parser.feed(text)
    assert parser.loads, "the canvas thumbnails at least are images"
    assert all(src.startswith("data:") for src in parser.loads), parser.loads[:3]
    assert not re.search(r"url\(\s*['\"]?https?:", text)
    assert "@font-face" in text and "data:font/ttf;base64," in text


def test_downloads_link_to_the_pdfs_beside_the_site(site):
    _, path, text = site
    links = re.findall(r'href="\.\./([^"]+\.pdf)"', text)
    assert "cards.pdf" in links
    for link in links:
        if not link.startswith("canvases/"):  # canvases were not built in this test
            assert (path.parent.parent / link).is_file(), link


def _chromium(url: str, tmp_path) -> tuple[str, str]:
    proc = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path}", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=5000", "--dump-dom", url],
        capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, proc.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by .ci/run")
def test_the_page_loads_without_console_errors_and_search_filters_cards(site, tmp_path):
    result, path, _ = site
    dom, log = _chromium(path.as_uri(), tmp_path / "profile1")
    assert ":CONSOLE" not in log, [line for line in log.splitlines() if "CONSOLE" in line]
    total = len(re.findall(r'<figure class="card', dom))
    assert f'data-shown="{total}"' in dom  # everything shown before any search

    dom, log = _chromium(path.as_uri() + "?q=volcan", tmp_path / "profile2")
    assert ":CONSOLE" not in log
    shown = int(re.search(r'data-shown="(\d+)"', dom).group(1))
    hidden = len(re.findall(r'<figure class="card hidden"', dom))
    assert 0 < shown < total and shown + hidden == total
    volcano = next(p for p in result.deck.pillars if p.landmark == "volcano")
    assert volcano.title.split()[0] in dom

    dom, _ = _chromium(path.as_uri() + "?kind=current", tmp_path / "profile3")
    shown = int(re.search(r'data-shown="(\d+)"', dom).group(1))
    assert shown == len(result.deck.currents)

    dom, _ = _chromium(path.as_uri() + "?q=zzzzzz", tmp_path / "profile4")
    assert 'data-shown="0"' in dom

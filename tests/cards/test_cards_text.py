"""Text on the cards: fitting (shrink, then fail citing the deck line), the 7 pt floor, French
typography, hyphenation, bold and italic faces, embedded subset fonts."""

from __future__ import annotations

import re
from pathlib import Path

import cardcheck as K
import pytest
from click.testing import CliRunner

from kit.api import BuildOptions, build_deck
from kit.cli import main
from kit.errors import KitError
from kit.layout.geometry import TextSpan
from kit.layout.hyphenation import hyphen_points
from kit.layout.text import Style, break_lines
from kit.load.deck import load_deck
from kit.products import cards as C
from kit.render import fonts
from kit.resources import layout_files

LONG = " ".join(["Une piste qui ne finit jamais de s’allonger sur la carte"] * 40)
# line numbers matter: the expected messages cite them
OVERFLOWING = f"""\
kit: 1
id: long
title: Deck trop bavard
language: fr
territory:
  name: Quelque part
beacons:
  - id: phare
    title: Le phare
    questions:
      - Qui allume le phare ?
    tracks:
      - Une piste courte
      - {LONG}
    resources:
      - title: Le site du phare
        url: https://exemple.org/phare
currents:
  - id: vague
    title: La vague
    text: Une vague.
    avoid: {LONG}
"""
MM = r"(\d+(?:,\d)?) mm"  # one decimal when whole millimetres would read "57 … 57"
TRACK_ERROR = re.compile(
    r"decks/long/deck\.yaml:13:7: la carte à jouer Balise 1/1 « Le phare » déborde"
    rf" \(champ « tracks »\) : le texte demande {MM} de haut, {MM} disponibles même en 7 pt"
    r" : raccourcissez-le d'environ (\d+) caractères"
)
CURRENT_ERROR = re.compile(
    r"decks/long/deck\.yaml:22:12: la carte à jouer Courant dangereux 1/1 « La vague » déborde"
    rf" \(champ « avoid »\) : le texte demande {MM} de haut, {MM} disponibles même en 7 pt"
    r" : raccourcissez-le d'environ (\d+) caractères"
)


def write_deck(root: Path, deck_id: str, text: str) -> Path:
    folder = root / "decks" / deck_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.yaml").write_text(text, encoding="utf-8")
    return folder / "deck.yaml"


def failure(tmp_path: Path, deck_id: str, **options) -> list[str]:
    with pytest.raises(KitError) as info:
        build_deck(deck_id, tmp_path / "output", BuildOptions(only=("cards",), **options),
                   cwd=tmp_path)
    return [str(d) for d in info.value.diagnostics]


# -- fitting ----------------------------------------------------------------------------------


def test_an_overlong_track_and_current_fail_the_build_citing_card_field_and_line(tmp_path):
    write_deck(tmp_path, "long", OVERFLOWING)
    messages = failure(tmp_path, "long")
    assert len(messages) == 2, messages
    track, current = messages
    for pattern, message in ((TRACK_ERROR, track), (CURRENT_ERROR, current)):
        match = pattern.fullmatch(message)
        assert match, f"unexpected message:\n{message}"
        needed, available, cut = (float(g.replace(",", ".")) for g in match.groups())
        assert needed > available > 0 and cut > 0
    assert not (tmp_path / "output").exists(), "a failed build must write nothing"


def test_the_same_failure_through_the_command_line(tmp_path, monkeypatch):
    write_deck(tmp_path, "long", OVERFLOWING)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "long", "--only", "cards", "--out", "out"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert any(TRACK_ERROR.fullmatch(line) for line in lines), result.stderr
    assert any(CURRENT_ERROR.fullmatch(line) for line in lines), result.stderr
    assert not (tmp_path / "out").exists()


def test_a_word_wider_than_the_card_blames_the_field_it_is_in(tmp_path):
    word = "0123456789" * 7  # digits: no hyphenation point anywhere
    write_deck(tmp_path, "mot", f"""\
kit: 1
id: mot
title: Deck au mot trop long
language: fr
beacons:
  - id: phare
    title: Le phare
    questions:
      - Qui allume le phare ?
    tracks:
      - Une piste courte
      - "{word}"
""")
    messages = failure(tmp_path, "mot")
    assert messages == [
        f"decks/mot/deck.yaml:11:7: la carte à jouer Balise 1/1 « Le phare » déborde"
        f" (champ « tracks ») : le mot « {word} » est plus large que la carte, même coupé"
    ]


def current_deck(tmp_path: Path, sentences: int) -> object:
    sentence = "Les vagues emportent les projets qui partent sans boussole ni carte."
    text = " ".join([sentence] * sentences)
    write_deck(tmp_path, "vague", f"kit: 1\nid: vague\ntitle: T\nlanguage: fr\ncurrents:\n"
                                  f"  - id: v\n    title: La vague\n    text: {text}\n"
                                  f"    avoid: {text}\n")
    return load_deck("vague", tmp_path)


def test_text_shrinks_towards_the_minimum_before_failing(tmp_path):
    ctx, cards = K.context_for(current_deck(tmp_path, 5))
    body = [b.size for b in K.text_blocks(C.front_items(ctx, cards[0])) if b.role == "body"]
    assert body and ctx.fmt.type.min <= min(body) < ctx.fmt.type.body
    ctx, cards = K.context_for(current_deck(tmp_path, 2))
    body = [b.size for b in K.text_blocks(C.front_items(ctx, cards[0])) if b.role == "body"]
    assert min(body) == ctx.fmt.type.body, "short text keeps the largest body size"
    ctx, cards = K.context_for(current_deck(tmp_path, 7))
    with pytest.raises(KitError, match=r"même en 7 pt"):
        C.front_items(ctx, cards[0])


def test_a_card_format_may_not_go_below_7_pt(tmp_path):
    from kit.load.layouts import load_card_format

    folder = tmp_path / "layouts" / "cards"
    folder.mkdir(parents=True)
    text = layout_files("cards")["poker"].read_text(encoding="utf-8")
    (folder / "tiny.yaml").write_text(re.sub(r"min: *7", "min: 6", text), encoding="utf-8")
    with pytest.raises(KitError):
        load_card_format("tiny", tmp_path)
    (folder / "tiny.yaml").write_text(re.sub(r"label: *7", "label: 6.5", text), encoding="utf-8")
    with pytest.raises(KitError):
        load_card_format("tiny", tmp_path)


# -- the 7 pt floor ------------------------------------------------------------------------------


@pytest.mark.parametrize("deck_id", K.DECKS)
@pytest.mark.parametrize("fmt", list(K.FORMATS))
def test_no_planned_text_below_7_pt(deck_id, fmt):
    ctx, cards = K.context(deck_id, fmt)
    docs = [K.sheets(deck_id, fmt), K.foldover(deck_id, fmt),
            C.plan_calibration(ctx, C.SheetOptions())]
    pctx, pcards = K.context(deck_id, fmt, 3.0)
    docs.append(C.plan_one_up(pctx, pcards))
    sizes = []
    for doc in docs:
        for page in doc.pages:
            sizes += [b.size for b in K.text_blocks(page.items)]
        for form in doc.forms:
            sizes += [b.size for b in K.text_blocks(form.items)]
    assert sizes and min(sizes) >= 7


def test_no_text_below_7_pt_in_the_pdfs(build):
    built = build("cooperation", calibration=True)
    for name, data in built.cards.items():
        r = K.reader(data)
        sizes = K.tf_sizes(r)
        assert sizes and min(sizes) >= 7, name
        # a Tf size is the printed size only if nothing scales the text: check every matrix
        streams = [p.get_contents().get_data() for p in r.pages]
        streams += [f.get_data() for f in K.form_xobjects(r).values()]
        for stream in streams:
            assert_unscaled_text(name, stream)


MATRIX = re.compile(rb"(BT )?([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) [-\d.]+ [-\d.]+ (cm|Tm)")


def assert_unscaled_text(name: str, stream: bytes) -> None:
    """Text matrices map points to the page's millimetres (scale 25.4/72) and the only scaling
    cm is the page's mm → pt one: then a Tf operand is the printed size in points."""
    for m in MATRIX.finditer(stream):
        a, b, c, d = (float(v) for v in m.groups()[1:5])
        scale = abs(a * d - b * c) ** 0.5
        if m.group(6) == b"Tm":
            if m.group(1) and (a, b, c, d) == (1, 0, 0, 1):
                # reportlab opens every text object with an identity Tm; ours must follow
                rest = stream[m.end():]
                show = re.search(rb"\) Tj|\] TJ", rest)
                assert show and re.search(rb" Tm\b", rest[: show.start()]), (name, m.group(0))
                continue
            assert abs(scale - K.PT) < 1e-4, (name, m.group(0))
        else:
            assert min(abs(scale - 1), abs(scale - K.MM_TO_PT)) < 1e-4, (name, m.group(0))


# -- French typography ------------------------------------------------------------------------


def all_lines(deck_id: str, fmt: str = "poker") -> list[str]:
    ctx, cards = K.context(deck_id, fmt)
    return [K.line_text(line) for card in cards
            for b in K.text_blocks(C.front_items(ctx, card)) for line in b.lines]


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_french_spacing_in_the_planned_text(deck_id):
    lines = all_lines(deck_id)
    text = "\n".join(lines)
    assert "'" not in text, "straight apostrophe on a card"
    assert text.count("’") > 20
    # a space before ; : ! ? » and after « is a non-breaking one…
    assert not re.search(r"[ \u202f\u2009][;:!?»]", text), re.search(r".{20}[ ][;:!?»]", text)
    assert not re.search(r"«[ \u202f\u2009]", text)
    assert len(re.findall(r"\u00a0[;:!?»]", text)) > 20
    # …so no line starts with the punctuation or ends with an opening guillemet
    for line in lines:
        assert not re.match(r"\s*[;:!?»]", line), line
        assert not line.rstrip().endswith("«"), line


def test_french_spacing_survives_into_the_pdf_text(build):
    data = build("cooperation", calibration=True)["cards.pdf"]
    r = K.reader(data)
    text = "\n".join(p.extract_text() for p in r.pages[::2])
    assert "'" not in text
    assert "’" in text and "«" in text and "?" in text
    for line in text.splitlines():
        assert not re.match(r"\s*[;:!?»]", line), line
        assert not line.rstrip().endswith("«"), line


def test_french_text_is_hyphenated():
    fonts.ensure("body")
    style = Style("body", 9)
    text = "La coopération des participantes"
    width = fonts.measure("La coopé", "regular", "body", 9) + 0.5
    lines = break_lines([TextSpan(text)], width, style, fonts.measure, "fr")
    first = "".join(s.text for s in lines[0][0])
    assert first.endswith("-") and first.startswith("La co"), lines
    cut = len(first) - 1 - len("La ")
    assert cut in hyphen_points("coopération", "fr")
    joined = "".join("".join(s.text for s in spans).removesuffix("-") for spans, _ in lines)
    assert joined.replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("deck_id", K.DECKS)
def test_the_default_decks_use_hyphenation_on_their_cards(deck_id):
    ctx, cards = K.context(deck_id)
    source = " ".join(c.text for c in K.deck(deck_id).currents)
    words = set(re.findall(r"[^\W\d_]+", source))
    hyphenated = []
    for card in cards:
        for b in K.text_blocks(C.front_items(ctx, card)):
            for first, second in zip(b.lines, b.lines[1:], strict=False):
                head, tail = K.line_text(first), K.line_text(second)
                m1, m2 = re.search(r"(\w+)-$", head), re.match(r"(\w+)", tail)
                if m1 and m2 and m1.group(1) + m2.group(1) in words:
                    hyphenated.append(m1.group(1) + "-" + m2.group(1))
    assert hyphenated, "no word of the deck was hyphenated on its cards"


def test_bold_and_italic_markup_use_the_real_faces(tmp_path, build):
    write_deck(tmp_path, "gras", "kit: 1\nid: gras\ntitle: Deck en gras\nlanguage: fr\n"
                                 "currents:\n  - id: v\n    title: La vague\n"
                                 "    text: Un mot **appuyé** et un mot *penché* ici.\n")
    build_deck("gras", tmp_path / "out", BuildOptions(only=("cards",)), cwd=tmp_path)
    r = K.reader((tmp_path / "out" / "gras" / "cards.pdf").read_bytes())
    runs = K.text_runs(r.pages[0])
    fonts_of = {}
    for text, font, _ in runs:
        for word in ("appuyé", "penché", "Un"):
            if word in text:
                fonts_of[word] = font
    assert fonts_of["appuyé"].endswith("-Bold"), fonts_of
    assert fonts_of["penché"].endswith("-Italic"), fonts_of
    assert fonts_of["Un"].endswith("-Regular"), fonts_of
    assert "*" not in "".join(t for t, _, _ in runs)


def test_every_font_is_embedded_and_subset(build):
    built = build("cooperation", calibration=True)
    base14 = re.compile(r"Helvetica|Times|Courier|Symbol|ZapfDingbats", re.I)
    for name, data in built.cards.items():
        r = K.reader(data)
        fonts_found = [obj for _, obj in K.all_objects(r)
                       if hasattr(obj, "get") and obj.get("/Type") == "/Font"]
        assert fonts_found, name
        for font in fonts_found:
            base = str(font.get("/BaseFont"))
            assert not base14.search(base), f"{name}: base-14 font {base}"
            assert re.match(r"/[A-Z]{6}\+", base), f"{name}: {base} is not a subset"
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{name}: {base} is not embedded"
        if K.has_poppler():
            rows = K.pdffonts(built.folder / name)
            assert rows, name
            for row in rows:
                assert (row["emb"], row["sub"]) == ("yes", "yes"), (name, row)
                assert not base14.search(row["name"]), (name, row)


def test_the_failure_names_the_format_s_own_minimum_size(tmp_path, monkeypatch):
    folder = tmp_path / "layouts" / "cards"
    folder.mkdir(parents=True)
    text = layout_files("cards")["poker"].read_text(encoding="utf-8")
    (folder / "poker8.yaml").write_text(re.sub(r"min: *7", "min: 8", text), encoding="utf-8")
    write_deck(tmp_path, "long", OVERFLOWING)
    monkeypatch.chdir(tmp_path)
    messages = failure(tmp_path, "long", card_format="poker8")
    assert messages and all("même en 8 pt" in m for m in messages), messages

"""How fast does `kit build DECK --only cards` lay out question cards, against bare reportlab?

Run by hand from the repository root, in the project's virtualenv:

    python benchmarks/cards.py                      # sizes 100, 1000, 2000, 10000
    python benchmarks/cards.py --sizes 100,2000 --keep

For each size N it writes a deck of N generated French questions (plus one stage, one pillar
and one beacon, which bring their own cards) in a temporary folder, then measures, each in a
fresh child process:

- kit:  the whole `kit build DECK --only cards --out TMP` (start-up, YAML loading, validation,
        layout, cards.pdf *and* cards-foldover.pdf, the build's checks, the printing guide,
        atomic writes), as a facilitator runs it (on every usable core: kit/parallel.py), and
        again with KIT_JOBS=1 (one process);
- bare: a plain reportlab script drawing the same texts on the same number of 63 × 88 mm cards,
        9 per A4 sheet: embedded Atkinson Hyperlegible, one Paragraph (French hyphenation) in a
        KeepInFrame(mode='shrink') per card, crop marks, a backs sheet after each fronts sheet
        with the backs drawn from form XObjects. It is the floor any card tool pays. Measured
        as written, and again with Python's garbage collector off (the kit pauses it during a
        build), so the comparison is open.

Wall time is the best of 3 runs for N <= 2,000 and 1 run above. Peak memory: ru_maxrss of
RUSAGE_CHILDREN read in a fresh intermediate process per run (the largest process), and for
the kit the proportional set size of its whole process tree summed every 10 ms (pages shared
after a fork counted once in all).
The targets (issue): kit <= 2x bare at 2,000 cards (goal 1.25x), < 300 MB peak at 10,000 cards,
< 3 KB of cards.pdf per card.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_SIZES = (100, 1_000, 2_000, 10_000)
BEST_OF_LIMIT = 2_000  # sizes up to this one are timed as the best of 3 runs
RUNS = 3
SEED = 27

TARGET_RATIO = 2.0
GOAL_RATIO = 1.25
TARGET_RATIO_AT = 2_000
TARGET_PEAK_MB = 300
TARGET_PEAK_AT = 10_000
TARGET_KB_PER_CARD = 3.0

# -- generated decks ------------------------------------------------------------------------------

# Fragments of the cooperation deck's vocabulary (decks/cooperation/deck.yaml), recombined.
ACTIONS = (
    "embarquer les directions du droit commun",
    "partager les ressources recueillies sur le territoire",
    "animer la communauté de partenaires",
    "documenter les étapes du voyage",
    "rendre explicites la gouvernance et les modalités d’implication",
    "co-construire le cahier des charges d’un appel à projets commun",
    "obtenir l’aval de la hiérarchie",
    "sécuriser l’existant avant de repartir",
    "établir une vision commune de la destination et de l’itinéraire",
    "garder une trace de ce qui est investigué et expérimenté",
    "répartir les rôles au sein du trinôme",
    "adopter une posture évaluative",
    "repérer les bons complices",
    "articuler l’appel à projets avec celui du contrat de ville",
    "réserver du temps de coopération dans les plans de charge",
    "évaluer la démarche avec les parties prenantes",
    "tenir un carnet de bord accessible à tous·tes",
    "faire émerger de nouveaux projets",
    "amplifier une politique publique de droit commun",
    "croiser l’expertise technique et l’expertise territorialisée",
    "organiser des temps inspirants",
    "instruire les projets et coordonner les lauréats ensemble",
    "cartographier les parties prenantes et leur rôle",
    "clarifier collectivement notre logique d’intervention",
    "essaimer la démarche sur une autre politique publique",
    "prendre soin des personnes qui contribuent à la démarche",
    "investiguer les interstices où l’on peut se croiser",
    "transformer l’affinité en mandat",
)
COMPLEMENTS = (
    "",
    "",
    " dans les quartiers prioritaires",
    " sans perdre de vue la destination",
    " dès la conception du projet",
    " au fil de l’eau",
    " avec les associations et les opérateurs publics",
    " quand les services se croisent peu",
    " avant de larguer les amarres",
    " sans tomber dans les travers classiques de cet outil",
    " pour que chacun·e trouve sa place",
    " en cas de départ d’un·e collègue",
    " à l’échelle de la métropole",
    " entre politique de la ville et droit commun",
    " avec les agents de la collectivité",
)
SUBJECTS = (
    "Le volcan des projets communs",
    "Le sémaphore des ressources",
    "Le bivouac de la communauté",
    "Pour la capitainerie",
    "Côté droit commun",
    "Côté politique de la ville",
    "À bord de l’équipage",
    "Avant le déploiement",
)
PARTNERS = (
    "les élu·es",
    "les habitant·es",
    "les associations",
    "les opérateurs publics",
    "les directeur·rices",
    "la communauté",
    "les collègues d’autres services",
)
TEMPLATES = (
    "Comment {a}{c} ?",
    "Qui peut {a}{c} ?",
    "Faut-il {a}{c}, ou d’abord {b} ?",
    "Et si l’on essayait de {a}{c} ?",
    "Quel rôle la capitainerie doit-elle jouer pour {a}{c} ?",
    "À quel moment {a}{c}, et avec {p} ?",
    "Par où commencer pour {a}{c} ?",
    "Quelles ressources mobiliser pour {a}{c} ?",
    "{s} : comment {a}{c} ?",
    "Qu’est-ce qui nous empêche de {a}{c} ?",
    "De quoi avons-nous besoin pour {a}{c} ?",
    "Comment {a} et {b}{c} ?",
    "Comment associer {p} pour {a}{c} ?",
    "Que gagnerait-on à {a}{c} ? Et que risque-t-on à ne pas le faire ?",
)
MIN_CHARS, MAX_CHARS = 60, 170


def question_texts(n: int, seed: int = SEED) -> list[str]:
    """n deterministic French questions of 60–170 characters."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        a, b = rng.sample(ACTIONS, 2)
        text = rng.choice(TEMPLATES).format(
            a=a, b=b, c=rng.choice(COMPLEMENTS), s=rng.choice(SUBJECTS), p=rng.choice(PARTNERS)
        )
        text = text[0].upper() + text[1:]
        if MIN_CHARS <= len(text) <= MAX_CHARS:
            out.append(text)
    return out


STAGE = {
    "id": "embarquement",
    "title": "Former l’équipage",
    "tagline": "Embarquement : allez viens je t’emmène au vent !",
    "text": (
        "Avant de partir, trouvez les bons complices : ceux pour qui la coopération est tout "
        "aussi nécessaire pour faire avancer leurs feuilles de route. Pas facile quand les "
        "services se croisent peu ! Pour la capitainerie, tentez le trinôme."
    ),
    "beacons": ["enqueter-en-interne"],
}
PILLAR = {
    "id": "volcan",
    "title": "Volcan des projets communs",
    "landmark": "volcano",
    "text": (
        "En plus d’amplifier une politique publique de droit commun en quartier politique de la "
        "ville, la coopération peut faire émerger de nouveaux projets et soutenir des "
        "partenaires locaux."
    ),
    "trails": [
        "Co-construire le cahier des charges d’un appel à projets commun",
        "Instruire les projets et coordonner les lauréats ensemble",
    ],
}
BEACON = {
    "id": "enqueter-en-interne",
    "title": "Enquêter en interne",
    "questions": [
        "Comment initier de nouveaux projets de coopération et embarquer des directions du "
        "droit commun ?"
    ],
    "tracks": [
        "Enquêter auprès des directeurs·rices pour identifier leurs sujets liés à la politique "
        "de la ville",
        "Repérer les directions pour qui la coopération ferait avancer leur feuille de route",
    ],
}


def deck_data(n: int) -> dict:
    return {
        "kit": 1,
        "id": f"bench-{n}",
        "title": "Banc d’essai des cartes",
        "language": "fr",
        "territory": {"name": "Métropole Aix-Marseille-Provence"},
        "stages": [STAGE],
        "pillars": [PILLAR],
        "beacons": [BEACON],
        "questions": [
            {"id": f"q-{i:05d}", "text": text, "stage": STAGE["id"]}
            for i, text in enumerate(question_texts(n), 1)
        ],
    }


def card_texts(data: dict) -> list[tuple[str, str, str]]:
    """(kind, title, text) of every card, in the kit's order: stages, pillars, beacons, questions
    (the deck's, then the beacons')."""
    cards = []
    for s in data["stages"]:
        cards.append(("stage", s["title"], f"{s['tagline']}\n{s['text']}"))
    for p in data["pillars"]:
        cards.append(("pillar", p["title"], "\n".join([p["text"], *p["trails"]])))
    for b in data["beacons"]:
        cards.append(("beacon", b["title"], "\n".join([*b["questions"][:1], *b["tracks"]])))
    cards += [("question", "", q["text"]) for q in data["questions"]]
    cards += [("question", "", q) for b in data["beacons"] for q in b["questions"]]
    return cards


def write_deck(folder: Path, data: dict) -> Path:
    import yaml

    path = folder / data["id"] / "deck.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    return path


def kit_card_count(path: Path) -> int | None:
    """The number of cards the kit itself plans for the deck (None if the kit cannot say)."""
    try:
        from kit.i18n import Messages
        from kit.load.deck import load_deck
        from kit.products.cards import deck_cards

        deck = load_deck(path, path.parent)
        return len(deck_cards(deck, Messages(deck.language)))
    except Exception as exc:  # a benchmark reports, it does not crash
        print(f"  (cannot count the kit's cards: {exc!r})", file=sys.stderr)
        return None


# -- the bare reportlab floor ---------------------------------------------------------------------


def bare_render(cards_json: str, out_pdf: str) -> None:
    """Draw the cards of cards_json ([kind, title, text] lists) with plain reportlab.

    Runs in a fresh `python -c` child: imports stay inside so the parent's do not count.
    """
    import re
    from xml.sax.saxutils import escape

    import fontpkg
    from reportlab.lib.colors import HexColor
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import KeepInFrame, Paragraph

    pdfmetrics.registerFont(TTFont("Atk", fontpkg.path("atkinson-hyperlegible", weight=400)))
    pdfmetrics.registerFont(TTFont("Atk-Bold", fontpkg.path("atkinson-hyperlegible", weight=700)))
    pdfmetrics.registerFontFamily("Atk", normal="Atk", bold="Atk-Bold", italic="Atk",
                                  boldItalic="Atk-Bold")
    cards = json.loads(Path(cards_json).read_text(encoding="utf-8"))
    colours = {"stage": "#1f6f8b", "pillar": "#b5532c", "beacon": "#d4a017",
               "question": "#3a7d44"}
    question = ParagraphStyle("q", fontName="Atk", fontSize=11, leading=13.5,
                              hyphenationLang="fr_FR")
    body = ParagraphStyle("b", fontName="Atk", fontSize=9, leading=11, hyphenationLang="fr_FR")
    spaced = re.compile(r" ([?!:;»])")

    def markup(title: str, text: str) -> str:
        text = spaced.sub("\u00a0\\1", text.replace("\u202f", "\u00a0"))
        parts = [escape(t) for t in text.split("\n")]
        head = f"<b>{escape(title)}</b><br/>" if title else ""
        return head + "<br/>".join(parts)

    page_w, page_h = A4
    card_w, card_h = 63 * mm, 88 * mm
    cols, rows = 3, 3
    x0, y0 = (page_w - cols * card_w) / 2, (page_h - rows * card_h) / 2
    safe = 4 * mm
    gap, tick = 2 * mm, 5 * mm

    c = Canvas(out_pdf, pagesize=A4, invariant=1, pageCompression=1, initialFontName="Atk")
    for kind in colours:
        c.beginForm(f"back-{kind}", 0, 0, card_w, card_h)
        c.setFillColor(HexColor(colours[kind]))
        c.rect(0, 0, card_w, card_h, stroke=0, fill=1)
        c.setFillColor(HexColor("#ffffff"))
        c.circle(card_w / 2, card_h * 0.58, 12 * mm, stroke=0, fill=1)
        c.setFont("Atk-Bold", 11)
        c.drawCentredString(card_w / 2, card_h * 0.3, kind.upper())
        c.endForm()

    def crop_marks() -> None:
        c.setLineWidth(0.25)
        c.setStrokeGray(0.35)
        for i in range(cols + 1):
            x = x0 + i * card_w
            c.line(x, y0 - gap - tick, x, y0 - gap)
            c.line(x, y0 + rows * card_h + gap, x, y0 + rows * card_h + gap + tick)
        for j in range(rows + 1):
            y = y0 + j * card_h
            c.line(x0 - gap - tick, y, x0 - gap, y)
            c.line(x0 + cols * card_w + gap, y, x0 + cols * card_w + gap + tick, y)

    per_sheet = cols * rows
    inner_w, inner_h = card_w - 2 * safe, card_h - 2 * safe
    for start in range(0, len(cards), per_sheet):
        sheet = cards[start:start + per_sheet]
        for k, (kind, title, text) in enumerate(sheet):
            col, row = k % cols, k // cols
            x = x0 + col * card_w + safe
            top = y0 + (rows - row) * card_h - safe
            style = question if kind == "question" else body
            frame = KeepInFrame(inner_w, inner_h, [Paragraph(markup(title, text), style)],
                                mode="shrink")
            _, h = frame.wrapOn(c, inner_w, inner_h)
            frame.drawOn(c, x, top - h)
        crop_marks()
        c.showPage()
        for k, (kind, _, _) in enumerate(sheet):
            col, row = cols - 1 - k % cols, k // cols  # long-edge duplex: columns mirrored
            c.saveState()
            c.translate(x0 + col * card_w, y0 + (rows - 1 - row) * card_h)
            c.doForm(f"back-{kind}")
            c.restoreState()
        crop_marks()
        c.showPage()
    c.save()


# -- measuring ------------------------------------------------------------------------------------

# Runs one command and reports its wall time and peak memory; started fresh for every
# measurement, so RUSAGE_CHILDREN holds that command's own peak (its largest process) and
# nothing else. The kit may fork a worker per core (kit/parallel.py): a sampler also sums the
# proportional set size (PSS: a page shared by two processes counts half in each) of the whole
# process tree every 10 ms, which is the memory the build holds at once (reported as never less
# than the largest process's own peak, which sampling could miss).
PROBE = r"""
import json, os, resource, subprocess, sys, threading, time

def tree_pss_kb(pid):
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            pass
    return total

t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
peak = [0]
def sample():
    while p.poll() is None:
        peak[0] = max(peak[0], tree_pss_kb(p.pid))
        time.sleep(0.01)
sampler = threading.Thread(target=sample, daemon=True)
sampler.start()
_, err = p.communicate()
wall = time.perf_counter() - t0
sampler.join()
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "rss_kb": rss, "tree_kb": max(peak[0], rss),
                  "rc": p.returncode, "stderr": err.decode("utf-8", "replace")[-3000:]}))
"""


def measure(cmd: list[str], runs: int, cwd: Path, timeout: float, fresh: Path,
            env: dict | None = None) -> dict:
    """Best wall time and largest peaks over `runs` runs; `fresh` is emptied before each."""
    walls, peaks, trees = [], [], []
    for _ in range(runs):
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        out = subprocess.run([sys.executable, "-c", PROBE, *cmd], cwd=cwd, capture_output=True,
                             text=True, timeout=timeout, check=True,
                             env={**os.environ, **(env or {})})
        result = json.loads(out.stdout)
        if result["rc"] != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({result['rc']}):\n{result['stderr']}")
        walls.append(result["wall"])
        peaks.append(result["rss_kb"] / 1024)  # Linux: ru_maxrss in KiB
        trees.append(result["tree_kb"] / 1024)
    return {"wall": min(walls), "walls": walls, "peak_mb": max(peaks), "tree_mb": max(trees)}


def kit_command() -> list[str]:
    exe = shutil.which("kit")
    if exe:
        return [exe]
    return [sys.executable, "-m", "kit"]


def bench(n: int, root: Path, timeout: float) -> dict:
    data = deck_data(n)
    deck = write_deck(root / "decks", data)
    cards = card_texts(data)
    counted = kit_card_count(deck)
    if counted is not None and counted != len(cards):
        print(f"  warning: the kit plans {counted} cards, the bare script draws {len(cards)}",
              file=sys.stderr)
    n_cards = counted or len(cards)
    runs = RUNS if n <= BEST_OF_LIMIT else 1

    out = root / f"out-{n}"
    command = [*kit_command(), "build", str(deck), "--only", "cards", "--out", str(out)]
    kit = measure(command, runs, root, timeout, out)
    pdf = out / data["id"] / "cards.pdf"
    kit["bytes"] = pdf.stat().st_size
    kit["files"] = sorted(p.name for p in pdf.parent.iterdir() if p.is_file())
    one_job = measure(command, runs, root, timeout, out, env={"KIT_JOBS": "1"})

    cards_json = root / f"cards-{n}.json"
    cards_json.write_text(json.dumps(cards, ensure_ascii=False), encoding="utf-8")
    bare_dir = root / f"bare-{n}"
    bare_pdf = bare_dir / "cards.pdf"
    here = str(Path(__file__).resolve().parent)
    code = (f"import sys; sys.path.insert(0, {here!r}); import cards; "
            f"cards.bare_render({str(cards_json)!r}, {str(bare_pdf)!r})")
    bare = measure([sys.executable, "-c", code], runs, root, timeout, bare_dir)
    bare["bytes"] = bare_pdf.stat().st_size
    # the kit pauses Python's cyclic garbage collector during a build; the bare script as the
    # issue describes it does not: measured both ways, so the comparison is open
    no_gc = measure([sys.executable, "-c", "import gc; gc.disable(); " + code], runs, root,
                    timeout, bare_dir)
    return {"n": n, "cards": n_cards, "runs": runs, "kit": kit, "one_job": one_job,
            "bare": bare, "bare_no_gc": no_gc}


# -- report ---------------------------------------------------------------------------------------


def machine() -> str:
    from machine import describe  # benchmarks/machine.py, beside this script

    return describe()


def table(rows: list[dict]) -> str:
    lines = [
        "| N questions | cards | kit s | kit s, 1 job | bare s | kit/bare | kit/bare, 1 job"
        " | kit cards/s | peak MB (kit, all processes) | KB per card |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        k, one, b = r["kit"], r["one_job"], r["bare"]
        lines.append(
            f"| {r['n']:,} | {r['cards']:,} | {k['wall']:.2f} | {one['wall']:.2f}"
            f" | {b['wall']:.2f} | {k['wall'] / b['wall']:.2f}× | {one['wall'] / b['wall']:.2f}×"
            f" | {r['cards'] / k['wall']:,.0f} | {k['tree_mb']:.0f}"
            f" | {k['bytes'] / r['cards'] / 1024:.2f} |"
        )
    return "\n".join(lines)


def bare_table(rows: list[dict]) -> str:
    lines = ["| N questions | bare cards/s | bare s, gc off | peak MB (bare) | KB per card (bare)"
             " | runs |",
             "|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        b = r["bare"]
        lines.append(f"| {r['n']:,} | {r['cards'] / b['wall']:,.0f}"
                     f" | {r['bare_no_gc']['wall']:.2f} | {b['peak_mb']:.0f}"
                     f" | {b['bytes'] / r['cards'] / 1024:.2f} | {r['runs']} |")
    return "\n".join(lines)


def verdicts(rows: list[dict]) -> list[str]:
    by_n = {r["n"]: r for r in rows}
    out = []
    r = by_n.get(TARGET_RATIO_AT)
    if r:
        for label, run in (("", r["kit"]), (", one job (KIT_JOBS=1)", r["one_job"])):
            ratio = run["wall"] / r["bare"]["wall"]
            met = "met" if ratio <= TARGET_RATIO else "NOT met"
            goal = "met" if ratio <= GOAL_RATIO else "not met"
            out.append(f"- kit{label} ≤ {TARGET_RATIO:g}× bare at {TARGET_RATIO_AT:,} questions"
                       f" ({r['cards']:,} cards): {ratio:.2f}× — {met}"
                       f" (goal {GOAL_RATIO:g}×: {goal})")
    else:
        out.append(f"- kit ≤ {TARGET_RATIO:g}× bare at {TARGET_RATIO_AT:,}: not measured")
    r = by_n.get(TARGET_PEAK_AT)
    if r:
        peak = r["kit"]["tree_mb"]
        met = "met" if peak < TARGET_PEAK_MB else "NOT met"
        out.append(f"- peak < {TARGET_PEAK_MB} MB at {TARGET_PEAK_AT:,} questions"
                   f" ({r['cards']:,} cards): {peak:.0f} MB, all processes summed"
                   f" ({r['kit']['peak_mb']:.0f} MB the largest one, {r['one_job']['peak_mb']:.0f}"
                   f" MB with one job) — {met}")
    else:
        out.append(f"- peak < {TARGET_PEAK_MB} MB at {TARGET_PEAK_AT:,}: not measured")
    worst = max(rows, key=lambda r: r["kit"]["bytes"] / r["cards"])
    kb = worst["kit"]["bytes"] / worst["cards"] / 1024
    met = "met" if kb < TARGET_KB_PER_CARD else "NOT met"
    out.append(f"- cards.pdf < {TARGET_KB_PER_CARD:g} KB per card: worst {kb:.2f} KB"
               f" (N = {worst['n']:,}) — {met}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="numbers of questions, comma-separated (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds allowed to one run (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    root = Path(tempfile.mkdtemp(prefix="kit-bench-cards-"))
    rows = []
    try:
        for n in sizes:
            print(f"N = {n:,} …", file=sys.stderr, flush=True)
            rows.append(bench(n, root, args.timeout))
            r = rows[-1]
            print(f"  kit {r['kit']['walls']}, one job {r['one_job']['walls']},"
                  f" bare {r['bare']['walls']}", file=sys.stderr)
    finally:
        if args.keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)

    print(f"## Question cards: kit vs bare reportlab ({dt.datetime.now():%Y-%m-%d %H:%M})\n")
    print(f"Machine: {machine()}\n")
    print(table(rows))
    files = ", ".join(rows[-1]["kit"]["files"]) if rows else ""
    print(f"\nkit: whole `kit build DECK --only cards` in a fresh process (it wrote: {files}),"
          " on every usable core (kit/parallel.py), and again with KIT_JOBS=1;"
          " bare: reportlab Paragraph + KeepInFrame(shrink) + fr_FR"
          " hyphenation + crop marks, backs as form XObjects. Time: best of"
          f" {RUNS} for N ≤ {BEST_OF_LIMIT:,}, else 1 run; cards = N + stage, pillar, beacon and"
          " the beacon's question.\n")
    print(bare_table(rows))
    print("\nTargets:")
    print("\n".join(verdicts(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

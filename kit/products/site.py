"""The web catalogue: output/<deck>/site/index.html, one self-contained page (nothing is loaded
from the network) showing every card as SVG, the map, canvas thumbnails and links to the PDFs,
with text search and filters by kind — so the kit reaches people beyond the room."""

from __future__ import annotations

import base64
import html
import json
import unicodedata

from kit.i18n import Messages
from kit.layout.geometry import PageSpec, Rect, Shape, Style, rect_path
from kit.layout.text import strip_markup
from kit.model.deck import Deck

KIND_ORDER = ("stage", "pillar", "beacon", "current", "question")


def _fold(text: str) -> str:
    """Lower case without accents: what the search compares."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _svg_inline(data: bytes) -> str:
    text = data.decode("utf-8")
    start = text.find("<svg")
    return text[start:].strip()


def build(deck: Deck, options, pdf_names: list[str] | None = None) -> dict[str, bytes]:
    """{'site/index.html': bytes}: cards, map and canvases of the deck in one page."""
    import pypdfium2 as pdfium

    from kit.finish import pdf_bytes
    from kit.layout.theme import palette_for
    from kit.load.canvases import load_template
    from kit.load.layouts import load_card_format
    from kit.products import cards as card_product
    from kit.products.canvases import plan_canvas
    from kit.products.map import plan_recto
    from kit.render import fonts
    from kit.render.svg import font_face_css, render_svg
    from kit.resources import layout_files

    t = Messages(deck.language)
    families = {role: fonts.family_of(role) for role in ("body", "display")}
    fmt = load_card_format(options.card_format)
    ctx = card_product.make_context(deck, fmt, fonts.measure, 0.0)
    cards = card_product.deck_cards(deck, ctx.t)
    pal = palette_for(deck)
    card_blocks = []
    for card in cards:
        items = card_product.front_items(ctx, card)
        frame = Shape(rect_path(Rect(0, 0, fmt.width, fmt.height)),
                      Style(stroke=pal["muted"].mix(pal["paper"], 0.6), width=0.2))
        page = PageSpec(fmt.width, fmt.height, (*items, frame))
        svg = _svg_inline(render_svg(page, families=families))
        text = " ".join(strip_markup(x) for sec in card.sections for x in sec.texts)
        search = _fold(" ".join(filter(None, [card.title or "", text, card.context or ""])))
        card_blocks.append(
            f'<figure class="card" data-kind="{card.kind}" data-text="{html.escape(search)}">'
            f"{svg}</figure>")
    recto = plan_recto(deck, fonts.measure)
    map_svg = _svg_inline(render_svg(recto.page, families=families, title=deck.title))
    thumbs = []
    for name in layout_files("canvases"):
        template = load_template(name, deck.language)
        page = plan_canvas(deck, template, "A3", fonts.measure)
        from kit.layout.geometry import Document

        data = pdf_bytes(Document((page,)), {"body": None, "display": None})
        pdf = pdfium.PdfDocument(data)
        image = pdf[0].render(scale=30 / 72).to_pil().convert("RGB")
        pdf.close()
        import io

        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=False)
        uri = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
        link = f"../canvases/{name}.pdf"
        thumbs.append(f'<figure class="canvas"><a href="{link}"><img src="{uri}" alt="'
                      f'{html.escape(template.title)}"></a><figcaption>'
                      f"{html.escape(template.title)}</figcaption></figure>")
    faces = {(families["body"], face) for face in fonts.FACES}
    faces |= {(families["display"], "regular"), (families["display"], "italic")}
    counts = {k: sum(1 for c in cards if c.kind == k) for k in KIND_ORDER}
    filters = "".join(
        f'<button type="button" data-filter="{k}" aria-pressed="false">'
        f'{html.escape(t("kind_plural." + k))} <span>{counts[k]}</span></button>'
        for k in KIND_ORDER if counts[k])
    downloads = "".join(f'<li><a href="../{html.escape(n)}">{html.escape(n)}</a></li>'
                        for n in sorted(pdf_names or []))
    page = TEMPLATE.format(
        lang=deck.language,
        title=html.escape(deck.title),
        subtitle=html.escape(deck.subtitle or ""),
        territory=html.escape(deck.territory.name or ""),
        fonts=font_face_css(faces),
        body_family=json.dumps(fonts.family_name(families["body"])),
        ink=pal["ink"].hex(), muted=pal["muted"].hex(), stage=pal["stage"].hex(),
        cream=pal["cream"].hex(),
        search_label=html.escape(t("site.search")),
        all_label=html.escape(t("site.all")),
        cards_label=html.escape(t("site.cards")),
        map_label=html.escape(t("site.map")),
        canvases_label=html.escape(t("site.canvases")),
        downloads_label=html.escape(t("site.downloads")),
        none_json=json.dumps(t("site.none")),
        filters=filters,
        cards="\n".join(card_blocks),
        map=map_svg,
        canvases="\n".join(thumbs),
        downloads=downloads or "<li>—</li>",
        total=len(cards),
    )
    return {"site/index.html": page.encode("utf-8")}


TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{fonts}
:root {{ --ink: {ink}; --muted: {muted}; --accent: {stage}; --cream: {cream}; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: {body_family}, sans-serif; color: var(--ink);
       background: #f4f6f7; }}
header {{ background: var(--cream); padding: 1.5rem 2rem; border-bottom: 1px solid #d8d2c0; }}
header h1 {{ margin: 0 0 .3rem; font-weight: 400; font-size: 2rem; }}
header p {{ margin: 0; color: var(--muted); }}
nav.tools {{ position: sticky; top: 0; background: #fff; padding: .8rem 2rem; display: flex;
            flex-wrap: wrap; gap: .5rem; align-items: center; border-bottom: 1px solid #dde3e6;
            z-index: 2; }}
nav.tools input {{ flex: 1 1 16rem; font: inherit; padding: .45rem .7rem;
                  border: 1px solid #b8c2c8; border-radius: .4rem; }}
nav.tools button {{ font: inherit; padding: .4rem .8rem; border-radius: 1rem; cursor: pointer;
                   border: 1px solid #b8c2c8; background: #fff; color: var(--ink); }}
nav.tools button[aria-pressed="true"] {{ background: var(--accent); color: #fff;
                                         border-color: var(--accent); }}
nav.tools button span {{ opacity: .7; font-size: .85em; }}
main {{ padding: 1rem 2rem 3rem; }}
h2 {{ font-weight: 400; border-bottom: 1px solid #cfd6da; padding-bottom: .3rem; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
          gap: 1rem; }}
figure {{ margin: 0; }}
figure.card svg {{ width: 100%; height: auto; background: #fff; border-radius: .3rem;
                   box-shadow: 0 1px 3px rgba(0,0,0,.15); }}
figure.card.hidden {{ display: none; }}
#count {{ color: var(--muted); margin: .5rem 0 1rem; }}
.map svg {{ width: 100%; height: auto; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.2); }}
.canvases {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
             gap: 1rem; }}
.canvas img {{ width: 100%; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.15); }}
.canvas figcaption {{ margin-top: .3rem; font-size: .9rem; }}
ul.downloads {{ columns: 2; }}
a {{ color: var(--accent); }}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p>{subtitle}</p>
<p><strong>{territory}</strong></p>
</header>
<nav class="tools" aria-label="{search_label}">
<input id="search" type="search" placeholder="{search_label}" aria-label="{search_label}">
<button type="button" data-filter="" aria-pressed="true">{all_label} <span>{total}</span></button>
{filters}
</nav>
<main>
<h2>{cards_label}</h2>
<p id="count" aria-live="polite"></p>
<section class="cards" id="cards">
{cards}
</section>
<h2>{map_label}</h2>
<section class="map">
{map}
</section>
<h2>{canvases_label}</h2>
<section class="canvases">
{canvases}
</section>
<h2>{downloads_label}</h2>
<ul class="downloads">{downloads}</ul>
</main>
<script>
(function () {{
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll("figure.card"));
  var search = document.getElementById("search");
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-filter]"));
  var count = document.getElementById("count");
  var kind = "";
  function fold(s) {{
    return s.toLowerCase().normalize("NFKD").replace(/[\\u0300-\\u036f]/g, "");
  }}
  function apply() {{
    var words = fold(search.value).split(/\\s+/).filter(Boolean);
    var shown = 0;
    cards.forEach(function (card) {{
      var text = card.getAttribute("data-text");
      var ok = (!kind || card.getAttribute("data-kind") === kind) &&
               words.every(function (w) {{ return text.indexOf(w) !== -1; }});
      card.classList.toggle("hidden", !ok);
      if (ok) {{ shown += 1; }}
    }});
    count.textContent = shown ? shown + " / " + cards.length : {none_json};
    document.body.setAttribute("data-shown", String(shown));
  }}
  buttons.forEach(function (b) {{
    b.addEventListener("click", function () {{
      kind = b.getAttribute("data-filter");
      buttons.forEach(function (o) {{ o.setAttribute("aria-pressed", String(o === b)); }});
      apply();
    }});
  }});
  search.addEventListener("input", apply);
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) {{ search.value = params.get("q"); }}
  if (params.get("kind")) {{
    var b = buttons.filter(function (o) {{ return o.getAttribute("data-filter") ===
                                                  params.get("kind"); }})[0];
    if (b) {{ b.click(); }}
  }}
  apply();
}})();
</script>
</body>
</html>
"""

"""The SVG renderer draws the same geometry as the PDF one."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from kit.layout.geometry import (
    Color,
    Form,
    FormRef,
    Group,
    PageSpec,
    Rect,
    Shape,
    Style,
    TextBlock,
    TextLine,
    TextSpan,
    rect_path,
)
from kit.render.svg import path_data, render_svg

SVG = "{http://www.w3.org/2000/svg}"


def _page():
    ink = Color.from_hex("#1f2933")
    text = TextBlock((TextLine(12.5, 30.0, (TextSpan("Où va-t-on\u00a0?"),
                                           TextSpan(" vite", "bold")), 30.0),),
                     "body", 10.0, ink, Rect(12.5, 25, 60, 8))
    form = Form("dos", 20, 10, (Shape(rect_path(Rect(0, 0, 20, 10)),
                                      Style(fill=Color.from_hex("#1c7557"))),))
    items = (
        Shape(rect_path(Rect(10, 10, 50, 20)), Style(stroke=ink, width=0.3, dash=(2.0, 1.0))),
        text,
        Group((Shape(rect_path(Rect(0, 0, 5, 5)), Style(fill=ink)),), 100, 50, rotate=30),
        FormRef("dos", Rect(120, 10, 20, 10)),
        FormRef("dos", Rect(120, 30, 40, 20)),
    )
    return PageSpec(210, 297, items), (form,)


def test_svg_is_valid_xml_in_millimetres_with_the_geometry_unchanged():
    page, forms = _page()
    data = render_svg(page, forms)
    root = ET.fromstring(data)
    assert root.get("width") == "210mm" and root.get("height") == "297mm"
    assert root.get("viewBox") == "0 0 210 297"
    paths = [p.get("d") for p in root.iter(f"{SVG}path")]
    assert path_data(page.items[0].path) in paths
    text = "".join(t.text or "" for t in root.iter(f"{SVG}tspan"))
    assert "Où va-t-on\u00a0?" in text and "vite" in text


def test_a_form_is_defined_once_and_used_twice():
    page, forms = _page()
    root = ET.fromstring(render_svg(page, forms))
    uses = list(root.iter(f"{SVG}use"))
    assert len(uses) == 2
    defs = [g for g in root.iter(f"{SVG}g") if g.get("id") and "dos" in g.get("id")]
    assert len(defs) == 1


def test_same_input_same_bytes():
    page, forms = _page()
    assert render_svg(page, forms) == render_svg(page, forms)

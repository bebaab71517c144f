"""The printing guide's « Dans ce dossier » section: every file of the output folder, what it
is, and whether this build made it or an earlier one did (and with which options).

Entries come from kit.outputs.folder_entries; this module only turns them into the guide's
(kind, text) blocks, in the deck's language.
"""

from __future__ import annotations

import re

from kit.i18n import Messages

#: (pattern on the file's name, message key), first match wins
KINDS = (
    (r"map\.pdf", "map"),
    (r"map-recto\.pdf", "map_recto"),
    (r"map-verso\.pdf", "map_verso"),
    (r"map\.svg", "map_svg"),
    (r"map-tiled-(?P<paper>[^/]+)\.pdf", "map_tiled"),
    (r"map-guide-large-print\.pdf", "map_large"),
    (r"cards\.pdf", "cards"),
    (r"cards-foldover\.pdf", "cards_foldover"),
    (r"cards-1up\.pdf", "cards_1up"),
    (r"cards-calibration\.pdf", "cards_calibration"),
    (r"cards-selection\.pdf", "cards_selection"),
    (r"cards-selection-foldover\.pdf", "cards_selection_foldover"),
    (r"cards-selection-1up\.pdf", "cards_selection_1up"),
    (r"canvases\.pdf", "canvases_all"),
    (r"canvases/[^/]+-tiled-(?P<paper>[^/]+)\.pdf", "canvases_tiled"),
    (r"canvases/[^/]+\.pdf", "canvases_one"),
    (r"site/.*", "site"),
    (r"apercu/", "previews"),
)


def _kind(name: str) -> tuple[str, dict]:
    for pattern, key in KINDS:
        m = re.fullmatch(pattern, name)
        if m:
            return key, m.groupdict()
    return "other", {}


def _order(group: tuple) -> tuple:
    """The map first, then the cards, the canvases, the rest: KINDS's order, then the name."""
    keys = [key for _, key in KINDS]
    name, key = group[0], group[1]
    return (keys.index(key) if key in keys else len(keys), name)


def _group_name(name: str, key: str, values: dict) -> str:
    """Files shown as one line: the ten canvases, the tiled canvases, the web catalogue."""
    if key == "canvases_one":
        return "canvases/"
    if key == "canvases_tiled":
        return f"canvases/*-tiled-{values['paper']}.pdf"
    if key == "site":
        return "site/"
    return name


def files_blocks(entries, t: Messages) -> list[tuple[str, str]]:
    """The section's blocks: a heading, a sentence, then one line per file or group."""
    from kit.outputs import options_text

    if not entries:
        return []
    groups: dict[tuple, dict] = {}
    for e in entries:
        key, values = _kind(e.name)
        when = "now" if e.now else ("earlier" if e.product else "other")
        shown = options_text(e.options, e.product) if (e.options is not None and e.product) \
            else ""
        group = (_group_name(e.name, key, values), key, when, shown)
        g = groups.setdefault(group, {"n": 0, "values": values})
        g["n"] += e.count
    lines = []
    earlier = False
    for (name, key, when, shown), g in sorted(groups.items(), key=lambda kv: _order(kv[0])):
        what = t(f"printing.files.{key}").format(n=g["n"], **g["values"])
        if when == "earlier":
            earlier = True
            built = t("printing.files.earlier_with").format(options=shown) if shown \
                else t("printing.files.earlier")
            what = f"{what} — *{built}*"
        elif when == "other" and key != "previews":
            what = t("printing.files.other")
        lines.append(("item", f"**{name}** : {what}" if t.language == "fr"
                      else f"**{name}**: {what}"))
    intro = t("printing.files.intro_earlier" if earlier else "printing.files.intro")
    return [("h2", t("printing.files.title")), ("p", intro), *lines]

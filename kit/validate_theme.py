"""The deck's theme: font roles and installed font families, palette and CMYK colour names, and
the contrast of text on its background (4.5:1 at least), each error at its line."""

from __future__ import annotations

from kit.load.yamlsrc import YMap
from kit.names import did_you_mean
from kit.validate_values import Validator

FONT_ROLES = ("body", "display")


def check_theme(v: Validator, node, theme: dict) -> None:
    """Font roles and installed families, palette names and text contrast: each at its line."""
    if not isinstance(node, YMap):
        return
    fonts_node = node.get("fonts")
    for role, family in theme.get("fonts", ()):
        where = fonts_node.get(role).loc
        if role not in FONT_ROLES:
            v.errors.error(where, f"theme.fonts : rôle « {role} » inconnu ; rôles : "
                                  f"{', '.join(FONT_ROLES)}" + did_you_mean(role, FONT_ROLES))
            continue
        import fontpkg

        try:
            fontpkg.family(family)
        except fontpkg.FontpkgError:
            v.errors.error(where, f"theme.fonts.{role} : police « {family} » non installée ;"
                                  f" installez le paquet Python fontpkg-{family}"
                                  " (polices libres OFL)")
    cmyk_node = node.get("cmyk")
    if theme.get("cmyk"):
        from kit.layout.theme import DEFAULT_PALETTE

        for name, _ in theme["cmyk"]:
            if name not in DEFAULT_PALETTE:
                v.errors.error(cmyk_node.get(name).loc,
                               f"theme.cmyk : couleur « {name} » inconnue ; couleurs : "
                               f"{', '.join(DEFAULT_PALETTE)}" + did_you_mean(name,
                                                                               DEFAULT_PALETTE))
    palette_node = node.get("palette")
    palette = dict(theme.get("palette", ()))
    if palette:
        from kit.layout.theme import DEFAULT_PALETTE, TEXT_PAIRS, contrast_of

        for name in palette:
            if name not in DEFAULT_PALETTE:
                v.errors.error(palette_node.get(name).loc,
                               f"theme.palette : couleur « {name} » inconnue ; couleurs : "
                               f"{', '.join(DEFAULT_PALETTE)}" + did_you_mean(name,
                                                                               DEFAULT_PALETTE))
        merged = {**DEFAULT_PALETTE, **palette}
        for text, background in TEXT_PAIRS:
            if text not in palette and background not in palette:
                continue
            ratio = contrast_of(merged[text], merged[background])
            if ratio < 4.5:
                culprit = text if text in palette else background
                v.errors.error(palette_node.get(culprit).loc,
                               f"theme.palette : « {text} » sur « {background} » n'a qu'un"
                               f" contraste de {ratio:.1f}:1 ; il faut 4,5:1 au moins pour"
                               " être lu de tous")

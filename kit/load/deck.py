"""Find a deck, read it with its `extends` chain, merge by id, and validate it."""

from __future__ import annotations

import errno
from dataclasses import replace
from pathlib import Path

from kit.errors import Collector, Diagnostic, KitError, Loc
from kit.load.canvases import check_wording
from kit.load.keys import canonical_deck
from kit.load.remove import apply_remove
from kit.load.sheets import expand_sheets
from kit.load.yamlsrc import YMap, YScalar, YSeq, load_yaml
from kit.model.deck import ENTITY_KINDS, Deck
from kit.resources import deck_ids, display_path
from kit.validate import did_you_mean, validate_tree

DEFAULT_DECK = "cooperation"
MAX_EXTENDS_DEPTH = 10


def resolve_deck(ref: str | None, cwd: Path | None = None) -> Path:
    """DECK as typed on the command line (id, folder or deck.yaml) → path of its deck.yaml."""
    cwd = (cwd or Path.cwd()).resolve()
    ref = ref or DEFAULT_DECK
    candidate = cwd / ref
    try:
        is_file, is_dir = candidate.is_file(), candidate.is_dir()
    except (OSError, ValueError, RuntimeError):  # too long a name, a NUL, a symlink loop
        is_file = is_dir = False
    if is_file:
        return candidate.resolve()
    if is_dir:
        if (candidate / "deck.yaml").is_file():
            return (candidate / "deck.yaml").resolve()
        raise KitError(
            Diagnostic(Loc(display_path(candidate, cwd)), "ce dossier ne contient pas de deck.yaml")
        )
    known = deck_ids(cwd)
    if ref in known:
        return known[ref].resolve()
    if ref.strip().lower() in known:  # ids are lower case: « kit build Cooperation » too
        return known[ref.strip().lower()].resolve()
    from kit.resources import builtin_root, local_deck_ids

    mine = local_deck_ids(cwd)
    shipped = sorted(p.parent.name for p in (builtin_root() / "decks").glob("*/deck.yaml"))
    here = f"{cwd / 'decks'}/" + (f" ({', '.join(mine)})" if mine else " (aucun deck)")
    raise KitError(
        Diagnostic(
            Loc(ref),
            "deck introuvable : ni fichier, ni dossier, ni identifiant connu ; cherché dans"
            f" {here}, puis parmi les decks fournis avec le kit ({', '.join(shipped)})."
            " Lancez kit depuis le dossier qui contient decks/, ou donnez le chemin du"
            " dossier du deck" + did_you_mean(ref, known),
        )
    )


def load_deck(ref: str | Path | None = None, cwd: Path | None = None) -> Deck:
    """Load and validate a deck, following `extends`; raises KitError listing every problem."""
    cwd = (cwd or Path.cwd()).resolve()
    path = Path(ref) if isinstance(ref, Path) else resolve_deck(ref, cwd)
    path = path.resolve()
    tree, removed, base_id, problems, notes = _read_merged(path, cwd, chain=())
    problems += _id_matches_folder(tree, path)
    try:
        deck = validate_tree(
            tree,
            Loc(display_path(path, cwd), 1, 1),
            path.parent,
            removed=removed,
            extends=base_id,
            check_canvases=lambda wordings, language: check_wording(wordings, language, cwd),
        )
    except KitError as exc:
        raise KitError([*problems, *exc.diagnostics]) from None
    if problems:
        raise KitError(problems)
    return replace(deck, notes=tuple(notes)) if notes else deck


def read_file(path: Path, cwd: Path):
    name = display_path(path, cwd)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise KitError(
            Diagnostic(Loc(name), "c'est un dossier, pas un fichier deck.yaml")
        ) from None
    except OSError as exc:
        from kit.finish import os_problem

        problem = "pas le droit de le lire" if exc.errno in (errno.EACCES, errno.EPERM) \
            else os_problem(exc)
        raise KitError(Diagnostic(Loc(name), f"lecture impossible : {problem}")) from None
    return load_yaml(data, name)


def _resolve_extends(value: str, child: Path, cwd: Path) -> Path | None:
    """`extends:` is a deck id (sibling folders, then ./decks, then built-ins) or a path."""
    try:
        return _find_extends(value, child, cwd)
    except (OSError, ValueError, RuntimeError):  # too long a name, a NUL, a symlink loop
        return None


def _find_extends(value: str, child: Path, cwd: Path) -> Path | None:
    if value.endswith((".yaml", ".yml")) or "/" in value or value.startswith("."):
        target = (child.parent / value).resolve()
        if target.is_dir():
            target = target / "deck.yaml"
        return target if target.is_file() else None
    candidates = [child.parent.parent / value / "deck.yaml", cwd / "decks" / value / "deck.yaml"]
    known = deck_ids(cwd)
    if value in known:
        candidates.append(known[value])
    from kit.resources import builtin_root

    candidates.append(builtin_root() / "decks" / value / "deck.yaml")
    for c in candidates:
        # a local deck may share its base's id: skip itself and look further out
        if c.is_file() and c.resolve() != child.resolve():
            return c.resolve()
    return None


def _read_merged(path: Path, cwd: Path, chain: tuple[Path, ...]):
    """Return (merged tree, {removed id: loc of the remove entry}, base deck id or None,
    problems found while merging, reported with the validator's, and notes: what a `remove`
    took along with it)."""
    tree = read_file(path, cwd)
    if not isinstance(tree, YMap):
        raise KitError(
            Diagnostic(tree.loc, "un deck commence par des lignes « clé: valeur » (kit: 1,"
                                 " id: …, title: …)")
        )
    problems: list[Diagnostic] = []
    # French keys become English ones, `credits: <text>` becomes `credits: {text: …}`
    tree = canonical_deck(tree, problems)
    # lists given as `{from: FILE.csv}` or `{from: FILE.ods, sheet: …}`, read before merging
    tree = expand_sheets(tree, path, cwd)
    extends = tree.get("extends")
    remove = tree.get("remove")
    # an id given twice in one file is a mistake, whether or not the file extends another
    # (merging by id would otherwise fold the second entry into the first in silence)
    repeated = _repeated_ids(tree, extends=extends is not None)
    if extends is None:
        if remove is not None:
            raise KitError(
                Diagnostic(tree.key_loc("remove"), f"« {tree.written('remove')} » n'a de sens"
                                                   " qu'avec « extends » (le deck de base)")
            )
        return tree, {}, None, [*problems, *repeated], []
    if not isinstance(extends, YScalar) or not extends.value:
        raise KitError(
            Diagnostic(extends.loc, f"{tree.written('extends')} : attendu l'identifiant ou le"
                                    " chemin d'un deck, par exemple « extends: cooperation »")
        )
    if len(chain) >= MAX_EXTENDS_DEPTH:
        raise KitError(Diagnostic(extends.loc, f"plus de {MAX_EXTENDS_DEPTH} decks enchaînés"))
    base_path = _resolve_extends(extends.value, path, cwd)
    if base_path is None:
        raise KitError(
            Diagnostic(
                extends.loc,
                f"deck de base « {extends.value} » introuvable (dossiers voisins, ./decks,"
                " decks fournis)" + did_you_mean(extends.value, deck_ids(cwd)),
            )
        )
    if base_path in chain or base_path == path:
        cycle = " → ".join(display_path(p, cwd) for p in (*chain, path, base_path))
        raise KitError(Diagnostic(extends.loc, f"extends forme une boucle : {cycle}"))
    base, removed, _, base_problems, notes = _read_merged(base_path, cwd, (*chain, path))
    base_id = base.get("id").value if isinstance(base.get("id"), YScalar) else None
    # remove from the base first: an id removed then given again is replaced, not merged
    errors = Collector()
    newly_removed, new_notes = apply_remove(base, remove, _given_ids(tree), errors,
                                            tree.written("remove"))
    merged = _merge_top(base, tree)
    for key in ("extends", "remove"):
        merged.entries.pop(key, None)
    # the format version and the id are the extending deck's own, never inherited: dropping
    # them lets the validator report them missing along with every other problem
    for key in ("kit", "id"):
        if key not in tree.entries:
            merged.entries.pop(key, None)
    return (merged, {**removed, **newly_removed}, base_id,
            [*base_problems, *problems, *repeated, *errors.diagnostics], [*notes, *new_notes])


def _given_ids(tree: YMap) -> set[str]:
    """The ids a deck gives in its own entity lists."""
    out = set()
    for kind in ENTITY_KINDS:
        seq = tree.get(kind)
        if isinstance(seq, YSeq):
            out |= {_entity_id(n) for n in seq.items if _entity_id(n)}
    return out


def _repeated_ids(tree: YMap, extends: bool) -> list[Diagnostic]:
    """Every id written twice in this one file, reported at both places.

    The second place gets the validator's own message (the same text, so a standalone deck,
    which the validator checks too, shows it once) when the file `extends` another: its
    entries are merged by id before the validator sees them."""
    from kit.model.schema import ENTITY_KIND_NAMES

    seen: dict[str, tuple[str, Loc]] = {}
    problems = []
    keys = list(tree.entries)
    for kind in sorted(ENTITY_KINDS, key=lambda k: keys.index(k) if k in keys else len(keys)):
        seq = tree.get(kind)
        if not isinstance(seq, YSeq):
            continue
        for node in seq.items:
            id_node = node.get("id") if isinstance(node, YMap) else None
            if not isinstance(id_node, YScalar) or not id_node.value:
                continue
            if id_node.value not in seen:
                seen[id_node.value] = (kind, id_node.loc)
                continue
            first_kind, first_loc = seen[id_node.value]
            problems.append(Diagnostic(
                first_loc, f"identifiant « {id_node.value} » repris plus loin"
                           f" ({ENTITY_KIND_NAMES[kind]}, {id_node.loc}) : chaque identifiant"
                           " est unique dans le deck" + (" ; pour modifier un élément du deck de"
                                                         " base, donnez son id une seule fois"
                                                         if extends else "")))
            if extends:
                problems.append(Diagnostic(
                    id_node.loc, f"identifiant « {id_node.value} » déjà utilisé"
                                 f" ({ENTITY_KIND_NAMES[first_kind]}, {first_loc}) : chaque"
                                 " identifiant est unique dans le deck"))
    return problems


def _id_matches_folder(tree: YMap, path: Path) -> list[Diagnostic]:
    """decks/<folder>/deck.yaml must say `id: <folder>` (the folder's name as an id: « île de
    ré » → ile-de-re): a copied folder that keeps the old id would otherwise build into the
    other deck's output folder."""
    if path.name != "deck.yaml" or path.parent.parent.name != "decks":
        return []
    from kit.validate import slugify

    folder = path.parent.name
    expected = slugify(folder)
    id_node = tree.get("id")
    if not isinstance(id_node, YScalar) or not id_node.value or id_node.value == expected:
        return []
    also = f" (ou renommez le dossier en « {id_node.value} »)" if expected == folder else ""
    return [Diagnostic(id_node.loc, f"l'identifiant « {id_node.value} » ne correspond pas au"
                                    f" dossier du deck (decks/{folder}/) : écrivez"
                                    f" « id: {expected} »{also} ; deux decks ne peuvent pas"
                                    " partager un identifiant")]


def _merge_mapping(base: YMap, child: YMap) -> YMap:
    """Child keys override base keys; nested mappings merge the same way."""
    out = YMap(dict(base.entries), child.loc, _names(base, child))
    for key, (key_loc, value) in child.entries.items():
        old = base.get(key)
        if isinstance(old, YMap) and isinstance(value, YMap):
            value = _merge_mapping(old, value)
        out.entries[key] = (key_loc, value)
    return out


def _names(base: YMap, child: YMap) -> dict[str, str]:
    """The spellings of a merged mapping's keys: each key as the file that gave it wrote it."""
    out = {k: v for k, v in base.names.items() if k not in child.entries}
    out.update(child.names)
    return out


def _entity_id(node) -> str | None:
    if isinstance(node, YMap):
        id_node = node.get("id")
        if isinstance(id_node, YScalar):
            return id_node.value
    return None


def _merge_entities(base: YSeq, child: YSeq) -> YSeq:
    """Fields given for an existing id override it; new ids are appended in order."""
    items = list(base.items)
    index = {_entity_id(n): i for i, n in enumerate(items) if _entity_id(n)}
    for node in child.items:
        entity_id = _entity_id(node)
        if entity_id in index:
            old = items[index[entity_id]]
            merged = YMap(dict(old.entries), node.loc, _names(old, node))
            merged.entries.update(node.entries)
            items[index[entity_id]] = merged
        else:
            if entity_id:
                index[entity_id] = len(items)
            items.append(node)
    return YSeq(items, child.loc)


def _merge_top(base: YMap, child: YMap) -> YMap:
    out = YMap(dict(base.entries), child.loc, _names(base, child))
    for key, (key_loc, value) in child.entries.items():
        old = base.get(key)
        if key in ENTITY_KINDS and isinstance(old, YSeq) and isinstance(value, YSeq):
            value = _merge_entities(old, value)
        elif isinstance(old, YMap) and isinstance(value, YMap):
            value = _merge_mapping(old, value)
        out.entries[key] = (key_loc, value)
    return out


def extends_chain(path: Path, cwd: Path | None = None) -> list[Path]:
    """The deck file, then the files it extends, nearest first (what `kit watch` watches).
    Stops quietly where the chain breaks: load_deck reports why."""
    cwd = (cwd or Path.cwd()).resolve()
    chain: list[Path] = []
    current: Path | None = Path(path).resolve()
    while current is not None and current not in chain and len(chain) <= MAX_EXTENDS_DEPTH:
        chain.append(current)
        try:
            tree = read_file(current, cwd)
        except KitError:
            break
        if isinstance(tree, YMap):  # `étend:` is `extends:` too
            tree = canonical_deck(tree, [])
        node = tree.get("extends") if isinstance(tree, YMap) else None
        if not isinstance(node, YScalar) or not node.value:
            break
        current = _resolve_extends(node.value, current, cwd)
    return chain

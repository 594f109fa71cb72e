"""Reading the career map's picture (:mod:`ui.map_svg`) back as a person's eyes would: which roles, moves, route,
rings and names it draws. Parsed as XML, so a picture that is not well-formed fails every test that reads it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"


def _text(element: ET.Element) -> str:
    """An element's text, its lines (``tspan``) joined by spaces."""
    spans = element.findall(f"{SVG}tspan")
    return " ".join("".join(s.itertext()) for s in spans) if spans else "".join(element.itertext())


@dataclass
class Picture:
    root: ET.Element

    @classmethod
    def of(cls, svg: str) -> Picture:
        return cls(ET.fromstring(svg))

    def _group(self, name: str) -> ET.Element | None:
        return next((g for g in self.root.iter(f"{SVG}g") if g.get("class") == name), None)

    def _picks(self, group: str) -> list[str]:
        found = self._group(group)
        return [] if found is None else [g.get("data-pick") for g in found if g.get("class") == "pick"]

    @property
    def roles(self) -> list[str]:
        """The roles drawn, a clickable marker each, in the layout's order."""
        return self._picks("roles")

    @property
    def cells(self) -> list[str]:
        """The overview's circles: each one's discipline."""
        return self._picks("cells")

    @property
    def moves(self) -> dict[str, int]:
        """How many moves of each kind are drawn."""
        return {g.get("data-kind"): len(g) for g in self.root.iter(f"{SVG}g") if g.get("class") == "moves"}

    def move_labels(self, kind: str) -> list[str]:
        """The hover label of each move of ``kind`` drawn ("" for a move drawn without one)."""
        groups = [g for g in self.root.iter(f"{SVG}g") if g.get("class") == "moves" and g.get("data-kind") == kind]
        return [
            "".join(title.itertext()) if (title := move.find(f"{SVG}title")) is not None else ""
            for g in groups
            for move in g
        ]

    @property
    def route(self) -> list[str]:
        found = self._group("route")
        return [] if found is None else found.get("data-roles").split()

    def ringed(self, kind: str) -> str | None:
        """The role ringed as ``selected`` (my current role) or ``found`` (on the overview)."""
        ring = next((c for c in self.root.iter(f"{SVG}circle") if c.get("class") == kind), None)
        return None if ring is None else ring.get("data-role")

    @property
    def disciplines(self) -> list[str]:
        """The disciplines named at the left, top to bottom."""
        return [_text(t) for t in self.root.iter(f"{SVG}text") if t.get("class") == "discipline"]

    @property
    def texts(self) -> list[str]:
        """Every text drawn on the picture (axes, names, labels, counts)."""
        return [_text(t) for t in self.root.iter(f"{SVG}text")]

    @property
    def titles(self) -> list[str]:
        """Every hover label."""
        return ["".join(t.itertext()) for t in self.root.iter(f"{SVG}title")]

    @property
    def name(self) -> str:
        """The picture's accessible name."""
        return self.root.get("aria-label")


def svg_pictures(at) -> list[str]:
    """The SVG of every picture (:mod:`ui.svg_picture`) a page run sent to the browser (AppTest), in order; the
    page's other components (a list, what keeps the focus on its tabs) left out."""
    data = [json.loads(element.proto.json or "null") for element in at.get("bidi_component")]
    return [d["svg"] for d in data if isinstance(d, dict) and "svg" in d]


def picture(at) -> Picture:
    """The map's picture a page run sent to the browser (AppTest)."""
    (svg,) = svg_pictures(at)
    return Picture.of(svg)

"""Paragraph alignment on hand-made unit vectors: which moves it takes and what it leaves out."""
from __future__ import annotations

import numpy as np
from mkdocs_corpus.pipeline.translations.alignment import Units, align


def unit_vectors(*concepts: tuple[int, ...], dim: int = 16) -> np.ndarray:
    """One row per unit: the normalised sum of the basis vectors of the concepts it expresses."""
    out = np.zeros((len(concepts), dim), dtype=np.float32)
    for row, ids in enumerate(concepts):
        out[row, list(ids)] = 1.0
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def texts(n: int, length: int = 80) -> list[str]:
    return ["x" * length] * n


def test_one_to_one_with_unmatched_units_on_both_sides() -> None:
    source = unit_vectors((0,), (1,), (2,), (3,), (9,))
    target = unit_vectors((1,), (8,), (2,), (3,))
    alignment = align(Units.of("a", texts(5), source), Units.of("b", texts(4), target))
    assert alignment.pairs == (
        ((0,), ()),
        ((1,), (0,)),
        ((), (1,)),
        ((2,), (2,)),
        ((3,), (3,)),
        ((4,), ()),
    )
    assert alignment.coverage == round(6 / 9, 4)
    assert (alignment.source, alignment.target) == ("a", "b")


def test_two_units_rendered_as_one() -> None:
    source = unit_vectors((0,), (1,), (2,), (3,))
    target = unit_vectors((0,), (1, 2), (3,))
    alignment = align(Units.of("a", texts(4), source), Units.of("b", ["x" * 80, "x" * 160, "x" * 80], target))
    assert alignment.pairs == (((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)))
    assert alignment.coverage == 1.0


def test_one_unit_rendered_as_two() -> None:
    source = unit_vectors((0,), (1, 2), (3,))
    target = unit_vectors((0,), (1,), (2,), (3,))
    alignment = align(Units.of("a", ["x" * 80, "x" * 160, "x" * 80], source), Units.of("b", texts(4), target))
    assert alignment.pairs == (((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)))


def test_crossing_order_is_not_followed() -> None:
    # Alignment is monotonic: of two swapped units only one can be paired.
    source = unit_vectors((0,), (1,), (2,), (3,))
    target = unit_vectors((0,), (2,), (1,), (3,))
    alignment = align(Units.of("a", texts(4), source), Units.of("b", texts(4), target))
    matched = [p for p in alignment.pairs if p[0] and p[1]]
    assert len(matched) == 3 and alignment.pairs[0] == ((0,), (0,)) and alignment.pairs[-1] == ((3,), (3,))


def test_empty_sides() -> None:
    empty = np.zeros((0, 16), dtype=np.float32)
    assert align(Units.of("a", [], empty), Units.of("b", [], empty)).pairs == ()
    alignment = align(Units.of("a", texts(2), unit_vectors((0,), (1,))), Units.of("b", [], empty))
    assert alignment.pairs == (((0,), ()), ((1,), ())) and alignment.coverage == 0.0


def test_shared_numbers_and_names_pull_units_together() -> None:
    # Vectors that barely tell the units apart: the anchors decide.
    rng = np.random.default_rng(0)
    source = rng.normal(size=(2, 16)).astype(np.float32)
    source /= np.linalg.norm(source, axis=1, keepdims=True)
    target = source[::-1] * 0.2 + source * 0.2
    target /= np.linalg.norm(target, axis=1, keepdims=True)
    alignment = align(
        Units.of("a", ["Anna Keller opened it in 1887.", "It cost 3.2 million, said Vesta Bau."], source),
        Units.of("b", ["Anna Keller eröffnete sie 1887.", "Sie kostete 3,2 Millionen, sagte Vesta Bau."], target),
    )
    assert alignment.pairs == (((0,), (0,)), ((1,), (1,)))

"""Facet values as filter links: the sidebar's panels and the chips under each hit."""

from __future__ import annotations

from dataclasses import dataclass

from searchapp.engine import EXTRACTED, FACET_FIELDS, UNDATED
from searchapp.web.search_urls import SearchUrls

MODE_LABELS = {"all": "", "any": "any of", "not": "not"}  # how a chip names its filter's mode
FACET_LABELS = {
    "country": "Country",
    "official": "Official",
    "topic": "Topic",
    "country_pair": "Country pair",
    "source": "Source",
    "year": "Year",
}
# Hit attribute -> the search parameter that filters on it ("countries" -> "country").
HIT_FACETS = tuple((attribute, field) for field, attribute in EXTRACTED.items())
CHIPS_PER_FACET = 4  # chips shown per facet on a hit; selected values always show
FACET_TOP = 8  # values shown before "show all"


@dataclass(frozen=True)
class FilterLink:
    """A facet value as a link that adds its filter, or removes it when selected."""

    field: str
    value: str
    selected: bool
    url: str
    count: int | None = None  # articles with the value, in the facet sidebar
    mode: str | None = None  # how it is chosen: "all", "any" or "not"; None when it is not
    any_url: str = ""  # the search with the value as one of several to have (country_any=)
    not_url: str = ""  # the search without the articles that have it (country_not=)


def filter_link(urls: SearchUrls, field: str, value: str, count: int | None = None) -> FilterLink:
    return FilterLink(
        field, value, urls.is_selected(field, value), urls.toggle(field, value), count, urls.mode_of(field, value),
        urls.choose(field, value, "any"), urls.choose(field, value, "not"),
    )


def hit_chips(hit, urls: SearchUrls) -> tuple[list[FilterLink], int]:
    """A hit's facet values as filter chips, a few per facet, and how many were left out."""
    chips, left_out = [], 0
    for attribute, field in HIT_FACETS:
        values = getattr(hit, attribute)
        for n, value in enumerate(values):
            chip = filter_link(urls, field, value)
            if n < CHIPS_PER_FACET or chip.selected:
                chips.append(chip)
            else:
                left_out += 1
    return chips, left_out


@dataclass(frozen=True)
class FacetPanel:
    field: str
    label: str
    top: list[FilterLink]  # the most frequent values, always shown
    rest: list[FilterLink]  # behind "show all"
    rest_open: bool  # a selected value is among the rest
    values_api: str = ""  # GET /api/facets/<field> within this search, for the value box


def facet_panels(result, urls: SearchUrls) -> list[FacetPanel]:
    panels = []
    for field in FACET_FIELDS:
        links = [filter_link(urls, field, fc.value, fc.count) for fc in result.facets.get(field, [])]
        if not links:
            continue
        top, rest = links[:FACET_TOP], links[FACET_TOP:]
        if field == "year":
            top, rest = undated_always_shown(top, rest)
        panels.append(
            FacetPanel(
                field=field,
                label=FACET_LABELS[field],
                top=top,
                rest=rest,
                rest_open=any(link.selected for link in rest),
                values_api=urls.facet_values_api(field),
            )
        )
    return panels


def undated_always_shown(top: list[FilterLink], rest: list[FilterLink]) -> tuple[list[FilterLink], list[FilterLink]]:
    """Move the year facet's "undated" value out of "show all", so undated articles are never out of sight."""
    undated = [link for link in rest if link.value == UNDATED]
    return top + undated, [link for link in rest if link.value != UNDATED]

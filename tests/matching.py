"""Matching error messages in bad-input tests: the argument's name as a whole word."""

import re


def whole_words(match: str) -> str:
    """The message must name the argument as a word of its own: every alternative of
    ``match`` that is an identifier (``n``, ``s``, ``costs``, ``max_players``) is matched
    between word boundaries, so ``n`` does not match "the number", nor ``claim``
    "claims"; the one-letter name ``a`` must not be the English article ("a real
    number"). Other alternatives (phrases, regexes) are used as written."""
    def word(alt):
        if alt == "a":
            return r"\ba\b(?! (?!must\b)[a-z])"
        return rf"\b{alt}\b" if re.fullmatch(r"\w+", alt) else alt
    return "|".join(word(alt) for alt in match.split("|"))

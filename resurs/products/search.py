"""Russian full-text search of the bank of best practices (SPEC §7, §12; 001 § 2.2): «урок» finds «уроки», «уроков».

One function, `search()`, serves both databases. Every product keeps `search_text`: the words of its title,
annotation, keywords and authors reduced to their dictionary forms by pymorphy3 (ё read as е), between spaces. The
query's words are reduced the same way, so word forms meet in the dictionary form on both databases:

- PostgreSQL: the stored column `search_vector` = `to_tsvector('russian', search_text)` (a generated column,
  migration 0003) matched by `to_tsquery('russian', …)` through its GIN index, all words required;
- SQLite (the embedded first-run database): every query word as a ` word ` substring of `search_text`.

Reducing the words before the `russian` stemmer also joins forms the stemmer alone cannot (дети → ребёнок).
"""

import functools
import re

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

WORD = re.compile(r"[\w]+", re.UNICODE)
MAX_WORDS = 12  # a longer query is cut: the bank is searched by a few words, not by a pasted text
CONFIG = "russian"


@functools.lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


# Words that carry no meaning for the search (prepositions, conjunctions, particles): PostgreSQL's `russian`
# configuration drops them from a query, so both databases leave them out of the text and the query alike.
STOP_WORDS = frozenset(
    [
        "а",
        "без",
        "в",
        "во",
        "да",
        "для",
        "до",
        "же",
        "за",
        "и",
        "из",
        "или",
        "к",
        "ко",
        "ли",
        "на",
        "над",
        "не",
        "ни",
        "но",
        "о",
        "об",
        "от",
        "по",
        "под",
        "при",
        "про",
        "с",
        "со",
        "то",
        "у",
    ]
)
MAX_FORMS = 3  # the dictionary forms kept for an ambiguous word (математика: математика or математик)


@functools.lru_cache(maxsize=50000)
def forms(word):
    """The dictionary forms of one lower-case word: of its likeliest parses, so that an ambiguous word
    (математика: математика, or the genitive of математик) is found by either; digits and Latin as they are."""
    word = word.replace("ё", "е")
    if not re.search(r"[а-я]", word):
        return (word,)
    found = []
    for parse in _morph().parse(word):
        form = parse.normal_form.replace("ё", "е")
        if form not in found:
            found.append(form)
        if len(found) == MAX_FORMS:
            break
    return tuple(found) or (word,)


def words(text):
    """The meaningful words of `text`, lower case, each once, in order."""
    seen = []
    for word in WORD.findall((text or "").lower().replace("ё", "е")):
        word = word.strip("_")
        if word and word not in STOP_WORDS and word not in seen:
            seen.append(word)
    return seen


def lemmas(text):
    """The dictionary forms of the words of `text` (every form of an ambiguous word), each once."""
    seen = []
    for word in words(text):
        for form in forms(word):
            if form not in seen:
                seen.append(form)
    return seen


def normalize(*parts):
    """The stored search text of a record: its words' dictionary forms between spaces (` урок математика `)."""
    found = lemmas(" ".join(p for p in parts if p))
    return f" {' '.join(found)} " if found else ""


def search(queryset, text, field="search_text"):
    """The rows of `queryset` whose search text has every word of `text` in one of its dictionary forms; all rows
    when `text` has no words."""
    groups = [forms(word) for word in words(text)[:MAX_WORDS]]
    if not groups:
        return queryset
    if connection.vendor == "postgresql":
        # (form | form) & (form): the words are \w+ only, so the raw syntax needs no escaping.
        # The stored column `search_vector` is to_tsvector('russian', search_text), GIN-indexed (migration 0003).
        raw = " & ".join("(" + " | ".join(group) + ")" for group in groups)
        table = connection.ops.quote_name(queryset.model._meta.db_table)
        sql = f"{table}.search_vector @@ to_tsquery('{CONFIG}'::regconfig, %s)"  # constant text, the query a parameter
        condition = RawSQL(sql, [raw], BooleanField())  # noqa: S611
        return queryset.filter(condition)
    condition = Q()
    for group in groups:
        either = Q()
        for form in group:
            either |= Q(**{f"{field}__contains": f" {form} "})
        condition &= either
    return queryset.filter(condition)

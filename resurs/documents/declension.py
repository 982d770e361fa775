"""Russian declension of people's names for official documents (petrovich rules; gender from the patronymic).

The rules are petrovich's (shipped with the `Petrovich` package), applied the way the reference petrovich
implementations do: a rule for either gender ("androgynous") applies to both, and a rule whose change is "." leaves
the word as it is. The Python port skips androgynous rules when a gender is given and treats "." as "try the next
rule", which produced «Ольгы», «Седыха» and an undeclined «Кузьма»; hence this small matcher over the same data.
"""

from petrovich.main import Petrovich

_RULES = Petrovich().data

# case name -> index of the rule's change list (petrovich order); None: the nominative, nothing to change.
CASES = {
    "nominative": None,
    "genitive": 0,
    "dative": 1,
    "accusative": 2,
    "instrumental": 3,
    "prepositional": 4,
}
VOWELS = set("аяоёеэиыую")


def gender_of(patronymic, name="", fallback="m"):
    """'m' or 'f' from the patronymic (-вич/-ич/-оглы → m, -вна/-чна/-кызы → f)."""
    p = (patronymic or "").strip().lower()
    if p.endswith(("вна", "чна", "шна", "кызы", "гызы")):
        return "f"
    if p.endswith(("вич", "ич", "оглы", "улы")):
        return "m"
    n = (name or "").strip().lower()
    if n and n.endswith(("а", "я")) and n not in ("илья", "никита", "фома", "кузьма", "лука", "савва", "данила"):
        return "f"
    return fallback


def _find_rule(rules, gender, word, *, whole_word, first_word):
    for rule in rules:
        if rule["gender"] not in ("androgynous", gender):
            continue
        if "first_word" in rule.get("tags", ()) and not first_word:
            continue
        for sample in rule["test"]:
            if (word == sample) if whole_word else word.endswith(sample):
                return rule
    return None


def _inflect(word, case, form, gender, first_word=True):
    """One word (no hyphen) in the case with index `case`."""
    if not word:
        return word
    lower = word.lower()
    if form == "lastname" and gender == "female" and lower[-1] not in VOWELS:
        # A woman's surname ending in a consonant, «й» or «ь» does not decline: Шевчук, Цой, Лебедь.
        return word
    data = _RULES[form]
    rule = _find_rule(data.get("exceptions", []), gender, lower, whole_word=True, first_word=first_word)
    if rule is None:
        rule = _find_rule(data["suffixes"], gender, lower, whole_word=False, first_word=first_word)
    if rule is None:
        return word
    change = rule["mods"][case]
    if change == ".":
        return word
    return word[: len(word) - change.count("-")] + change.replace("-", "")


def _decline_part(value, case, form, gender):
    """A surname, name or patronymic; each part of a hyphenated one declines on its own (Петровой-Водкиной)."""
    parts = value.split("-")
    return "-".join(_inflect(part, case, form, gender, first_word=i == 0) for i, part in enumerate(parts))


def decline_name(surname, name, patronymic="", case="nominative", gender=None):
    """Full name in the given case: decline_name('Иванова', 'Мария', 'Петровна', 'accusative') → 'Иванову Марию Петровну'."""
    gender = gender or gender_of(patronymic, name)
    target = CASES[case]
    if target is None:
        return " ".join(p for p in (surname, name, patronymic) if p)
    g = "female" if gender == "f" else "male"
    parts = [
        _decline_part(surname, target, "lastname", g) if surname else "",
        _decline_part(name, target, "firstname", g) if name else "",
        # «Рашид оглы», «Алиевна кызы» style patronymics stay as they are in official documents.
        _decline_part(patronymic, target, "middlename", g)
        if patronymic and " " not in patronymic.strip()
        else patronymic,
    ]
    return " ".join(p for p in parts if p)


def by_gender(gender, masculine, feminine):
    """Pick the gendered word form: by_gender('f', 'ответственным', 'ответственной')."""
    return feminine if gender == "f" else masculine


_morph = None


def decline_organization(name, case="dative"):
    """«Муниципальное автономное общеобразовательное учреждение «СОШ № 2»» → «…учреждению «СОШ № 2»» (dative).

    Declines the leading nominative phrase up to and including its head noun (pymorphy3); the dependent words
    after it («дополнительного образования») and the quoted proper name stay as they are.
    """
    global _morph
    if _morph is None:
        import pymorphy3

        _morph = pymorphy3.MorphAnalyzer()
    grammeme = {
        "dative": "datv",
        "genitive": "gent",
        "accusative": "accs",
        "instrumental": "ablt",
        "prepositional": "loct",
    }[case]
    head, quote, rest = name.partition("«")
    words = head.split()
    out = []
    declining = True
    for word in words:
        if declining and word.isupper() and len(word) > 1:  # an abbreviation (МБОУ) is not declined
            declining = False
        if declining:
            parse = next(
                (p for p in _morph.parse(word) if "nomn" in p.tag and p.tag.POS in ("ADJF", "PRTF", "NOUN")), None
            )
            inflected = parse.inflect({grammeme}) if parse else None
            if inflected is None:
                declining = False
            else:
                form = inflected.word
                if word[:1].isupper():
                    form = form[:1].upper() + form[1:]
                out.append(form)
                if parse.tag.POS == "NOUN":
                    declining = False
                continue
        out.append(word)
    declined = " ".join(out)
    return f"{declined} {quote}{rest}".strip() if quote else declined

"""Russian declension of people's names for official documents (petrovich rules; gender from the patronymic)."""

from petrovich.enums import Case, Gender
from petrovich.main import Petrovich

_petrovich = Petrovich()

CASES = {
    "nominative": None,
    "genitive": Case.GENITIVE,
    "dative": Case.DATIVE,
    "accusative": Case.ACCUSATIVE,
    "instrumental": Case.INSTRUMENTAL,
    "prepositional": Case.PREPOSITIONAL,
}


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


def decline_name(surname, name, patronymic="", case="nominative", gender=None):
    """Full name in the given case: decline_name('Иванова', 'Мария', 'Петровна', 'accusative') → 'Иванову Марию Петровну'."""
    gender = gender or gender_of(patronymic, name)
    target = CASES[case]
    if target is None:
        return " ".join(p for p in (surname, name, patronymic) if p)
    g = Gender.FEMALE if gender == "f" else Gender.MALE
    parts = [
        _hyphenated(surname, lambda s: _petrovich.lastname(s, target, g)),
        _petrovich.firstname(name, target, g) if name else "",
        _petrovich.middlename(patronymic, target, g) if patronymic else "",
    ]
    return " ".join(p for p in parts if p)


def _hyphenated(surname, decline):
    if not surname:
        return ""
    return "-".join(decline(part) for part in surname.split("-"))


def by_gender(gender, masculine, feminine):
    """Pick the gendered word form: by_gender('f', 'ответственным', 'ответственной')."""
    return feminine if gender == "f" else masculine

"""Context builders for the center documents: plain values only, names declined in Russian (000 § 6.1; 001 § 5.3, 5.5)."""

from django.utils.translation import gettext as _

from resurs.documents.declension import by_gender, decline_name, decline_organization, gender_of

MONTHS_GENITIVE = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]

TITLES = {
    "creation": "О присвоении статуса ресурсного центра",
    "term": "О сроке деятельности ресурсного центра",
    "responsible": "О назначении ответственных лиц",
    "coordinator": "О назначении координатора ресурсного центра",
    "group": "Об утверждении состава творческой группы",
    "termination": "О прекращении деятельности ресурсного центра",
}

# What a person is appointed as, by function, in the instrumental case: masculine, feminine.
FUNCTIONS = {
    "head": ("руководителем ресурсного центра", "руководителем ресурсного центра"),
    "organizer": (
        "ответственным за организацию, координацию и контроль деятельности ресурсного центра",
        "ответственной за организацию, координацию и контроль деятельности ресурсного центра",
    ),
    "reporter": (
        "ответственным за представление отчётной информации о деятельности ресурсного центра",
        "ответственной за представление отчётной информации о деятельности ресурсного центра",
    ),
    "coordinator": ("координатором ресурсного центра", "координатором ресурсного центра"),
    "methodist": ("методистом ресурсного центра", "методистом ресурсного центра"),
    "group_member": ("членом творческой группы", "членом творческой группы"),
    "external": ("внештатным специалистом ресурсного центра", "внештатным специалистом ресурсного центра"),
}

REASONS = {
    "ineffective": "в связи с неэффективной работой (заключение департамента)",
    "completed": "в связи с завершением работы по реализуемому содержательному направлению",
    "improper": "в связи с ненадлежащим исполнением принятых на себя функций",
    "other": "",
}


def russian_date(value):
    """«15» мая 2026 г."""
    return f"«{value.day:02d}» {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def split_name(full_name):
    """Surname, name, patronymic; a patronymic of several words («Рашид оглы») is kept whole."""
    parts = (full_name or "").split()
    return [*(parts + ["", ""])[:2], " ".join(parts[2:])]


def appoint(full_name, function):
    """«назначить Иванову Марию Петровну ответственной за …»."""
    surname, name, patronymic = split_name(full_name)
    gender = gender_of(patronymic, name)
    person = decline_name(surname, name, patronymic, "accusative", gender)
    masculine, feminine = FUNCTIONS[function]
    return f"Назначить {person} {by_gender(gender, masculine, feminine)}"


def order_title(order):
    return TITLES.get(order.kind, _("Order"))


def order_context(order):
    """Plain values for the order template: issuer, number, date, title, numbered points, signature."""
    issuer = order.issuer
    center = order.center
    data = order.data or {}
    points = []
    if order.kind == "creation" and center:
        names = [d.name for d in center.directions.all()] or [center.name]
        directions = (
            f"по направлению «{names[0]}»"
            if len(names) == 1
            else "по направлениям " + ", ".join(f"«{n}»" for n in names)
        )
        term = ""
        if center.term_end:
            term = f" на срок с {center.term_start:%d.%m.%Y} по {center.term_end:%d.%m.%Y}"
        points.append(
            f"Присвоить {decline_organization(center.organization.full_name, 'dative')} статус «{center.kind.name}» "
            f"{directions}{term}."
        )
        if center.organization.director:
            points.append(appoint(center.organization.director, "head") + ".")
        points.append("Руководителю ресурсного центра в месячный срок представить план деятельности на согласование.")
    elif order.kind == "termination" and center:
        reason = REASONS.get(data.get("reason", ""), "") or data.get("text", "")
        points.append(
            f"Прекратить деятельность ресурсного центра «{center.name}» на базе {center.organization.full_name} {reason}.".replace(
                "  ", " "
            )
        )
        points.append("Документы ресурсного центра передать на хранение в образовательную организацию.")
    elif order.kind in ("responsible", "coordinator"):
        for person in data.get("persons", []):
            points.append(appoint(person["full_name"], person["function"]) + ".")
    elif order.kind == "group":
        names = [decline_name(*split_name(p), case="nominative") for p in data.get("members", [])]
        points.append(f"Утвердить состав творческой группы «{data.get('group', '')}»:")
        points.extend(f"— {n};" for n in names)
    for extra in data.get("points", []):
        points.append(extra)
    points.append("Контроль за исполнением приказа оставляю за собой.")
    is_department = order.issuer_municipality_id is not None
    return {
        "issuer": (issuer.department_name or issuer.name) if is_department else issuer.full_name,
        "city": issuer.name if is_department else issuer.municipality.name,
        "number": order.number,
        "date": russian_date(order.date),
        "title": order.title,
        "preamble": data.get("preamble", "В соответствии с положением о ресурсных центрах"),
        "points": [f"{i}. {text}" for i, text in enumerate(points, start=1)],
        "signer_position": data.get("signer_position", "Директор департамента" if is_department else "Директор"),
        "signer_name": data.get("signer_name", "" if is_department else issuer.director),
    }

"""Context builders for the center orders: plain values only, names declined in Russian (000 § 3.4, 3.11, 6.1;
001 § 5.3–5.8; 002 § 4.3). An issued order is a legal document: its values are frozen at issue (Order.frozen_context)
and every later rendering uses them."""

from django.utils import timezone
from django.utils.translation import gettext as _

from resurs.documents.declension import by_gender, decline_name, decline_organization, gender_of
from resurs.documents.engine import NBSP

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

# A group order's title and wording by the kind of association (a ГМО is not a creative group, 001 § 5.4, 5.9).
ASSOCIATIONS = {
    # kind: (the order's title, the kind's noun in the genitive)
    "creative_group": ("Об утверждении состава творческой группы", "творческой группы"),
    "gmo": (
        "Об утверждении состава городского методического объединения",
        "городского методического объединения",
    ),
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

# The ground of a termination (000 § 3.11; 003 § 3.2), named in the preamble.
REASONS = {
    "ineffective": "на основании заключения департамента о неэффективной работе ресурсного центра",
    "completed": "в связи с завершением работы по реализуемому содержательному направлению",
    "improper": "в связи с ненадлежащим исполнением ресурсным центром принятых на себя функций",
    "other": "",
}

REGULATION = "В соответствии с Положением о ресурсных центрах"
# Words that make a municipality's name a territory rather than a town: its place is written as it is.
TERRITORY_WORDS = ("район", "округ", "область", "край", "муниципальн", "поселени")


def russian_date(value):
    """«15» мая 2026 г."""
    return f"«{value.day:02d}» {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def split_name(full_name):
    """Surname, name, patronymic; a patronymic of several words («Рашид оглы») is kept whole."""
    parts = (full_name or "").split()
    return [*(parts + ["", ""])[:2], " ".join(parts[2:])]


def initials_name(full_name):
    """«Петрова Анна Сергеевна» → «А.С. Петрова» (initials, then the surname after a no-break space)."""
    surname, name, patronymic = split_name(full_name)
    if not name:
        return surname
    initials = "".join(f"{part[0].upper()}." for part in (name, patronymic) if part)
    return f"{initials}{NBSP}{surname}"


def place(municipality):
    """Where the order is signed: «г. Сургут», or the territory's name as it is («Нефтеюганский район»)."""
    name = municipality.name
    if any(word in name.lower() for word in TERRITORY_WORDS):
        return name
    return f"г.{NBSP}{name}"


def _lower_first(text):
    """Lower-case a declined common noun phrase («Ресурсного центра …» → «ресурсного центра …»), not an abbreviation."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() else text[:1].lower() + text[1:]


def center_reference(center, case="genitive"):
    """The center named once: «ресурсного центра «Цифровая школа»» for «Ресурсный центр «Цифровая школа»» (its name
    already says what it is), «ресурсного центра «Точка роста»» for a bare «Точка роста»."""
    name = center.name.strip()
    if "центр" in name.partition("«")[0].lower():
        return _lower_first(decline_organization(name, case))
    noun = {"genitive": "ресурсного центра", "prepositional": "ресурсном центре", "dative": "ресурсному центру"}[case]
    return f"{noun} «{name}»"


def association_reference(kind, name):
    """«творческой группы «Цифровой урок»» / «ГМО учителей математики»: the group's name in the genitive, with the
    kind's noun only when the name does not already carry it."""
    name = name.strip()
    head = name.partition("«")[0].lower()
    if head.startswith("гмо") or any(word in head for word in ("групп", "объединени")):
        return _lower_first(decline_organization(name, "genitive"))
    return f"{ASSOCIATIONS.get(kind, ASSOCIATIONS['creative_group'])[1]} «{name}»"


def appoint(full_name, function, center=None):
    """«Назначить Иванову Марию Петровну ответственной за …»; a coordinator is appointed to a named center."""
    surname, name, patronymic = split_name(full_name)
    gender = gender_of(patronymic, name)
    person = decline_name(surname, name, patronymic, "accusative", gender)
    if function == "coordinator" and center is not None:
        # The department coordinates many centers: its order says which one (000 § 3.4).
        organization = decline_organization(center.organization.full_name, "genitive")
        return f"Назначить {person} координатором {center_reference(center)} на базе {organization}"
    masculine, feminine = FUNCTIONS[function]
    return f"Назначить {person} {by_gender(gender, masculine, feminine)}"


def order_title(order):
    if order.kind == "group":
        kind = (order.data or {}).get("association_kind", "creative_group")
        return ASSOCIATIONS.get(kind, ASSOCIATIONS["creative_group"])[0]
    return TITLES.get(order.kind, _("Order"))


def _issuer_genitive(order):
    """«департамента образования администрации города …» / «Муниципального … учреждения …»."""
    if order.issuer_municipality_id:
        issuer = order.issuer_municipality
        return _lower_first(decline_organization(issuer.department_name or issuer.name, "genitive"))
    return decline_organization(order.issuer_organization.full_name, "genitive")


def _creation_ground(order):
    """«на основании приказа … от 10.06.2026 № 213 «О присвоении статуса ресурсного центра»», the act that gave the
    center its status; empty when the center has no creation order."""
    from .models import Order

    creation = (
        Order.objects.filter(center=order.center, kind=Order.Kind.CREATION)
        .exclude(pk=order.pk)
        .select_related("issuer_municipality", "issuer_organization")
        .order_by("date", "pk")
        .first()
    )
    if creation is None:
        return ""
    same_issuer = (creation.issuer_municipality_id, creation.issuer_organization_id) == (
        order.issuer_municipality_id,
        order.issuer_organization_id,
    )
    whose = "" if same_issuer else f" {_issuer_genitive(creation)}"
    return f"на основании приказа{whose} от {creation.date:%d.%m.%Y} № {creation.number} «{creation.title}»"


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


def _preamble(order):
    """The ground of the order: the council's decision on the application, the creation order, the regulation."""
    data = order.data or {}
    if data.get("preamble"):
        return data["preamble"]
    center = order.center
    grounds = []
    if order.kind == "creation" and order.application_id:
        application = order.application
        decided, submitted = _local_date(application.decided_at), _local_date(application.submitted_at)
        decision = "на основании решения экспертного совета"
        if decided and decided <= order.date:  # an order registered after the fact: the decision date is unknown
            decision += f" от {decided:%d.%m.%Y}"
        decision += f" по заявке {decline_organization(application.organization.full_name, 'genitive')}"
        if submitted:
            decision += f" от {submitted:%d.%m.%Y}"
        grounds.append(decision)
    elif order.kind == "termination":
        text = data.get("text", "").strip()
        grounds.append(REASONS.get(data.get("reason", ""), "") or (f"основание: {_lower_first(text)}" if text else ""))
    elif order.kind in ("responsible", "coordinator", "term") and center:
        grounds.append(_creation_ground(order))
    elif order.kind == "group" and data.get("association_kind") == "gmo":
        # 001 § 5.8: the head of a ГМО is appointed in agreement with the members of the association.
        grounds.append("по согласованию с членами методического объединения")
    regulation = REGULATION
    if center and order.kind in ("responsible", "group"):
        regulation = f"В соответствии с Положением о {center_reference(center, 'prepositional')}"
    return ", ".join([regulation, *[g for g in grounds if g]])


def _person(member):
    """(full name, line) of a group member stored as a name or as {"full_name", "organization"}."""
    if isinstance(member, dict):
        name = member.get("full_name", "")
        return name, f"{name}, {member['organization']}" if member.get("organization") else name
    return member or "", member or ""


def _points(order):
    """[(text, [sub-items])]: numbered points; the sub-items (a group's members) belong to their point."""
    center = order.center
    data = order.data or {}
    points = []
    if order.kind == "creation" and center:
        names = [d.name for d in center.directions.all()]
        directions = (
            ""
            if not names
            else f" по направлению «{names[0]}»"
            if len(names) == 1
            else " по направлениям " + ", ".join(f"«{n}»" for n in names)
        )
        term = ""
        if center.term_end:
            term = f" на срок с {center.term_start:%d.%m.%Y} по {center.term_end:%d.%m.%Y}"
        points.append(
            (
                f"Присвоить {decline_organization(center.organization.full_name, 'dative')} статус «{center.kind.name}»"
                f"{directions}{term}.",
                [],
            )
        )
        if center.organization.director:
            points.append((appoint(center.organization.director, "head") + ".", []))
        points.append(
            ("Руководителю ресурсного центра в месячный срок представить план деятельности на согласование.", [])
        )
    elif order.kind == "termination" and center:
        organization = decline_organization(center.organization.full_name, "genitive")
        points.append(
            (f"Прекратить деятельность {center_reference(center)} на базе {organization} с {order.date:%d.%m.%Y}.", [])
        )
        points.append(("Документы ресурсного центра передать на хранение в образовательную организацию.", []))
    elif order.kind in ("responsible", "coordinator"):
        for person in data.get("persons", []):
            points.append((appoint(person["full_name"], person["function"], center) + ".", []))
    elif order.kind == "group":
        group = association_reference(data.get("association_kind", "creative_group"), data.get("group", ""))
        head, head_line = _person(data.get("head") or "")
        if head:
            # 001 § 5.8: the head of the group (the ГМО's methodist) is appointed by the director's order.
            surname, name, patronymic = split_name(head)
            person = decline_name(surname, name, patronymic, "accusative")
            points.append((f"Назначить {person} руководителем {group}.", []))
        members = [line for name, line in map(_person, data.get("members", [])) if name != head]
        lines = ([f"{head_line} — руководитель"] if head else []) + members
        items = [f"— {line};" for line in lines]
        if items:
            items[-1] = items[-1][:-1] + "."
        points.append((f"Утвердить состав {group}:", items))
    for extra in data.get("points", []):
        points.append((extra, []))
    points.append(("Контроль за исполнением приказа оставляю за собой.", []))
    return points


def order_context(order):
    """Plain values for the order template from today's data: issuer, place, number, date, title, preamble, points
    (numbered; a group's members listed under their point), the signatory as «И.О. Фамилия», the file name."""
    issuer = order.issuer
    data = order.data or {}
    is_department = order.issuer_municipality_id is not None
    lines = []
    for number, (text, items) in enumerate(_points(order), start=1):
        lines.append(f"{number}. {text}")
        lines.extend(items)
    if is_department:
        signer = data.get("signer_name", issuer.department_head)
        about = order.center.organization.short_name if order.center_id else issuer.name
    else:
        signer = data.get("signer_name", issuer.director)
        about = issuer.short_name
    return {
        "issuer": (issuer.department_name or issuer.name) if is_department else issuer.full_name,
        "issuer_short": issuer.name if is_department else issuer.short_name,
        "city": place(issuer if is_department else issuer.municipality),
        "number": order.number,
        "date": russian_date(order.date),
        "date_short": f"{order.date:%d.%m.%Y}",
        "title": order.title,
        "preamble": _preamble(order),
        "points": lines,
        "signer_position": data.get(
            "signer_position",
            (issuer.department_head_position or "Директор департамента") if is_department else "Директор",
        ),
        "signer_name": initials_name(signer),
        "file_name": f"Приказ № {order.number} от {order.date:%d.%m.%Y} — {about}.docx",
    }


def document_context(order):
    """The values the order's document is rendered from: those frozen at issue, else (an order issued before the
    freeze) today's."""
    return order.frozen_context or order_context(order)

"""The reference lists shipped with the system (SPEC §2): installed by a data migration, editable afterwards.

Names are data in Russian, not interface strings. Installing is idempotent (get_or_create by name): existing
entries are left as they are (one switched off stays off), so a later release adds new defaults by calling
`install_defaults` again from a new migration. It runs once per database from a migration because an entry an
administrator renamed would be created again under its shipped name.
"""

SUBJECTS = [
    "Русский язык",
    "Литература",
    "Родной язык",
    "Родная литература",
    "Математика",
    "Алгебра",
    "Геометрия",
    "Вероятность и статистика",
    "Информатика",
    "История",
    "Обществознание",
    "География",
    "Биология",
    "Химия",
    "Физика",
    "Иностранный язык (английский)",
    "Иностранный язык (немецкий)",
    "Иностранный язык (французский)",
    "Иностранный язык (китайский)",
    "Начальные классы",
    "Окружающий мир",
    "Основы религиозных культур и светской этики (ОРКСЭ)",
    "Основы духовно-нравственной культуры народов России (ОДНКНР)",
    "Физическая культура",
    "ОБЗР",
    "Технология",
    "Музыка",
    "ИЗО",
    "Индивидуальный проект",
    "Дошкольное образование",
    "Дополнительное образование",
    "Коррекционная педагогика",
]

# (name, pedagogical position?) — heads and deputies are managerial, not pedagogical positions.
POSITIONS = [
    ("Учитель", True),
    ("Педагог-психолог", True),
    ("Учитель-логопед", True),
    ("Учитель-дефектолог", True),
    ("Социальный педагог", True),
    ("Педагог дополнительного образования", True),
    ("Воспитатель", True),
    ("Старший воспитатель", True),
    ("Методист", True),
    ("Старший методист", True),
    ("Педагог-организатор", True),
    ("Тьютор", True),
    ("Советник директора по воспитанию и взаимодействию с детскими общественными объединениями", True),
    ("Музыкальный руководитель", True),
    ("Инструктор по физической культуре", True),
    ("Преподаватель-организатор ОБЗР", True),
    ("Педагог-библиотекарь", True),
    ("Тренер-преподаватель", True),
    ("Концертмейстер", True),
    ("Заместитель директора по учебно-воспитательной работе", False),
    ("Заместитель директора по воспитательной работе", False),
    ("Заместитель заведующего", False),
    ("Директор", False),
    ("Заведующий", False),
]

# (name, kind, rank, validity in years)
QUALIFICATION_CATEGORIES = [
    ("Без категории", "category", 0, None),
    ("Соответствие занимаемой должности", "category", 1, None),
    ("Первая", "category", 2, 5),
    ("Высшая", "category", 3, 5),
    ("Педагог-методист", "qualification", 4, 5),
    ("Педагог-наставник", "qualification", 4, 5),
]

CONTENT_DIRECTIONS = [
    "Реализация обновлённых ФГОС и федеральных образовательных программ",
    "Формирование функциональной грамотности обучающихся",
    "Подготовка к государственной итоговой аттестации (ОГЭ, ЕГЭ)",
    "Повышение качества образования в школах с низкими результатами",
    "Выявление и поддержка одарённых детей",
    "Инклюзивное образование детей с ОВЗ",
    "Цифровая образовательная среда",
    "Естественно-научное и технологическое образование",
    "Проектная и исследовательская деятельность обучающихся",
    "Воспитание и социализация обучающихся",
    "Патриотическое воспитание",
    "Профессиональная ориентация обучающихся",
    "Наставничество и сопровождение молодых педагогов",
    "Психолого-педагогическое сопровождение",
    "Дошкольное образование",
    "Дополнительное образование детей",
    "Здоровьесбережение и физическое воспитание",
    "Поддержка детского чтения",
    "Управление образовательной организацией",
]

# 001 § 3.3 «Формы организации деятельности Ресурсного центра», in the order the clause names them;
# SPEC §2 names the first eleven.
WORK_FORMS = [
    "Заседание",
    "Круглый стол",
    "Семинар",
    "Мастер-класс",
    "Открытый урок",
    "Конференция",
    "Педагогические чтения",
    "Методическая выставка",
    "Конкурс",
    "Консультация",
    "Наставничество",
    "Творческий стол",
    "Творческий отчёт",
    "Внеклассное мероприятие",
    "Лекция",
    "Доклад",
    "Дискуссия",
    "Предметная неделя (декада)",
    "Методическая неделя",
    "Научно-практическая конференция",
    "Фестиваль педагогических идей",  # the clause lost the first word in the source scan
    "Эстафета педагогического мастерства",
    "Методический диалог",
    "Методический ринг",
    "Собеседование",
    "Самоанализ",
    "Самообразование",
    "Курсовая подготовка",
    "Творческий портрет",
    "Презентация авторской технологии",
    "Взаимопосещение уроков",
    "Городской методический день",
    "Стажировка",
    "Вебинар",
]

# The rows of 001 appendix 1 (plan of a city methodological association).
PLAN_SECTIONS = [
    "Информационная деятельность",
    "Аналитическая деятельность",
    "Организационно-методическая деятельность",
    "Методическое обеспечение совершенствования педагогического мастерства, развития педагогического творчества",
    "Методическое сопровождение ЕГЭ и ОГЭ",
    "Методическое сопровождение реализации программ, направленных на выявление и поддержку одарённых и "
    "талантливых детей, в том числе детей с ОВЗ и оказавшихся в ТЖС",
    "Диагностическая работа",
    "Методическое сопровождение молодых учителей",
    "Методическое сопровождение по обновлению содержания образования",
]

# Levels of education of 273-ФЗ art. 10 that the centers' audiences and products address.
EDUCATION_LEVELS = [
    ("Дошкольное образование", "ДО"),
    ("Начальное общее образование", "НОО"),
    ("Основное общее образование", "ООО"),
    ("Среднее общее образование", "СОО"),
    ("Среднее профессиональное образование", "СПО"),
    ("Дополнительное образование", "ДОП"),
]

# Areas of professional competence that the diagnostics of deficits measure (001 § 3.2; 004 § 2.2.5), each with
# its competences: (area code, area, [(competence code, competence)]).
COMPETENCES = [
    (
        "П",
        "Предметная компетентность",
        [
            ("П1", "Знание содержания преподаваемого предмета"),
            ("П2", "Решение предметных задач повышенной сложности"),
        ],
    ),
    (
        "М",
        "Методическая компетентность",
        [
            ("М1", "Проектирование урока в соответствии с ФГОС"),
            ("М2", "Формирование функциональной грамотности обучающихся"),
            ("М3", "Оценивание образовательных результатов"),
        ],
    ),
    (
        "ПП",
        "Психолого-педагогическая компетентность",
        [
            ("ПП1", "Учёт возрастных и индивидуальных особенностей обучающихся"),
            ("ПП2", "Работа с обучающимися с ОВЗ и в трудной жизненной ситуации"),
        ],
    ),
    (
        "К",
        "Коммуникативная компетентность",
        [
            ("К1", "Взаимодействие с родителями (законными представителями)"),
            ("К2", "Организация учебного сотрудничества"),
        ],
    ),
    (
        "Ц",
        "Цифровая компетентность",
        [
            ("Ц1", "Использование цифровых образовательных ресурсов"),
            ("Ц2", "Дистанционное и смешанное обучение"),
        ],
    ),
    (
        "Н",
        "Нормативно-правовая компетентность",
        [
            ("Н1", "Знание нормативных основ образования"),
        ],
    ),
]


def default_rows():
    """{model name: [(name, extra fields)]} for every shipped reference list, in display order."""
    return {
        "Subject": [(name, {}) for name in SUBJECTS],
        "Position": [(name, {"is_pedagogical": pedagogical}) for name, pedagogical in POSITIONS],
        "QualificationCategory": [
            (name, {"kind": kind, "rank": rank, "validity_years": years})
            for name, kind, rank, years in QUALIFICATION_CATEGORIES
        ],
        "ContentDirection": [(name, {}) for name in CONTENT_DIRECTIONS],
        "WorkForm": [(name, {}) for name in WORK_FORMS],
        "PlanSection": [(name, {}) for name in PLAN_SECTIONS],
        "EducationLevel": [(name, {"short_name": short}) for name, short in EDUCATION_LEVELS],
        "CompetenceArea": [(name, {"code": code}) for code, name, _competences in COMPETENCES],
        "Competence": [
            (name, {"code": code, "area": ("CompetenceArea", area_code)})
            for area_code, _area, competences in COMPETENCES
            for code, name in competences
        ],
    }


def install_defaults(apps=None):
    """Create the missing default entries; returns how many were created. `apps` is a migration's app registry."""
    if apps is None:
        from django.apps import apps
    created = 0
    for model_name, rows in default_rows().items():
        try:
            model = apps.get_model("catalogs", model_name)
        except LookupError:  # an earlier migration's state: the list comes with a later one
            continue
        for position, (name, extra) in enumerate(rows, start=1):
            extra = {k: _resolve(apps, v) for k, v in extra.items()}
            _, was_created = model.objects.get_or_create(name=name, defaults={"sort_order": position * 10, **extra})
            created += was_created
    return created


def _resolve(apps, value):
    """A reference to another list's entry, written ("Model", code), becomes that entry."""
    if isinstance(value, tuple):
        model_name, code = value
        return apps.get_model("catalogs", model_name).objects.get(code=code)
    return value

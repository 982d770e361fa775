"""The four shipped center kinds (seeds 000, 001, 003, 004) and the review criteria (003 § 1.2), as data."""

KINDS = [
    {
        "code": "school_rc",
        "name": "Ресурсный центр на базе общеобразовательной организации",
        "regulation": "000 — Положение о Ресурсном центре МБОУ «СОШ № 7» (Нефтеюганск)",
        "planning_period": "calendar",
        "required_documents": [
            {"code": "order_creation", "name": "Приказ о создании ресурсного центра", "clause": "000 § 5.1"},
            {"code": "regulation", "name": "Положение о ресурсном центре", "clause": "000 § 5.1"},
            {"code": "plan", "name": "План деятельности ресурсного центра", "clause": "000 § 5.1"},
            {"code": "methodical", "name": "Методические документы педагогических работников", "clause": "000 § 5.1"},
            {"code": "reports", "name": "Отчёты о деятельности ресурсного центра", "clause": "000 § 5.1"},
        ],
        "reporting": {
            "presentations_per_year": 2,
            "monitoring_per_year": 2,
            "annual_report": True,
            "clause": "000 § 3.9, 6.3.5, 6.3.6",
        },
        "rules": [
            {
                "code": "plan_agreed",
                "name": "План на календарный год согласован с координатором",
                "clause": "000 § 4.1",
            },
            {
                "code": "presentations",
                "name": "Результаты предъявлены не менее 2 раз в год",
                "clause": "000 § 3.9",
                "params": {"min": 2},
            },
            {
                "code": "presentation_programme",
                "name": "Программа предъявления: аналитический доклад, не менее 2 уроков, соцсети",
                "clause": "000 § 3.10",
            },
            {
                "code": "monitoring",
                "name": "Мониторинг представлен дважды в год",
                "clause": "000 § 6.3.5",
                "params": {"min": 2},
            },
            {
                "code": "annual_report",
                "name": "Информационно-аналитический отчёт за год представлен",
                "clause": "000 § 6.3.6",
            },
            {
                "code": "registries",
                "name": "Ведутся реестры участников и методических продуктов",
                "clause": "000 § 6.3.1–6.3.2",
            },
            {"code": "documents", "name": "Документация ресурсного центра в наличии", "clause": "000 § 5.1"},
            {"code": "term", "name": "Срок статуса не истёк", "clause": "002 § 4.1"},
        ],
    },
    {
        "code": "municipal_rimc",
        "name": "Муниципальный ресурсный информационно-методический центр",
        "regulation": "001 — Положение о МРИМЦ МАОУ «Лицей № 21» (Артёмовский)",
        "planning_period": "academic",
        "required_documents": [
            {
                "code": "order_creation",
                "name": "Приказ о создании ресурсного центра (правоустанавливающие)",
                "clause": "001 § 6.2",
            },
            {"code": "regulation", "name": "Положение о ресурсном центре (регламентирующие)", "clause": "001 § 6.2"},
            {"code": "plan", "name": "План работы ресурсного центра", "clause": "001 § 6.2"},
            {"code": "reports", "name": "Отчёты об исполнении плана за год", "clause": "001 § 6.2"},
        ],
        "reporting": {"annual_report": True, "clause": "001 § 5.6"},
        "rules": [
            {"code": "plan_agreed", "name": "План на учебный год сформирован", "clause": "001 § 5.6"},
            {
                "code": "methodists_eligible",
                "name": "Методисты: первая или высшая категория, стаж не менее 3 лет",
                "clause": "001 § 5.7",
            },
            {"code": "annual_report", "name": "Ежегодный аналитический отчёт подготовлен", "clause": "001 § 5.6"},
            {"code": "documents", "name": "Номенклатура дел в наличии", "clause": "001 § 6.2"},
            {"code": "term", "name": "Срок статуса не истёк", "clause": "002 § 4.1"},
        ],
    },
    {
        "code": "territorial_rc",
        "name": "Территориальный ресурсный центр",
        "regulation": "003 — Положение об ОО — территориальном ресурсном центре (Смоленский район)",
        "planning_period": "academic",
        "required_documents": [
            {"code": "regulation", "name": "Положение о ОО — ТРЦ", "clause": "003 § 6"},
            {"code": "agreement_committee", "name": "Договор с комитетом по образованию", "clause": "003 § 6"},
            {
                "code": "agreement_base",
                "name": "Договоры с базовыми образовательными организациями",
                "clause": "003 § 6",
            },
            {
                "code": "orders",
                "name": "Приказы о присвоении статуса, об ответственных лицах, о регламентации работы",
                "clause": "003 § 6",
            },
            {"code": "plan", "name": "План работы ОО — ТРЦ", "clause": "003 § 6"},
            {"code": "reports", "name": "Отчёты о проделанной работе", "clause": "003 § 6"},
        ],
        "reporting": {"annual_report": True, "clause": "003 § 6"},
        "rules": [
            {"code": "plan_agreed", "name": "План работы утверждён", "clause": "003 § 6"},
            {
                "code": "agreements",
                "name": "Договоры с комитетом и базовыми организациями заключены",
                "clause": "003 § 3.3, 6",
            },
            {"code": "documents", "name": "Документация в наличии", "clause": "003 § 6"},
            {"code": "term", "name": "Статус не снят", "clause": "003 § 3.2"},
        ],
    },
    {
        "code": "support_center",
        "name": "Центр поддержки школ с низкими результатами обучения",
        "regulation": "004 — Положение об ОЦПРМСО (Смоленск)",
        "planning_period": "calendar",
        "required_documents": [
            {"code": "programme", "name": "Программа деятельности", "clause": "004 § 3.6"},
            {"code": "plan", "name": "Планы работы", "clause": "004 § 3.6"},
            {"code": "instructions", "name": "Инструктивно-методические документы", "clause": "004 § 3.6"},
            {"code": "reports", "name": "Отчёты, анализы работы", "clause": "004 § 3.6"},
            {
                "code": "agreement_region",
                "name": "Соглашение о сотрудничестве с региональным оператором",
                "clause": "004 § 1.5",
            },
        ],
        "reporting": {"annual_report": True, "reports_to_regional_operator": True, "clause": "004 § 3.6"},
        "rules": [
            {"code": "plan_agreed", "name": "План работы утверждён", "clause": "004 § 3.6"},
            {"code": "annual_report", "name": "Отчёт Управлению и региональному оператору", "clause": "004 § 3.6"},
            {"code": "documents", "name": "Документация в наличии", "clause": "004 § 3.6"},
        ],
    },
]

CRITERIA = [
    ("Лидирующие позиции по качеству образовательного процесса и результатам выпускников", "003 § 1.2"),
    ("Оснащённость материально-технической базы", "003 § 1.2"),
    ("Обеспеченность высококвалифицированными педагогическими кадрами", "003 § 1.2"),
    ("Участие в инновационных процессах и проектах", "003 § 1.2"),
    ("Актуальность заявленного содержательного направления", "002 § 4.2"),
]


def install(apps=None):
    """Create the shipped kinds and criteria that are missing (never overwrites edits)."""
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    CenterKind = apps.get_model("centers", "CenterKind")
    ReviewCriterion = apps.get_model("centers", "ReviewCriterion")
    for kind in KINDS:
        CenterKind.objects.get_or_create(code=kind["code"], defaults={k: v for k, v in kind.items() if k != "code"})
    for order, (name, clause) in enumerate(CRITERIA, start=1):
        ReviewCriterion.objects.get_or_create(
            name=name, defaults={"clause": clause, "sort_order": order * 10, "max_score": 5}
        )

"""The shipped reference lists (SPEC §2) are in the database after migrate, and installing them again adds nothing."""

from resurs.catalogs.defaults import install_defaults
from resurs.catalogs.models import ContentDirection, PlanSection, Position, QualificationCategory, Subject, WorkForm


def names(model):
    return list(model.objects.order_by("sort_order", "name").values_list("name", flat=True))


def test_categories_and_qualifications_with_rank_and_validity(db):
    rows = list(
        QualificationCategory.objects.order_by("sort_order").values_list("name", "kind", "rank", "validity_years")
    )
    assert rows == [
        ("Без категории", "category", 0, None),
        ("Соответствие занимаемой должности", "category", 1, None),
        ("Первая", "category", 2, 5),
        ("Высшая", "category", 3, 5),
        ("Педагог-методист", "qualification", 4, 5),
        ("Педагог-наставник", "qualification", 4, 5),
    ]


def test_forms_of_work_of_001_section_3_3(db):
    assert names(WorkForm)[:11] == [
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
    ]
    assert WorkForm.objects.count() == 34
    assert {"Предметная неделя (декада)", "Творческий отчёт", "Презентация авторской технологии"} <= set(
        names(WorkForm)
    )


def test_plan_sections_are_the_rows_of_001_appendix_1(db):
    assert names(PlanSection) == [
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


def test_subjects_positions_and_directions(db):
    subjects = names(Subject)
    assert subjects[:5] == ["Русский язык", "Литература", "Родной язык", "Родная литература", "Математика"]
    assert {"Начальные классы", "Физическая культура", "ОБЗР", "Технология", "Музыка", "ИЗО"} <= set(subjects)
    assert len(subjects) == 32
    assert Position.objects.count() == 24
    assert Position.objects.get(name="Учитель").is_pedagogical is True
    assert Position.objects.get(name="Директор").is_pedagogical is False
    assert set(Position.objects.filter(is_pedagogical=False).values_list("name", flat=True)) == {
        "Заместитель директора по учебно-воспитательной работе",
        "Заместитель директора по воспитательной работе",
        "Заместитель заведующего",
        "Директор",
        "Заведующий",
    }
    assert ContentDirection.objects.count() == 19
    assert all(
        model.objects.filter(is_active=True).count() == model.objects.count()
        for model in (Subject, Position, QualificationCategory, ContentDirection, WorkForm, PlanSection)
    )


def test_installing_again_adds_nothing_and_keeps_edits(db):
    seminar = WorkForm.objects.get(name="Семинар")
    seminar.is_active = False
    seminar.sort_order = 999
    seminar.save()
    before = {m: m.objects.count() for m in (Subject, Position, QualificationCategory, ContentDirection, WorkForm)}

    assert install_defaults() == 0

    assert {m: m.objects.count() for m in before} == before
    seminar.refresh_from_db()
    assert (seminar.is_active, seminar.sort_order) == (False, 999)


def test_installing_restores_a_deleted_default(db):
    PlanSection.objects.get(name="Диагностическая работа").delete()

    assert install_defaults() == 1

    assert PlanSection.objects.get(name="Диагностическая работа").sort_order == 70


def test_competence_areas_with_their_competences(db):
    from resurs.catalogs.models import Competence, CompetenceArea

    assert list(CompetenceArea.objects.order_by("sort_order").values_list("code", "name")) == [
        ("П", "Предметная компетентность"),
        ("М", "Методическая компетентность"),
        ("ПП", "Психолого-педагогическая компетентность"),
        ("К", "Коммуникативная компетентность"),
        ("Ц", "Цифровая компетентность"),
        ("Н", "Нормативно-правовая компетентность"),
    ]
    assert Competence.objects.count() == 12
    assert Competence.objects.get(code="М2").area.code == "М"
    assert str(Competence.objects.get(code="Ц1")) == "Ц1 Использование цифровых образовательных ресурсов"

"""Admin of products (read and repair; every change a user makes goes through the services)."""

from django.contrib import admin

from .models import Criterion, Presentation, PresentationItem, Product, ProductAuthor, ProductFile, Publication, Review


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("title", "center", "kind", "year", "status")
    list_filter = ("status", "kind")
    search_fields = ("title",)
    raw_id_fields = ("center", "direction", "created_by", "decided_by")


@admin.register(ProductAuthor)
class ProductAuthorAdmin(admin.ModelAdmin):
    list_display = ("teacher", "product", "organization")
    raw_id_fields = ("product", "teacher", "organization")


@admin.register(ProductFile)
class ProductFileAdmin(admin.ModelAdmin):
    list_display = ("title", "product", "file_type", "size", "downloads")
    raw_id_fields = ("product", "added_by")


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("name", "max_score", "sort_order", "is_active")


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("product", "reviewer", "total", "recommendation", "submitted_at")
    raw_id_fields = ("product", "reviewer", "assigned_by")


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("title", "center", "channel", "date")
    list_filter = ("channel",)
    raw_id_fields = ("center", "product", "updated_by")


@admin.register(Presentation)
class PresentationAdmin(admin.ModelAdmin):
    list_display = ("title", "center", "date")
    raw_id_fields = ("center", "updated_by")


@admin.register(PresentationItem)
class PresentationItemAdmin(admin.ModelAdmin):
    list_display = ("presentation", "kind", "event", "publication")
    raw_id_fields = ("presentation", "event", "publication")

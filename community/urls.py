from django.urls import path

from .views import geography, introductions, partners, projects

app_name = "community"

urlpatterns = [
    path("projects/", projects.project_list, name="project_list"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/trash/", projects.project_trash, name="project_trash"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/delete/", projects.project_delete, name="project_delete"),
    path("projects/<int:pk>/restore/", projects.project_restore, name="project_restore"),
    path("map/", geography.country_map, name="map"),
    path("partners/", partners.partner_list, name="partner_list"),
    path("partners/merge/", partners.partner_merge, name="partner_merge"),
    path("partners/<int:pk>/", partners.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path("introductions/", introductions.introduction_list, name="introduction_list"),
    path("introductions/new/", introductions.introduction_make, name="introduction_make"),
    path(
        "introductions/ask/<slug:slug>/",
        introductions.introduction_request,
        name="introduction_request",
    ),
    path("introductions/<int:pk>/", introductions.introduction_detail, name="introduction_detail"),
    path(
        "introductions/<int:pk>/answer/",
        introductions.introduction_answer,
        name="introduction_answer",
    ),
]

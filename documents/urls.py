from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.index, name="index"),
    path("preferences/", views.preferences, name="preferences"),
    # The community library
    path("library/", views.space, name="library"),
    path("library/upload/", views.upload, name="library_upload"),
    path("library/trash/", views.trash, name="library_trash"),
    path("library/log/", views.audit_log, name="library_log"),
    # An organisation's space
    path("spaces/<slug:slug>/", views.space, name="space"),
    path("spaces/<slug:slug>/upload/", views.upload, name="upload"),
    path("spaces/<slug:slug>/trash/", views.trash, name="trash"),
    path("spaces/<slug:slug>/log/", views.audit_log, name="log"),
    # One document
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/edit/", views.edit, name="edit"),
    path("<uuid:public_id>/download/", views.download, name="download"),
    path("<uuid:public_id>/versions/new/", views.version_upload, name="version_upload"),
    path("<uuid:public_id>/share/", views.share, name="share"),
    path("<uuid:public_id>/publish/", views.publish, name="publish"),
    path("<uuid:public_id>/delete/", views.delete, name="delete"),
    path("<uuid:public_id>/restore/", views.restore, name="restore"),
    path("versions/<uuid:public_id>/download/", views.version_download, name="version_download"),
    path("versions/<uuid:public_id>/thumbnail/", views.thumbnail, name="thumbnail"),
    # Attachments to mentoring objects (sessions, meetings, mentorships)
    path("attach/<str:label>/<str:object_id>/", views.attach, name="attach"),
    path("attachments/<int:pk>/remove/", views.detach, name="detach"),
]

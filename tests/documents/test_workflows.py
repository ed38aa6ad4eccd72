"""Versions, editing without silent overwrites, sharing, publication, trash and purge,
notifications and the audit log."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from documents import services
from documents.models import Document, NotificationPreference, Version
from documents.storage import get_storage
from documents.validation import inspect_upload
from mentoring.models import AuditEntry
from tests.factories import MembershipFactory, OrganisationFactory

from .helpers import pdf, png
from .test_upload import stored_keys

pytestmark = pytest.mark.django_db


def _doc(cast, actor=None, organisation=None, *, name="plan.pdf"):
    return services.documents_upload(
        organisation=organisation or cast.org_a,
        actor=actor or cast.admin_a,
        files=[inspect_upload(pdf(name) if name.endswith(".pdf") else png(name))],
        title="Integrity pact",
    )[0]


# --- Versions -------------------------------------------------------------------------------


def test_new_version_keeps_every_earlier_one_and_shows_who(cast, client_for):
    doc = _doc(cast)
    client = client_for("member_a")
    response = client.post(
        reverse("documents:version_upload", args=[doc.public_id]),
        {"file": pdf("plan-v2.pdf", "v2"), "note": "Comments from the mentor", "based_on": 1},
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.current_version.number == 2
    assert list(doc.versions.order_by("number").values_list("original_name", flat=True)) == [
        "plan.pdf",
        "plan-v2.pdf",
    ]
    page = client.get(doc.get_absolute_url()).content.decode()
    assert "Comments from the mentor" in page and "Ada Admin" in page and "Amal Member" in page
    assert page.count("/documents/versions/") >= 2
    assert AuditEntry.objects.filter(action="document.version", actor=cast.member_a).exists()


def test_second_new_version_based_on_an_old_one_is_refused(cast, client_for):
    doc = _doc(cast)
    url = reverse("documents:version_upload", args=[doc.public_id])
    client_for("mentor_a").post(url, {"file": pdf("mentor.pdf"), "based_on": 1})
    keys_before = set(stored_keys())
    response = client_for("member_a").post(url, {"file": pdf("member.pdf"), "based_on": 1})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your changes were not saved" in page
    assert "Version 2 (mentor.pdf) was uploaded by Mona Mentor" in page
    assert Version.objects.filter(document=doc).count() == 2
    assert set(stored_keys()) == keys_before  # the refused file was removed again


def test_shared_organisation_cannot_add_versions(cast, client_for):
    doc = _doc(cast)
    services.document_share(document=doc, actor=cast.admin_a, organisations=[cast.org_b])
    response = client_for("member_b").post(
        reverse("documents:version_upload", args=[doc.public_id]),
        {"file": pdf(), "based_on": 1},
    )
    assert response.status_code == 403
    assert doc.versions.count() == 1


def test_editing_refuses_to_overwrite_someone_elses_change(cast, client_for):
    doc = _doc(cast)
    url = reverse("documents:edit", args=[doc.public_id])
    form = {"title": "Mine", "description": "", "category": "report", "tags": "", "language": "en"}
    first = client_for("admin_a").post(url, {**form, "title": "Theirs", "revision": 1})
    assert first.status_code == 302
    second = client_for("member_a").post(url, {**form, "description": "my text", "revision": 1})
    assert second.status_code == 200
    page = second.content.decode()
    assert "Your changes were not saved" in page
    assert "Theirs" in page  # the other version is shown
    doc.refresh_from_db()
    assert doc.title == "Theirs" and doc.revision == 2
    # Saving again after reading theirs is deliberate and goes through.
    assert second.context["form"]["revision"].value() == "2"
    third = client_for("member_a").post(url, {**form, "description": "my text", "revision": 2})
    assert third.status_code == 302
    doc.refresh_from_db()
    assert doc.title == "Mine" and doc.revision == 3


# --- Sharing and publication ----------------------------------------------------------------


def test_sharing_makes_the_document_readable_by_the_other_organisation_only(cast, client_for):
    doc = _doc(cast)
    third = MembershipFactory(organisation=OrganisationFactory(name="Comité C")).user
    response = client_for("member_a").post(
        reverse("documents:share", args=[doc.public_id]), {"organisations": [cast.org_b.pk]}
    )
    assert response.status_code == 302
    index = client_for("member_b").get(reverse("documents:index") + "?q=Integrity")
    assert [d.pk for d in index.context["page_obj"]] == [doc.pk]
    space_b = client_for("mentor_b").get(reverse("documents:space", args=["bureau-b"]))
    assert doc in list(space_b.context["page_obj"])
    from django.test import Client

    outsider = Client()
    outsider.force_login(third)
    assert outsider.get(doc.get_absolute_url()).status_code == 404
    assert not list(outsider.get(reverse("documents:index") + "?q=Integrity").context["page_obj"])
    entry = AuditEntry.objects.get(action="document.share")
    assert entry.organisation == cast.org_a and "Bureau B" in entry.summary
    # Unsharing takes it away again.
    client_for("member_a").post(reverse("documents:share", args=[doc.public_id]), {})
    assert client_for("member_b").get(doc.get_absolute_url()).status_code == 404
    assert AuditEntry.objects.filter(action="document.unshare").exists()


def test_share_form_offers_listed_organisations_other_than_its_own(cast, client_for):
    from mentoring.models import Organisation

    OrganisationFactory(name="Applicant D", status=Organisation.Status.APPLICANT)
    doc = _doc(cast)
    form = (
        client_for("member_a").get(reverse("documents:share", args=[doc.public_id])).context["form"]
    )
    names = [o.name for o in form.fields["organisations"].queryset]
    assert names == ["Bureau B"]


def test_publish_puts_an_independent_copy_in_the_library(cast, client_for):
    doc = _doc(cast)
    response = client_for("admin_a").post(reverse("documents:publish", args=[doc.public_id]))
    copy = Document.objects.get(organisation__isnull=True)
    assert response["Location"] == copy.get_absolute_url()
    assert copy.published_from == doc
    assert copy.current_version.storage_key != doc.current_version.storage_key
    assert client_for("member_b").get(copy.get_absolute_url()).status_code == 200
    assert client_for("member_b").get(doc.get_absolute_url()).status_code == 404
    assert AuditEntry.objects.filter(action="document.publish").count() == 2


# --- Notifications --------------------------------------------------------------------------


def test_members_are_told_in_their_language_and_may_switch_it_off(
    cast, client_for, django_capture_on_commit_callbacks
):
    cast.member_a.language = "fr"
    cast.member_a.save()
    NotificationPreference.objects.create(user=cast.mentor_a, email_on_new_documents=False)
    with django_capture_on_commit_callbacks(execute=True):
        _doc(cast, actor=cast.admin_a)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["member.a@example.org"]  # not the uploader, not the opted-out mentor
    message = mail.outbox[0]
    assert "Nouveau document" in message.subject or "document" in message.subject.lower()
    assert "Integrity pact" not in message.body  # e-mail is not a confidential channel
    assert message.alternatives
    mail.outbox.clear()
    doc = Document.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.document_share(document=doc, actor=cast.admin_a, organisations=[cast.org_b])
    assert sorted(m.to[0] for m in mail.outbox) == ["member.b@example.org", "mentor.b@example.org"]


def test_preference_page_switches_emails_off(cast, client_for):
    client = client_for("member_a")
    assert (
        client.get(reverse("documents:preferences"))
        .context["form"]["email_on_new_documents"]
        .value()
    )
    client.post(reverse("documents:preferences"), {})
    assert not NotificationPreference.objects.get(user=cast.member_a).email_on_new_documents


# --- Trash, purge and audit -----------------------------------------------------------------


def test_trash_restore_and_purge(cast, client_for, settings):
    doc = _doc(cast, name="photo.png")
    keys = [doc.current_version.storage_key, doc.current_version.thumbnail_key]
    services.version_add(
        document=doc, actor=cast.admin_a, file=inspect_upload(pdf("v2.pdf")), based_on=1
    )
    keys.append(Version.objects.get(document=doc, number=2).storage_key)
    client_for("admin_a").post(reverse("documents:delete", args=[doc.public_id]))
    trash = client_for("admin_a").get(reverse("documents:trash", args=["alliance-a"]))
    assert doc in list(trash.context["page_obj"])
    assert doc not in list(
        client_for("admin_a")
        .get(reverse("documents:space", args=["alliance-a"]))
        .context["page_obj"]
    )
    client_for("admin_a").post(reverse("documents:restore", args=[doc.public_id]))
    doc.refresh_from_db()
    assert doc.deleted_at is None
    # Trashed again, then past the retention: the purge removes rows and every stored file.
    services.document_trash(document=doc, actor=cast.admin_a)
    call_command("purge_documents", stdout=io.StringIO())
    assert Document.all_objects.filter(pk=doc.pk).exists()  # within 30 days: kept
    Document.all_objects.filter(pk=doc.pk).update(deleted_at=timezone.now() - timedelta(days=31))
    other = _doc(cast, name="keep.pdf")
    report = services.documents_purge()
    assert report.documents == 1 and report.files == 3
    assert not Document.all_objects.filter(pk=doc.pk).exists()
    storage = get_storage()
    assert not any(storage.exists(k) for k in keys)
    assert storage.exists(other.current_version.storage_key)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"document.delete", "document.restore", "document.purge"} <= actions


def test_purge_removes_orphans_left_by_a_database_failure(cast):
    storage = get_storage()
    from django.core.files.base import ContentFile

    storage.save("files/aa/bb/orphan", ContentFile(b"left behind"))
    kept = _doc(cast)
    assert services.documents_purge().orphans == []  # too young: an upload may be in progress
    report = services.documents_purge(now=timezone.now() + timedelta(hours=2))
    assert report.orphans == ["files/aa/bb/orphan"]
    assert not storage.exists("files/aa/bb/orphan")
    assert storage.exists(kept.current_version.storage_key)


def test_purge_runs_against_s3(cast, s3_documents):
    doc = _doc(cast)
    services.document_trash(document=doc, actor=cast.admin_a)
    Document.all_objects.filter(pk=doc.pk).update(deleted_at=timezone.now() - timedelta(days=40))
    report = services.documents_purge()
    assert report.documents == 1
    listed = s3_documents["client"].list_objects_v2(Bucket=s3_documents["bucket"])
    assert listed.get("KeyCount", 0) == 0


def test_audit_log_for_admins_of_the_space_and_leads(cast, client_for):
    doc = _doc(cast)
    response = client_for("member_b").get(reverse("documents:download", args=[doc.public_id]))
    assert response.status_code == 404
    client_for("member_a").get(
        reverse("documents:download", args=[doc.public_id]), REMOTE_ADDR="198.51.100.7"
    ).close()
    log = client_for("admin_a").get(reverse("documents:log", args=["alliance-a"]))
    actions = [e.action for e in log.context["page_obj"]]
    assert actions[:2] == ["document.download", "document.upload"]
    assert "198.51.100.7" in log.content.decode()
    assert client_for("lead").get(reverse("documents:log", args=["alliance-a"])).status_code == 200
    assert (
        client_for("member_a").get(reverse("documents:log", args=["alliance-a"])).status_code == 403
    )
    # Nothing in the interface edits it.
    # A POST only shows the log again.
    response = client_for("admin_a").post(reverse("documents:log", args=["alliance-a"]))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="document.download").count() == 1


def test_audit_log_speaks_the_readers_language(cast, client_for):
    _doc(cast)
    cast.admin_a.language = "fr"
    cast.admin_a.save()
    page = client_for("admin_a").get(reverse("documents:log", args=["alliance-a"]))
    html = page.content.decode()
    assert "document.upload" not in html
    assert "Uploaded" in html or "Téléversé" in html or "Déposé" in html


def test_two_people_sharing_at_once_do_not_undo_each_other(cast, client_for):
    doc = _doc(cast)
    org_c = OrganisationFactory(name="Comité C")
    url = reverse("documents:share", args=[doc.public_id])
    shown = client_for("member_a").get(url).context["form"]["shown"].value()
    assert shown == ""
    # Ada adds C while Amal's form (showing nothing ticked) is still open.
    client_for("admin_a").post(url, {"organisations": [org_c.pk], "shown": ""})
    client_for("member_a").post(url, {"organisations": [cast.org_b.pk], "shown": shown})
    assert set(doc.shares.values_list("organisation__name", flat=True)) == {"Bureau B", "Comité C"}


def test_restore_is_refused_after_the_retention(cast, client_for, settings):
    settings.PORTAL_TRASH_DAYS = 7
    doc = _doc(cast)
    services.document_trash(document=doc, actor=cast.admin_a)
    Document.all_objects.filter(pk=doc.pk).update(deleted_at=timezone.now() - timedelta(days=8))
    response = client_for("admin_a").post(reverse("documents:restore", args=[doc.public_id]))
    assert response["Location"] == reverse("documents:trash", args=["alliance-a"])
    doc.refresh_from_db()
    assert doc.deleted_at is not None


def test_creator_may_delete_their_own_document(cast, client_for):
    doc = _doc(cast, cast.member_a)
    response = client_for("member_a").post(reverse("documents:delete", args=[doc.public_id]))
    assert response.status_code == 302
    assert Document.all_objects.trashed().filter(pk=doc.pk).exists()

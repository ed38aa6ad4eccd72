"""A mentor whose mentorship closed is no longer an insider of the organisation: no documents,
no uploads, no timeline, no new-document e-mails; they still read the session logs they wrote."""

import pytest
from django.core import mail
from django.urls import reverse

from documents import services
from documents.validation import inspect_upload
from mentoring.models import Mentorship
from tests.documents.helpers import pdf
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db


def _upload(cast, name="plan.pdf"):
    return services.documents_upload(
        organisation=cast.org_a, actor=cast.admin_a, files=[inspect_upload(pdf(name))]
    )[0]


def _close(mentorship):
    mentorship.status = Mentorship.Status.CLOSED
    mentorship.save()


@pytest.fixture
def former(cast, client_for):
    """Mentor A wrote a log, then the mentorship closed; a document existed before."""
    session = SessionFactory(
        mentorship=cast.mentorship_a, author=cast.mentor_a, private_notes="my own notes"
    )
    before = _upload(cast, "before.pdf")
    _close(cast.mentorship_a)
    return {"session": session, "document": before, "client": client_for("mentor_a")}


def test_a_former_mentor_opens_no_document_of_the_organisation(cast, former):
    client = former["client"]
    later = _upload(cast, "later.pdf")
    for document in (former["document"], later):
        assert client.get(reverse("documents:detail", args=[document.public_id])).status_code == 404
        download = reverse("documents:download", args=[document.public_id])
        assert client.get(download).status_code == 404
    assert client.get(reverse("documents:space", args=["alliance-a"])).status_code == 404


def test_a_former_mentor_cannot_upload(cast, former):
    response = former["client"].post(
        reverse("documents:upload", args=["alliance-a"]),
        {"category": "working", "language": "en", "files": [pdf()]},
    )
    assert response.status_code == 404


def test_a_former_mentor_sees_no_timeline(cast, former):
    assert former["client"].get(reverse("portal:timeline", args=["alliance-a"])).status_code in {
        403,
        404,
    }


def test_a_former_mentor_gets_no_new_document_email(
    cast, former, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _upload(cast, "news.pdf")
    recipients = {address for message in mail.outbox for address in message.to}
    assert cast.mentor_a.email not in recipients
    assert cast.member_a.email in recipients


def test_a_paused_mentorship_keeps_its_mentor_an_insider(
    cast, client_for, django_capture_on_commit_callbacks
):
    cast.mentorship_a.status = Mentorship.Status.PAUSED
    cast.mentorship_a.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        document = _upload(cast)
    assert cast.mentor_a.email in {a for m in mail.outbox for a in m.to}
    mentor = client_for("mentor_a")
    assert mentor.get(reverse("documents:detail", args=[document.public_id])).status_code == 200
    assert mentor.get(reverse("portal:timeline", args=["alliance-a"])).status_code == 200


def test_a_former_mentor_still_reads_the_logs_they_wrote(cast, former, client_for):
    client = former["client"]
    own = former["session"]
    response = client.get(reverse("mentoring:session_detail", args=[own.pk]))
    assert response.status_code == 200
    assert "my own notes" in response.content.decode()
    assert cast.mentorship_a.get_absolute_url() not in response.content.decode()
    assert not response.context["can_edit"]
    listed = client.get(reverse("mentoring:session_list")).context["page_obj"].object_list
    assert list(listed) == [own]
    # A log a co-mentor wrote, and the mentorship's own page, are closed to them.
    other = SessionFactory(mentorship=cast.mentorship_a, author=cast.lead)
    assert client.get(reverse("mentoring:session_detail", args=[other.pk])).status_code == 404
    assert client.get(cast.mentorship_a.get_absolute_url()).status_code == 404
    assert client.get(reverse("mentoring:session_edit", args=[own.pk])).status_code == 403


def test_a_mentor_removed_from_an_active_mentorship_keeps_their_own_logs(cast, client_for):
    own = SessionFactory(mentorship=cast.mentorship_a, author=cast.mentor_a)
    cast.mentorship_a.mentors.remove(cast.mentor_a)
    client = client_for("mentor_a")
    assert client.get(reverse("mentoring:session_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("documents:space", args=["alliance-a"])).status_code == 404

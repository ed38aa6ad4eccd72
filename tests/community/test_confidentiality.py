"""A confidential project never leaks: not into suggestions, reasons, search, the directory,
counts, the dashboard, exports or e-mails. Organisation A has a public project and a
confidential one; the confidential one shares a partner, a country, a sector, an approach and
a stage with B's project, which would make A and B the strongest match if it counted."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from community.models import Introduction
from community.selectors import suggestions_for, synergy_facts, unexplored_pairs

from ..factories import MembershipFactory
from .factories import PartnerFactory, ProjectFactory, SectorFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Hush-hush due diligence pilot"
SECRET_PARTNER = "Harbour Holdings Secret Partner"


@pytest.fixture
def secret(cast):
    sector = SectorFactory(name="Ports")
    partner = PartnerFactory(name=SECRET_PARTNER)
    ProjectFactory(
        organisation=cast.org_a,
        title=SECRET_TITLE,
        countries=["MU"],
        sectors=[sector],
        partners=[partner],
        stage="idea",
        approach="other",
        is_confidential=True,
    )
    ProjectFactory(
        organisation=cast.org_b,
        title="Open port forum",
        countries=["MU"],
        sectors=[sector],
        partners=[partner],
        stage="idea",
        approach="other",
    )
    ProjectFactory(
        organisation=cast.org_a,
        title="Open road pact",
        countries=["TG"],
        stage="monitoring",
        approach="integrity_pact",
    )
    return partner


def test_no_suggestion_or_reason_comes_from_a_confidential_project(cast, secret):
    assert all(f.organisation_id != cast.org_a.pk or not f.partners for f in synergy_facts())
    for viewer in [cast.member_b, cast.member_a, cast.lead]:
        assert suggestions_for(viewer, cast.org_b) == []
        assert suggestions_for(viewer, cast.org_a) == []
    assert unexplored_pairs() == []


def test_pages_of_outsiders_never_name_it(cast, client_for, secret):
    MembershipFactory(organisation=cast.org_b, is_admin=True)
    client = client_for("member_b")
    pages = [
        reverse("portal:home"),
        cast.org_a.get_absolute_url(),
        cast.org_b.get_absolute_url(),
        reverse("community:project_list"),
        reverse("community:project_list") + "?stage=idea",
        reverse("community:partner_list") + "?q=harbour",
        secret.get_absolute_url(),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert SECRET_TITLE not in body, url
        assert "Open road pact" in body or url != cast.org_a.get_absolute_url()
    partner_page = client.get(secret.get_absolute_url()).content.decode()
    assert "Open port forum" in partner_page  # B's own project with that partner


def test_a_partner_only_a_confidential_project_names_is_unknown_to_outsiders(cast, client_for):
    partner = PartnerFactory(name="Only Secret Partner Ltd")
    ProjectFactory(organisation=cast.org_a, partners=[partner], is_confidential=True)
    for who in ["member_b", "mentor_b", "admin_a"]:
        client = client_for(who)
        body = client.get(reverse("community:partner_list") + "?q=only secret").content.decode()
        status = client.get(partner.get_absolute_url()).status_code
        if who == "admin_a":
            assert "Only Secret Partner" in body and status == 200
        else:
            assert "Only Secret Partner" not in body and status == 404, who


def test_the_leads_dashboard_and_exports_leave_it_out(cast, client_for, secret):
    client = client_for("lead")
    dashboard = client.get(reverse("portal:dashboard")).content.decode()
    assert SECRET_TITLE not in dashboard and SECRET_PARTNER not in dashboard
    for fmt in ["csv", "xlsx"]:
        export = client.get(reverse("portal:funder_report_download", args=[fmt]))
        body = b"".join(export.streaming_content) if export.streaming else export.content
        assert SECRET_TITLE.encode() not in body and SECRET_PARTNER.encode() not in body


def test_introduction_emails_carry_no_project(
    cast, client_for, secret, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=cast.org_b, is_admin=True)
    with django_capture_on_commit_callbacks(execute=True):
        client_for("member_a").post(
            reverse("community:introduction_request", args=[cast.org_b.slug]),
            {"from_organisation": cast.org_a.pk, "contact": cast.member_a.pk, "note": "Hi"},
        )
    assert Introduction.objects.count() == 1 and mail.outbox
    for message in mail.outbox:
        text = message.body + "".join(str(a[0]) for a in message.alternatives)
        assert SECRET_TITLE not in text and SECRET_PARTNER not in text


def test_reasons_in_french_name_no_confidential_partner(cast, secret):
    ProjectFactory(
        organisation=cast.org_b, title="Another", partners=[PartnerFactory(name="Bolloré Ports")]
    )
    with translation.override("fr"):
        for suggestion in suggestions_for(cast.member_b, cast.org_b):
            assert all(SECRET_PARTNER not in reason for reason in suggestion.reasons)

"""The community's rows of the permission matrix (tests/test_permission_matrix.py): every URL,
GET and POST, for every member of the cast. POSTs that change something come last, since one
role's walk shares its database."""

from django.urls import reverse

from community.models import Project
from mentoring.models import Organisation

from ..factories import OrganisationFactory
from .factories import IntroductionFactory, PartnerFactory, ProjectFactory

LOGIN = "login"
ROLES = ["lead", "mentor_a", "mentor_b", "admin_a", "member_a", "member_b"]


def everyone(status) -> dict:
    return {**dict.fromkeys(ROLES, status), "anonymous": LOGIN}


def roles(default, **special) -> dict:
    return {**everyone(default), **special}


INSIDERS_OF_A = ["lead", "mentor_a", "admin_a", "member_a"]


def insiders_of_a(status, others) -> dict:
    return roles(others, **dict.fromkeys(INSIDERS_OF_A, status))


def community_urls(cast) -> list[tuple[str, str, dict]]:
    partner = PartnerFactory(name="Shared Chamber")
    secret_partner = PartnerFactory(name="Secret Partner")
    project = ProjectFactory(organisation=cast.org_a, partners=[partner])
    secret = ProjectFactory(
        organisation=cast.org_a, is_confidential=True, partners=[secret_partner]
    )
    trashed = ProjectFactory(organisation=cast.org_a)
    Project.objects.filter(pk=trashed.pk).update(deleted_at="2025-01-01T00:00:00Z")
    org_c = OrganisationFactory(slug="org-c", status=Organisation.Status.ACTIVE)
    to_b = IntroductionFactory(from_organisation=cast.org_a, to_organisation=cast.org_b)
    to_c = IntroductionFactory(from_organisation=cast.org_a, to_organisation=org_c)
    from_b = IntroductionFactory(from_organisation=cast.org_b, to_organisation=cast.org_a)
    lead_only = roles(403, lead=200)
    askers = roles(403, admin_a=200, member_a=200)
    u = reverse
    return [
        ("get", u("community:project_list"), everyone(200)),
        ("post", u("community:project_list"), everyone(405)),
        ("get", u("community:project_create"), everyone(200)),
        ("post", u("community:project_create"), everyone(200)),
        ("get", u("community:project_trash"), everyone(200)),
        ("post", u("community:project_trash"), everyone(405)),
        ("get", u("community:project_detail", args=[project.pk]), everyone(200)),
        ("post", u("community:project_detail", args=[project.pk]), everyone(405)),
        ("get", u("community:project_detail", args=[secret.pk]), insiders_of_a(200, 404)),
        ("post", u("community:project_detail", args=[secret.pk]), everyone(405)),
        ("get", u("community:project_edit", args=[project.pk]), insiders_of_a(200, 403)),
        ("post", u("community:project_edit", args=[project.pk]), insiders_of_a(200, 403)),
        ("get", u("community:project_edit", args=[secret.pk]), insiders_of_a(200, 404)),
        ("post", u("community:project_edit", args=[secret.pk]), insiders_of_a(200, 404)),
        ("get", u("community:project_delete", args=[secret.pk]), insiders_of_a(200, 404)),
        ("get", u("community:project_restore", args=[trashed.pk]), everyone(405)),
        ("get", u("community:map"), everyone(200)),
        ("post", u("community:map"), everyone(405)),
        ("get", u("community:partner_list"), everyone(200)),
        ("post", u("community:partner_list"), everyone(405)),
        ("get", u("community:partner_detail", args=[partner.pk]), everyone(200)),
        ("post", u("community:partner_detail", args=[partner.pk]), everyone(405)),
        ("get", u("community:partner_detail", args=[secret_partner.pk]), insiders_of_a(200, 404)),
        ("get", u("community:partner_edit", args=[partner.pk]), lead_only),
        ("post", u("community:partner_edit", args=[partner.pk]), lead_only),
        (
            "get",
            u("community:partner_edit", args=[secret_partner.pk]),
            insiders_of_a(403, 404) | {"lead": 200},
        ),
        ("get", u("community:partner_merge"), lead_only),
        ("post", u("community:partner_merge"), lead_only),
        ("get", u("community:introduction_list"), everyone(200)),
        ("post", u("community:introduction_list"), everyone(405)),
        ("get", u("community:introduction_make"), lead_only),
        ("post", u("community:introduction_make"), lead_only),
        ("get", u("community:introduction_request", args=[cast.org_b.slug]), askers),
        ("post", u("community:introduction_request", args=[cast.org_b.slug]), askers),
        (
            "get",
            u("community:introduction_request", args=[cast.org_a.slug]),
            roles(403, member_b=200),
        ),
        ("get", u("community:introduction_detail", args=[to_b.pk]), everyone(200)),
        ("post", u("community:introduction_detail", args=[to_b.pk]), everyone(405)),
        (
            "get",
            u("community:introduction_detail", args=[to_c.pk]),
            roles(404, lead=200, mentor_a=200, admin_a=200, member_a=200),
        ),
        ("get", u("community:introduction_answer", args=[from_b.pk]), everyone(405)),
        (
            "post",
            u("community:introduction_answer", args=[to_c.pk]),
            roles(404, lead=403, mentor_a=403, admin_a=403, member_a=403),
        ),
        ("post", u("community:introduction_answer", args=[from_b.pk]), roles(403, admin_a=302)),
        ("post", u("community:project_restore", args=[trashed.pk]), insiders_of_a(302, 404)),
        ("post", u("community:project_delete", args=[project.pk]), insiders_of_a(302, 403)),
    ]

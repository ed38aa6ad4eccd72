"""Rows of the community app: projects, partners, the map, introductions between organisations.

A's project is public, its confidential project only A's insiders (and the leads) know about;
introductions A→B, A→C and B→A tell who sees and who answers an introduction."""

from community.models import Introduction, Partner, Project

from ..permissions import EVERYONE, INSIDERS_A, LEAD_ONLY, Row, count, expect, posted, values

ALLOWED_GET_ONLY = expect(405)
# Everyone sees A's public project; only A's insiders change it.
EDITORS_A = expect(403, lead=200, mentor_a=200, admin_a=200, member_a=200)
# A's people who may ask for an introduction on A's behalf.
ASKERS_A = expect(403, admin_a=200, member_a=200)


def _c(key):
    return lambda w: [w.community[key].pk]


def _projects(w, role):
    return count(Project)


def _deleted_at(key):
    return lambda w, role: values(Project, w.community[key].pk, "deleted_at")


def _status(key):
    return lambda w, role: values(Introduction, w.community[key].pk, "status", "decided_at")


def _partner(key):
    return lambda w, role: values(Partner, w.community[key].pk, "name", "kind", "version")


def _introductions(w, role):
    return count(Introduction)


def _get_only(name, args=None, case=""):
    """A page that only reads: a POST is refused (405) and changes nothing."""
    extra = {"args": args} if args else {}
    return Row(name, ALLOWED_GET_ONLY, method="post", state=_projects, case=case, **extra)


ROWS = [
    Row("community:project_list", EVERYONE),
    _get_only("community:project_list"),
    Row("community:project_create", EVERYONE),
    # An empty form: everyone who may add a project gets the form back with its messages.
    Row("community:project_create", EVERYONE, method="post", data=lambda w: {}, state=_projects),
    Row("community:project_trash", EVERYONE),
    _get_only("community:project_trash"),
    Row("community:project_detail", EVERYONE, args=_c("project")),
    _get_only("community:project_detail", args=_c("project")),
    Row("community:project_detail", INSIDERS_A, args=_c("secret"), case="confidential"),
    _get_only("community:project_detail", args=_c("secret"), case="confidential"),
    Row("community:project_edit", EDITORS_A, args=_c("project")),
    Row(
        "community:project_edit",
        EDITORS_A,
        args=_c("project"),
        method="post",
        data=lambda w: {},
        state=lambda w, role: values(Project, w.community["project"].pk, "title", "version"),
    ),
    Row("community:project_edit", INSIDERS_A, args=_c("secret"), case="confidential"),
    Row(
        "community:project_edit",
        INSIDERS_A,
        args=_c("secret"),
        method="post",
        data=lambda w: {},
        state=lambda w, role: values(Project, w.community["secret"].pk, "title", "version"),
        case="confidential",
    ),
    Row("community:project_delete", INSIDERS_A, args=_c("secret"), case="confidential"),
    Row(
        "community:project_delete",
        posted(EDITORS_A),
        args=_c("project"),
        method="post",
        state=_deleted_at("project"),
    ),
    Row("community:project_restore", ALLOWED_GET_ONLY, args=_c("trashed")),
    Row(
        "community:project_restore",
        posted(INSIDERS_A),
        args=_c("trashed"),
        method="post",
        state=_deleted_at("trashed"),
    ),
    Row("community:map", EVERYONE),
    _get_only("community:map"),
    Row("community:partner_list", EVERYONE),
    _get_only("community:partner_list"),
    Row("community:partner_detail", EVERYONE, args=_c("partner")),
    _get_only("community:partner_detail", args=_c("partner")),
    # A partner only of a confidential project is as hidden as the project.
    Row("community:partner_detail", INSIDERS_A, args=_c("secret_partner"), case="confidential"),
    Row("community:partner_edit", LEAD_ONLY, args=_c("partner")),
    Row(
        "community:partner_edit",
        LEAD_ONLY,
        args=_c("partner"),
        method="post",
        data=lambda w: {},
        state=_partner("partner"),
    ),
    Row(
        "community:partner_edit",
        expect(403, lead=200, member_b=404, mentor_b=404),
        args=_c("secret_partner"),
        case="confidential",
    ),
    Row("community:partner_merge", LEAD_ONLY),
    Row(
        "community:partner_merge",
        LEAD_ONLY,
        method="post",
        data=lambda w: {},
        state=lambda w, role: count(Partner),
    ),
    Row("community:introduction_list", EVERYONE),
    Row(
        "community:introduction_list",
        ALLOWED_GET_ONLY,
        method="post",
        state=_introductions,
    ),
    Row("community:introduction_make", LEAD_ONLY),
    Row(
        "community:introduction_make",
        LEAD_ONLY,
        method="post",
        data=lambda w: {},
        state=_introductions,
    ),
    Row("community:introduction_request", ASKERS_A, args=lambda w: [w.org_b.slug]),
    Row(
        "community:introduction_request",
        ASKERS_A,
        args=lambda w: [w.org_b.slug],
        method="post",
        data=lambda w: {},
        state=_introductions,
    ),
    # Asking A for an introduction: B's member may, on B's behalf.
    Row(
        "community:introduction_request",
        expect(403, member_b=200),
        args=lambda w: [w.org_a.slug],
        case="to_a",
    ),
    Row("community:introduction_detail", EVERYONE, args=_c("a_to_b")),
    Row(
        "community:introduction_detail",
        ALLOWED_GET_ONLY,
        args=_c("a_to_b"),
        method="post",
        state=_status("a_to_b"),
    ),
    # A→C: B's people are outsiders.
    Row(
        "community:introduction_detail",
        expect(404, lead=200, mentor_a=200, admin_a=200, member_a=200),
        args=_c("a_to_c"),
        case="a_to_c",
    ),
    Row("community:introduction_answer", ALLOWED_GET_ONLY, args=_c("b_to_a")),
    # A asked: nobody of A answers its own request, B's people do not know of it.
    Row(
        "community:introduction_answer",
        expect(404, lead=403, mentor_a=403, admin_a=403, member_a=403),
        args=_c("a_to_c"),
        method="post",
        state=_status("a_to_c"),
        case="a_to_c",
    ),
    # B asked A: A's admin answers (an empty answer declines).
    Row(
        "community:introduction_answer",
        expect(403, admin_a=302),
        args=_c("b_to_a"),
        method="post",
        state=_status("b_to_a"),
    ),
]

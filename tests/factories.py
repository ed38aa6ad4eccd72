import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from mentoring.models import Cohort, Membership, Mentorship, Organisation
from mentoring.roles import Role
from portal.models import Invitation, User

PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    role = Role.MENTEE
    timezone = "UTC"
    language = "en"

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        django_get_or_create = ("year", "name")

    year = 2023
    name = "Cohort 2023"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Integrity Network {n}")
    acronym = factory.Sequence(lambda n: f"IN{n}")
    slug = factory.Sequence(lambda n: f"in-{n}")
    country = "TG"
    city = "Lomé"
    timezone = "Africa/Lome"
    kind = Organisation.Kind.CONSUMER
    cohort = factory.SubFactory(CohortFactory)
    status = Organisation.Status.ACTIVE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory, role=Role.MENTEE)
    organisation = factory.SubFactory(OrganisationFactory)
    is_admin = False


class MentorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentorship
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    start_date = factory.Faker("date_between", start_date="-1y", end_date="-30d")
    status = Mentorship.Status.ACTIVE

    @factory.post_generation
    def mentors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.mentors.set(extracted)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.MENTEE
    organisation = factory.SubFactory(OrganisationFactory)
    token_hash = factory.Sequence(lambda n: f"{n:064x}")


# --- Documents (rows only: use documents.services to store real bytes) -----------------------


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Document"
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Working paper {n}")
    category = "working"
    language = "en"

    @factory.post_generation
    def with_version(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            version = DocumentVersionFactory(document=obj, uploaded_by=obj.created_by)
            obj.current_version = version
            obj.save(update_fields=["current_version"])


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Version"

    document = factory.SubFactory(DocumentFactory, with_version=False)
    number = 1
    storage_key = factory.Sequence(lambda n: f"files/00/00/{n:032x}")
    original_name = "paper.pdf"
    size = 1234
    content_type = "application/pdf"
    sha256 = "0" * 64


def _meeting_start():
    from datetime import timedelta

    from django.utils import timezone

    return (timezone.now() + timedelta(days=30)).replace(minute=0, second=0, microsecond=0)


def _one_hour_after(obj):
    from datetime import timedelta

    return obj.starts_at + timedelta(hours=1)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A community meeting a month from now, for the whole community, one hour long."""

    class Meta:
        model = "mentoring.Meeting"
        skip_postgeneration_save = True

    kind = "quarterly"
    title = factory.Sequence(lambda n: f"Quarterly community meeting {n}")
    agenda = "1. Round of news\n2. Collective Action in procurement"
    starts_at = factory.LazyFunction(_meeting_start)
    ends_at = factory.LazyAttribute(
        lambda o: o.starts_at + __import__("datetime").timedelta(hours=1)
    )
    timezone = "Europe/Zurich"
    call_link = "https://meet.example.org/ca-community"
    audience = "community"

    @factory.post_generation
    def organisations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.organisations.set(extracted)

    @factory.post_generation
    def cohorts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.cohorts.set(extracted)

    @factory.post_generation
    def hosts(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.hosts.set(extracted)


class MeetingResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mentoring.MeetingResponse"

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    answer = "yes"


# --- Mentoring sessions ------------------------------------------------------------------------


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mentoring.Topic"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Topic {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mentoring.Goal"

    mentorship = factory.SubFactory(MentorshipFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    """A session log; `author` defaults to a new mentor added to the mentorship."""

    class Meta:
        model = "mentoring.Session"

    mentorship = factory.SubFactory(MentorshipFactory)
    author = factory.SubFactory(UserFactory, role=Role.MENTOR)
    started_at = factory.Faker(
        "date_time_between", start_date="-300d", end_date="-1d", tzinfo=dt.UTC
    )
    duration_minutes = 60
    summary = "We mapped the stakeholders of the **water** sector."
    private_notes = "PRIVATE-NOTE: the director seems hesitant."


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mentoring.ActionItem"

    session = factory.SubFactory(SessionFactory)
    text = factory.Sequence(lambda n: f"Action {n}")
    owner = "organisation"


# --- Dashboard, reports, timeline ---------------------------------------------------------------


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mentoring.CheckIn"

    mentorship = factory.SubFactory(MentorshipFactory)
    stage = "start"
    side = "organisation"
    usefulness = 4
    progress = 3


class MeetingAttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "mentoring.MeetingAttendance"

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Share"

    document = factory.SubFactory(DocumentFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class HighlightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "portal.Highlight"

    session = factory.SubFactory(SessionFactory)
    year = factory.LazyAttribute(lambda o: o.session.started_at.year)


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "intake.Call"

    title = "Call for the 2027 cohort"
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=5))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    timezone = "Europe/Zurich"
    cohort = factory.SubFactory(CohortFactory, year=2027, name="Cohort 2027")
    questions = "How many members does your coalition have?"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "intake.Application"

    call = factory.SubFactory(CallFactory)
    organisation_name = factory.Sequence(lambda n: f"Applicant {n}")
    name_key = factory.LazyAttribute(lambda o: o.organisation_name.lower())
    country = "SN"
    kind = "youth"
    contact_name = "Fatou Diop"
    contact_email = factory.Sequence(lambda n: f"contact{n}@applicant.example")
    language = "fr"
    challenge = "Les marchés publics locaux."
    hopes = "Un mentor pour notre pacte d'intégrité."
    confirm_token_hash = factory.Sequence(lambda n: f"{n:064d}")
    read_token_hash = factory.Sequence(lambda n: f"r{n:063d}")
    confirmed_at = factory.LazyFunction(timezone.now)

import factory

from community.models import Introduction, Partner, Project, Sector

from ..factories import OrganisationFactory


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Sector {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partner Company {n}")
    kind = Partner.Kind.COMPANY


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Collective Action {n}")
    countries = ["CI"]
    stage = Project.Stage.IMPLEMENTING
    approach = Project.Approach.CODE_OF_CONDUCT

    @factory.post_generation
    def partners(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.partners.set(extracted)

    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sectors.set(extracted)


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Introduction

    from_organisation = factory.SubFactory(OrganisationFactory)
    to_organisation = factory.SubFactory(OrganisationFactory)
    note = "Let us talk."

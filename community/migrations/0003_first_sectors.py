"""The first sector list (leads edit it in the admin afterwards)."""

from django.db import migrations

SECTORS = [
    ("Infrastructure", "Infrastructures"),
    ("Health", "Santé"),
    ("Extractives", "Industries extractives"),
    ("SMEs", "PME"),
    ("Public procurement", "Marchés publics"),
    ("Customs", "Douanes"),
    ("Water and energy", "Eau et énergie"),
]


def add_sectors(apps, schema_editor):
    Sector = apps.get_model("community", "Sector")
    for position, (name, name_fr) in enumerate(SECTORS):
        Sector.objects.get_or_create(
            name=name, defaults={"name_fr": name_fr, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("community", "0002_partner_matching_extensions")]

    operations = [migrations.RunPython(add_sectors, migrations.RunPython.noop)]

"""unaccent and pg_trgm for partner suggestions on PostgreSQL. Both operations do nothing on
other databases (Django's CreateExtension checks the vendor), where matching.py ranks in
Python instead. Both extensions are "trusted" (PostgreSQL 13+): a database owner may create them."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("community", "0001_projects_partners_introductions")]

    operations = [UnaccentExtension(), TrigramExtension()]

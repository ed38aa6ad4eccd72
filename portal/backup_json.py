"""Django's JSON serialisation with every microsecond kept, for backups.

Django's JSON encoder cuts times to milliseconds (as JavaScript would read them); a restore
must give back exactly what was stored. Registered as the "backup-json" format
(SERIALIZATION_MODULES); it reads with Django's own JSON deserialiser.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", ExactEncoder)
        super()._init_options()


Deserializer = django_json.Deserializer

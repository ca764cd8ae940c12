from django.db import models


class DataVersion(models.Model):
    """One row whose token the database itself changes whenever a table that the member
    pages read is written: triggers installed by indicators.data_version, fired in the
    writer's own transaction by the ORM, bulk loads, COPY and raw SQL alike. A page
    remembered under a token therefore shows exactly the data committed with it."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = "data version"

    def __str__(self):
        return self.token

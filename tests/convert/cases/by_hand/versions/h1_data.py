"""data migration through the ORM

Revision ID: h1
Revises:
Create Date: 2024-08-01 00:00:00

"""
revision = 'h1'
down_revision = None

from alembic import op
from myapp import models


def upgrade():
    session = models.Session(bind=op.get_bind())
    for row in session.query(models.Thing).all():
        row.total = sum(p.amount for p in row.parts)
    session.commit()


def downgrade():
    raise NotImplementedError("cannot undo")

"""a data fix that Alembic never undoes

Revision ID: m2
Revises: m1
Create Date: 2024-08-03 00:00:01

"""
from alembic import op

revision = 'm2'
down_revision = 'm1'


def upgrade():
    op.execute("UPDATE setting SET value = 'False' WHERE value = '0'")
    op.execute("DELETE FROM setting WHERE name = 'legacy'")


def downgrade():
    pass

"""a column and the data it needs

Revision ID: m3
Revises: m2
Create Date: 2024-08-03 00:00:02

"""
from alembic import op
import sqlalchemy as sa

revision = 'm3'
down_revision = 'm2'


def upgrade():
    op.add_column('setting', sa.Column('view', sa.String(64)))
    op.execute("UPDATE setting SET view = 'basic'")


def downgrade():
    # not implemented
    pass

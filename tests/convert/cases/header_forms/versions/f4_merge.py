"""merge heads

Revision ID: 3m
Revises: 2a, 2b
Create Date: 2023-01-04 10:00:00

"""
from alembic import op

revision = '3m'
down_revision = ('2a', '2b')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

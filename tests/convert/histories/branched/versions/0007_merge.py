"""merge billing and tags

Revision ID: 0007
Revises: 0004, 0006
Create Date: 2024-03-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = ('0004', '0006')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

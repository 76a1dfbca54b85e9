"""rename tags

Revision ID: 0011
Revises: 0010
Create Date: 2024-03-05 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.rename_table('post_tags', 'post_labels')


def downgrade():
    op.rename_table('post_labels', 'post_tags')

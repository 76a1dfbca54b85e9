"""tables

Revision ID: m1
Revises:
Create Date: 2024-08-03 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'm1'
down_revision = None


def upgrade():
    op.create_table('setting',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(64), nullable=False),
        sa.Column('value', sa.Text()),
    )


def downgrade():
    op.drop_table('setting')

"""an index, downgrade left to migc

Revision ID: m4
Revises: m3
Create Date: 2024-08-03 00:00:03

"""
from alembic import op

revision = 'm4'
down_revision = 'm3'


def upgrade():
    op.create_index('ix_setting_name', 'setting', ['name'], unique=True)


def downgrade():
    pass

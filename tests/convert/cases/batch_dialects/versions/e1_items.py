"""items

Revision ID: e1
Revises:
Create Date: 2024-06-01 12:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'e1'
down_revision = None


def upgrade():
    op.create_table('items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=64), nullable=True),
        sa.Column('price', sa.Numeric(10, 2), nullable=True),
        sa.PrimaryKeyConstraint('id'))


def downgrade():
    op.drop_table('items')

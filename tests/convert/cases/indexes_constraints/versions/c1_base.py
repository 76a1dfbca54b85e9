"""base tables

Revision ID: c1
Revises:
Create Date: 2024-04-01

"""
revision = 'c1'
down_revision = None

from alembic import op
import sqlalchemy as sa


def upgrade():
    op.create_table('accounts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(200), nullable=False),
        sa.Column('owner_id', sa.Integer(), nullable=True),
        sa.Column('balance', sa.Integer(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
    )
    op.create_table('owners',
        sa.Column('oid', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(10), nullable=False),
    )


def downgrade():
    op.drop_table('owners')
    op.drop_table('accounts')

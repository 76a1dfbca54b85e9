"""start billing

Revision ID: 0003
Revises: 0002
Create Date: 2024-02-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = ('billing',)
depends_on = None


def upgrade():
    op.create_table('plans',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('price', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.PrimaryKeyConstraint('code', name='pk_plans')
    )
    plans = sa.table('plans', sa.column('code', sa.String), sa.column('price', sa.Numeric))
    op.bulk_insert(plans, [
        {'code': 'free', 'price': 0},
        {'code': 'pro', 'price': 9.5},
    ])


def downgrade():
    op.drop_table('plans')

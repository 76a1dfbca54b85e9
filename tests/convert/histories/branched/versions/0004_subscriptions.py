"""subscriptions

Revision ID: 0004
Revises: 0003
Create Date: 2024-02-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('subscriptions',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('plan_code', sa.String(length=20), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.ForeignKeyConstraint(['plan_code'], ['plans.code'], name='fk_subscriptions_plan'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name='fk_subscriptions_user', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'plan_code', name='pk_subscriptions')
    )


def downgrade():
    op.drop_table('subscriptions')

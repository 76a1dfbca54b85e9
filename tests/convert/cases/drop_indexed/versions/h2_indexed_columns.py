"""indexed columns

Revision ID: h2
Revises: h1
Create Date: 2025-02-02 08:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'h2'
down_revision = 'h1'


def upgrade():
    op.add_column('account', sa.Column('handle', sa.String(30), index=True))
    op.add_column('account', sa.Column('region', sa.String(8)))
    op.create_index('ix_account_region_team', 'account', ['region', 'team'])
    op.create_unique_constraint('uq_account_region_handle', 'account', ['region', 'handle'])
    with op.batch_alter_table('session') as batch_op:
        batch_op.add_column(sa.Column('expires_at', sa.DateTime()))
        batch_op.create_index('ix_session_expires_at', ['expires_at'])


def downgrade():
    # the indexes and the constraint using the columns go with them
    with op.batch_alter_table('session') as batch_op:
        batch_op.drop_column('expires_at')
    op.drop_column('account', 'region')
    op.drop_column('account', 'handle')

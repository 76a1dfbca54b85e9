"""tables with indexes

Revision ID: h1
Revises:
Create Date: 2025-02-01 08:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'h1'
down_revision = None


def upgrade():
    op.create_table('account',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('email', sa.String(120), nullable=False, unique=True, index=True),
        sa.Column('team', sa.String(40), index=True))
    op.create_index('ix_account_team_email', 'account', ['team', 'email'])
    op.create_table('session',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('account_id', sa.Integer(), sa.ForeignKey('account.id')),
        sa.Column('token', sa.String(64), nullable=False))
    op.create_index('ix_session_token', 'session', ['token'], unique=True)


def downgrade():
    # with the drop_index of one index, none of the others
    op.drop_index('ix_session_token', table_name='session')
    op.drop_table('session')
    op.drop_table('account')

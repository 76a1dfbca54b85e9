"""index built concurrently

Revision ID: c3
Revises: c2
Create Date: 2024-04-03

"""
revision = 'c3'
down_revision = 'c2'

from alembic import op


def upgrade():
    with op.get_context().autocommit_block():
        op.create_index('ix_accounts_balance', 'accounts', ['balance'], postgresql_concurrently=True)


def downgrade():
    op.drop_index('ix_accounts_balance', table_name='accounts')

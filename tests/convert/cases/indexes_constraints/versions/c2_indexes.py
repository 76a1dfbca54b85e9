"""indexes and constraints

Revision ID: c2
Revises: c1
Create Date: 2024-04-02T09:30:00

"""
revision = 'c2'
down_revision = 'c1'

from alembic import op
import sqlalchemy as sa


def upgrade():
    op.create_primary_key('pk_owners', 'owners', ['oid'])
    op.create_unique_constraint('uq_owners_code', 'owners', ['code'])
    op.create_foreign_key('fk_accounts_owner', 'accounts', 'owners', ['owner_id'], ['oid'], ondelete='SET NULL')
    op.create_check_constraint('ck_accounts_balance', 'accounts', 'balance >= 0 AND balance < 1000000')
    op.create_check_constraint(op.f('ck_accounts_email'), 'accounts', sa.text("email LIKE '%@%'"))
    op.create_index(op.f('ix_accounts_email'), 'accounts', ['email'], unique=True)
    op.create_index('ix_accounts_owner_balance', 'accounts', ['owner_id', 'balance'], unique=False)
    op.create_index('ix_accounts_live', 'accounts', ['email'], postgresql_where=sa.text('deleted = false'), sqlite_where=sa.text('deleted = false'))
    op.create_index('ix_accounts_lower_email', 'accounts', [sa.text('lower(email)')], postgresql_using='btree')


def downgrade():
    op.drop_index('ix_accounts_lower_email', table_name='accounts')
    op.drop_index('ix_accounts_live', table_name='accounts')
    op.drop_index('ix_accounts_owner_balance', table_name='accounts')
    op.drop_index(op.f('ix_accounts_email'), table_name='accounts')
    op.drop_constraint(op.f('ck_accounts_email'), 'accounts', type_='check')
    op.drop_constraint('ck_accounts_balance', 'accounts', type_='check')
    op.drop_constraint('fk_accounts_owner', 'accounts', type_='foreignkey')
    op.drop_constraint('uq_owners_code', 'owners', type_='unique')
    op.drop_constraint('pk_owners', 'owners', type_='primary')

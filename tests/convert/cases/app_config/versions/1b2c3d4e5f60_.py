"""empty message

Revision ID: 1b2c3d4e5f60
Revises: 0a1b2c3d4e5f
Create Date: 2024-10-14 09:30:00

"""
from alembic import op
import sqlalchemy as sa

from deskapp.migrations.util import schema_version

revision = '1b2c3d4e5f60'
down_revision = '0a1b2c3d4e5f'
branch_labels = None
depends_on = None


def upgrade():
    version = schema_version(op)

    if version < 3:
        op.add_column('connection', sa.Column('ssl_mode', sa.String(length=16)))

    if version < 4:
        op.create_table(
            'setting',
            sa.Column('account_id', sa.Integer(), nullable=False),
            sa.Column('key', sa.String(length=64), nullable=False),
            sa.Column('value', sa.Text(), nullable=False),
            sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
            sa.PrimaryKeyConstraint('account_id', 'key'))

    op.add_column('connection', sa.Column('comment', sa.String(length=1024)))

    meta = sa.MetaData()
    meta.reflect(op.get_bind(), only=('role', 'version'), resolve_fks=False)
    role_table = sa.Table('role', meta)
    op.execute(
        role_table.update().where(role_table.c.name == 'Viewers')
        .values(description='May read, never write'))
    version_table = sa.Table('version', meta)
    op.execute(
        version_table.update().where(version_table.c.name == 'SettingsDB')
        .values(value=sa.select(sa.func.max(version_table.c.value) + 1)))


def downgrade():
    pass

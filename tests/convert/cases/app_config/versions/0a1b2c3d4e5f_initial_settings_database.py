"""Initial settings database

Revision ID: 0a1b2c3d4e5f
Revises:
Create Date: 2024-09-30 12:00:00

"""
from alembic import op
import sqlalchemy as sa

from deskapp import defaults

revision = '0a1b2c3d4e5f'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'version',
        sa.Column('name', sa.String(length=32), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('name'))
    role_table = op.create_table(
        'role',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('description', sa.String(length=255), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'))
    op.create_table(
        'account',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=256), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('locked', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint('active IN (0, 1)'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('email'))
    op.create_table(
        'account_role',
        sa.Column('account_id', sa.Integer(), nullable=True),
        sa.Column('role_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['role_id'], ['role.id'], ondelete='CASCADE'))
    op.create_table(
        'connection',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('host', sa.String(length=1024), nullable=False),
        sa.Column('port', sa.Integer(), nullable=False),
        sa.Column('timeout', sa.Integer(), server_default='10', nullable=False),
        sa.CheckConstraint('port >= 1 AND port <= 65535'),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'))
    op.bulk_insert(role_table, [
        {'name': 'Administrators', 'description': 'Full access'},
        {'name': 'Viewers', 'description': 'Read only'},
    ])
    version_table = sa.table('version', sa.column('name'), sa.column('value'))
    op.bulk_insert(version_table, [{'name': 'SettingsDB', 'value': defaults.SCHEMA_VERSION}])


def downgrade():
    # The settings database only moves forward.
    pass

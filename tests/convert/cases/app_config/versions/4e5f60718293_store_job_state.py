"""store job state

Revision ID: 4e5f60718293
Revises: 3d4e5f607182
Create Date: 2025-01-08 08:00:00

"""
from alembic import op
import sqlalchemy as sa

from deskapp.jobs import JOB_STATE_NEW

revision = '4e5f60718293'
down_revision = '3d4e5f607182'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'job',
        sa.Column('pid', sa.String(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('command', sa.Text(), nullable=False),
        sa.Column('details', sa.JSON(), nullable=True),
        sa.Column('started_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('pid'))
    op.add_column('job', sa.Column('state', sa.String(length=16),
                                   server_default=JOB_STATE_NEW))
    op.add_column('job', sa.Column('exit_code', sa.Integer()))


def downgrade():
    pass

"""issue state

Revision ID: e81f4b6d0a93
Revises: d3a0c57e9b12
Create Date: 2025-05-06 16:03:29.418852

"""
from alembic import op
import sqlalchemy as sa


revision = 'e81f4b6d0a93'
down_revision = 'd3a0c57e9b12'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('issues', sa.Column('state', sa.String(length=20), server_default='open', nullable=False))
    op.add_column('issues', sa.Column('closed_at', sa.DateTime(), nullable=True))
    op.create_index('ix_issues_state', 'issues', ['state'])
    op.create_index('ix_issues_project_state', 'issues', ['project_id', 'state'])
    with op.batch_alter_table('issues', schema=None) as batch_op:
        batch_op.create_check_constraint(
            'ck_issues_state', "state IN ('open', 'in_progress', 'closed')")


def downgrade():
    with op.batch_alter_table('issues', schema=None) as batch_op:
        batch_op.drop_index('ix_issues_project_state')
        batch_op.drop_index('ix_issues_state')
        batch_op.drop_constraint('ck_issues_state', type_='check')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('state')

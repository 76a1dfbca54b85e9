"""labels

Revision ID: 8a7d31c0e5f9
Revises: 5f02b8e61d4c
Create Date: 2025-03-11 09:02:37.530012

"""
from alembic import op
import sqlalchemy as sa


revision = '8a7d31c0e5f9'
down_revision = '5f02b8e61d4c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('labels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('color', sa.String(length=7), server_default='#cccccc', nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_labels_project_name', 'labels', ['project_id', 'name'], unique=True)
    op.create_table('issue_labels',
    sa.Column('issue_id', sa.Integer(), nullable=False),
    sa.Column('label_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['issue_id'], ['issues.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['label_id'], ['labels.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('issue_id', 'label_id')
    )
    with op.batch_alter_table('issue_labels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issue_labels_label_id'), ['label_id'], unique=False)


def downgrade():
    with op.batch_alter_table('issue_labels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issue_labels_label_id'))

    op.drop_table('issue_labels')
    op.drop_table('labels')

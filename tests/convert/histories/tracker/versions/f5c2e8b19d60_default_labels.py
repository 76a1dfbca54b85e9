"""default labels

Revision ID: f5c2e8b19d60
Revises: e81f4b6d0a93
Create Date: 2025-05-20 11:37:05.901276

"""
from alembic import op
import sqlalchemy as sa


revision = 'f5c2e8b19d60'
down_revision = 'e81f4b6d0a93'
branch_labels = None
depends_on = None

issues = sa.table('issues', sa.column('state', sa.String), sa.column('closed_at', sa.DateTime))


def upgrade():
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.alter_column('name', existing_type=sa.String(length=100), type_=sa.String(length=150), existing_nullable=False)
    op.execute(issues.update().where(issues.c.closed_at != None).values(state='closed'))


def downgrade():
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.alter_column('name', existing_type=sa.String(length=150), type_=sa.String(length=100), existing_nullable=False)
        batch_op.drop_column('archived')

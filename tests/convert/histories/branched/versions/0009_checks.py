"""constraints after the merge

Revision ID: 0009
Revises: 0008
Create Date: 2024-03-03 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_check_constraint('ck_users_karma', 'karma >= 0')
        batch_op.alter_column('display_name', existing_type=sa.String(length=80), nullable=False)
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.alter_column('title', existing_type=sa.String(length=200), type_=sa.String(length=250))


def downgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.alter_column('title', existing_type=sa.String(length=250), type_=sa.String(length=200))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('display_name', existing_type=sa.String(length=80), nullable=True)
        batch_op.drop_constraint('ck_users_karma', type_='check')

"""user names

Revision ID: 0008
Revises: 0007
Create Date: 2024-03-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('display_name', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('karma', sa.Integer(), server_default='0', nullable=False))
    op.execute("UPDATE users SET display_name = email WHERE display_name IS NULL")


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('karma')
        batch_op.drop_column('display_name')

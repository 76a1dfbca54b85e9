"""job priority

Revision ID: 607182930415
Revises: 5f6071829304
Create Date: 2025-03-01 09:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = '607182930415'
down_revision = '5f6071829304'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("job") as batch_op:
        batch_op.add_column(sa.Column('priority', sa.Integer(), nullable=True))
    op.execute("UPDATE job SET priority = 5")


def downgrade():
    pass

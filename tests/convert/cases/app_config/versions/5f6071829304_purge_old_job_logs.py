"""purge old job logs

Revision ID: 5f6071829304
Revises: 4e5f60718293
Create Date: 2025-02-11 13:20:00

"""
from alembic import op

revision = '5f6071829304'
down_revision = '4e5f60718293'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM job WHERE exit_code IS NOT NULL")
    op.execute("UPDATE account SET locked = false WHERE locked IS NULL")


def downgrade():
    pass

"""what no declaration can say

Revision ID: s2
Revises: s1
Create Date: 2025-08-02 09:00:00

"""
from alembic import op

revision = 's2'
down_revision = 's1'


def upgrade():
    op.execute("ALTER TABLE note ADD COLUMN pinned boolean")
    op.execute("CREATE INDEX ON note (owner)")
    op.execute("CREATE TABLE archive.note (id integer)")


def downgrade():
    op.execute("ALTER TABLE note DROP COLUMN pinned")

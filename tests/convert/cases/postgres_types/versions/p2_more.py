"""more columns

Revision ID: p2
Revises: p1
Create Date: 2024-05-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = 'p2'
down_revision = 'p1'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('hosts', sa.Column('aliases', postgresql.ARRAY(sa.Text()), nullable=True))
    op.add_column('hosts', sa.Column('stamps', postgresql.ARRAY(postgresql.TIMESTAMP(precision=3))))


def downgrade():
    op.drop_column('hosts', 'stamps')
    op.drop_column('hosts', 'aliases')

"""hosts: the types only PostgreSQL has

Revision ID: p1
Revises:
Create Date: 2024-05-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = 'p1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('hosts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seen', postgresql.TIMESTAMP(timezone=True, precision=6), nullable=False),
    sa.Column('booted', sa.TIMESTAMP(precision=0)),
    sa.Column('checked', sa.DateTime(timezone=True)),
    sa.Column('addr', postgresql.INET(), nullable=False),
    sa.Column('net', postgresql.CIDR()),
    sa.Column('mac', postgresql.MACADDR()),
    sa.Column('uptime', postgresql.INTERVAL()),
    sa.Column('timeout', postgresql.INTERVAL(precision=3)),
    sa.Column('grace', sa.Interval()),
    sa.Column('search', postgresql.TSVECTOR()),
    sa.Column('cost', postgresql.MONEY()),
    sa.Column('ports', postgresql.ARRAY(sa.Integer()), nullable=False),
    sa.Column('names', sa.ARRAY(sa.String(length=40))),
    sa.Column('grid', postgresql.ARRAY(sa.Float(), dimensions=2)),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    op.drop_table('hosts')

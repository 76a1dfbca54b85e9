"""toys, the downgrade derived

Revision ID: n3
Revises: n2
Create Date: 2024-06-03 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'n3'
down_revision = 'n2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('toys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('ball', 'rope', name='toy_kind')),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    pass

"""pets, with the mood type made in n1

Revision ID: n2
Revises: n1
Create Date: 2024-06-02 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = 'n2'
down_revision = 'n1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('pets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mood', postgresql.ENUM('happy', 'sad', "it's fine", name='mood', create_type=False)),
    sa.PrimaryKeyConstraint('id')
    )
    op.add_column('people', sa.Column('size', sa.Enum('s', 'm', 'l', name='size')))


def downgrade():
    op.drop_column('people', 'size')
    op.drop_table('pets')

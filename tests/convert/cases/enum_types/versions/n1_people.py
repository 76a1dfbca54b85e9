"""people and their moods

Revision ID: n1
Revises:
Create Date: 2024-06-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = 'n1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mood', sa.Enum('happy', 'sad', "it's fine", name='mood'), nullable=False),
    sa.Column('other_mood', sa.Enum('happy', 'sad', "it's fine", name='mood')),
    sa.Column('level', postgresql.ENUM('low', 'high', name='Level')),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade():
    op.drop_table('people')

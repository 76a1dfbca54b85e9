"""colours: Enum types the language cannot name

Revision ID: u1
Revises:
Create Date: 2024-06-04 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'u1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('paint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('colour', sa.Enum('red', 'blue')),
    sa.PrimaryKeyConstraint('id')
    )
    op.add_column('paint', sa.Column('finish', sa.Enum(Finish, name='finish')))


def downgrade():
    op.drop_column('paint', 'finish')
    op.drop_table('paint')

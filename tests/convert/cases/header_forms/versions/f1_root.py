"""root

Revision ID: 1f2e3d4c5b6a
Revises:
Create Date: 2023-01-01 00:00:00.000001

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '1f2e3d4c5b6a'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = ('core',)
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('a', sa.Column('id', sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table('a')

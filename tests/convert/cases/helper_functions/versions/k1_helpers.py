"""roles seeded by a helper

Revision ID: k1
Revises:
Create Date: 2024-08-02 00:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'k1'
down_revision = None
branch_labels = None
depends_on = None


def seed_data():
    role_table = sa.sql.table('role',
        sa.sql.column('id', sa.Integer),
        sa.sql.column('name', sa.String),
    )
    op.bulk_insert(role_table, [
        {'id': 1, 'name': 'Administrator'},
        {'id': 2, 'name': 'User'},
    ])
    more_data()


def more_data():
    op.execute("UPDATE role SET name = upper(name) WHERE id = 2")
    # a helper calling itself is not followed twice
    seed_data()


def unseed():
    op.execute(role_table.delete())
    op.execute("DELETE FROM role")


def upgrade():
    op.create_table('role',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(64), nullable=False),
    )
    seed_data()
    # a helper with arguments, or one the file does not define
    seed_data(verbose=True)
    load_fixtures()


def downgrade():
    unseed()
    op.drop_table('role')

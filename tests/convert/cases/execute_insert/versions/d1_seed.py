'''seed data with raw SQL

Revision ID: d1
Revises:
Create Date: 2024-05-01 00:00:00
'''
from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import table, column

revision = 'd1'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('roles',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('name', sa.String(50), nullable=False),
        sa.Column('weight', sa.Float()),
        sa.Column('builtin', sa.Boolean()),
    )
    roles = table('roles', column('id', sa.Integer), column('name', sa.String))
    op.bulk_insert(roles, [
        {'id': 1, 'name': 'admin', 'weight': 1.5, 'builtin': True},
        {'id': 2, 'name': "it's", 'weight': -2, 'builtin': False},
        {'id': 3, 'name': 'nobody', 'weight': None, 'builtin': None},
    ])
    op.bulk_insert(sa.table('roles', sa.column('id'), sa.column('name')),
                   [{'id': 4, 'name': 'x'}])
    op.execute("UPDATE roles SET weight = 0 WHERE weight IS NULL")
    op.execute(sa.text('UPDATE roles SET builtin = false WHERE builtin IS NULL;'))
    op.execute("""
        INSERT INTO roles (id, name)
        VALUES (5, 'has $$ dollars');
    """)
    op.execute(
        "UPDATE roles "
        'SET name = upper(name) '
        f"WHERE id = 5"
    )


def downgrade():
    op.execute('DELETE FROM roles')
    op.drop_table('roles')

"""Move the preferences of each connection into settings

Revision ID: move_prefs
Revises: add_audit_perm
Create Date: 2025-05-15 15:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'move_prefs'
down_revision = 'add_audit_perm'
branch_labels = None
depends_on = None

connection = sa.table('connection', sa.column('id'), sa.column('use_tunnel'))


def reset_tunnels():
    op.execute(connection.update().where(connection.c.use_tunnel == None).values(use_tunnel=0))


def copy_prefs(table_name):
    meta = sa.MetaData()
    meta.reflect(op.get_bind(), only=(table_name,))
    table = sa.Table(table_name, meta)
    rows = op.get_bind().execute(sa.select(table.c.id, table.c.prefs)).fetchall()
    for row in rows:
        for key, value in (row.prefs or {}).items():
            op.get_bind().execute(
                sa.text("INSERT INTO setting VALUES (:a, :k, :v)"),
                {'a': row.id, 'k': key, 'v': value})


def upgrade():
    reset_tunnels()
    op.add_column('connection', sa.Column('prefs', sa.JSON()))
    copy_prefs('connection')
    copy_prefs('account')
    op.execute(
        connection.update().values(use_tunnel=1).where(connection.c.id.in_(
            sa.select(sa.column('account_id')).select_from(sa.table('setting')))))


def downgrade():
    op.drop_column('connection', 'prefs')

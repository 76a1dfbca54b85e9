"""

Revision ID: 2c3d4e5f6071
Revises: 1b2c3d4e5f60
Create Date: 2024-11-02 16:45:00

"""
from alembic import op, context
import sqlalchemy as sa

revision = '2c3d4e5f6071'
down_revision = '1b2c3d4e5f60'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table(
            "connection", table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        if context.get_impl().bind.dialect.name == "sqlite":
            batch_op.alter_column('id', autoincrement=True)
        batch_op.add_column(sa.Column('use_tunnel', sa.Integer(), server_default='0'))
        batch_op.alter_column('host', existing_type=sa.String(length=1024),
                              type_=sa.String())

    with (op.batch_alter_table("account",
                               table_kwargs={'sqlite_autoincrement': True})
          as batch_op):
        batch_op.add_column(sa.Column('display_name', sa.String(length=64)))


def downgrade():
    pass

"""wider ids

Revision ID: 3d4e5f607182
Revises: 2c3d4e5f6071
Create Date: 2024-11-20 10:10:00

"""
from alembic import op
import sqlalchemy as sa

revision = '3d4e5f607182'
down_revision = '2c3d4e5f6071'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("connection") as batch_op:
        batch_op.alter_column('id', existing_type=sa.Integer(), type_=sa.BigInteger(),
                              nullable=False)
        batch_op.alter_column('ssl_mode', existing_type=sa.String(length=16),
                              type_=sa.Integer(), postgresql_using='ssl_mode::integer')
        batch_op.drop_constraint('connection_port_check', type_='check')
        batch_op.create_check_constraint('ck_connection_port', 'port >= 0 AND port <= 65535')
        batch_op.create_unique_constraint('uq_connection_account_host',
                                          ['account_id', 'host', 'port'])
        batch_op.drop_column('comment')


def downgrade():
    pass

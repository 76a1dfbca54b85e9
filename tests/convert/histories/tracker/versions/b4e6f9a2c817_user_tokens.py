"""user tokens

Revision ID: b4e6f9a2c817
Revises: 8a7d31c0e5f9
Create Date: 2025-04-01 14:22:10.007145

"""
from alembic import op
import sqlalchemy as sa


revision = 'b4e6f9a2c817'
down_revision = '8a7d31c0e5f9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('api_token', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('token_expiration', sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_api_token'), ['api_token'], unique=True)


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_api_token'))
        batch_op.drop_column('token_expiration')
        batch_op.drop_column('api_token')

"""batch and dialect branches

Revision ID: e2
Revises: e1
Create Date: 2024-06-02 12:00:00

"""
from alembic import op
import sqlalchemy as sa

revision = 'e2'
down_revision = 'e1'


def upgrade():
    with op.batch_alter_table('items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sku', sa.String(length=32), nullable=True))
        batch_op.alter_column('label',
               existing_type=sa.VARCHAR(length=64),
               nullable=False, server_default='')
        batch_op.create_index(batch_op.f('ix_items_sku'), ['sku'], unique=True)
        batch_op.create_check_constraint('ck_items_price', 'price >= 0')

    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        op.execute("SELECT set_config('application_name', 'migrate', true)")
    elif bind.dialect.name == "sqlite":
        op.execute('PRAGMA optimize')
    else:
        op.execute('OPTIMIZE TABLE items')
    if op.get_context().dialect.name in ('mysql', 'mssql'):
        op.execute('SET x = 1')
    if op.get_context().dialect.name != 'sqlite':
        op.execute("COMMENT ON TABLE items IS 'things'")


def downgrade():
    if op.get_context().dialect.name == 'postgresql':
        op.execute("COMMENT ON TABLE items IS NULL")
    with op.batch_alter_table('items') as batch_op:
        batch_op.drop_constraint('ck_items_price', type_='check')
        batch_op.drop_index('ix_items_sku')
        batch_op.alter_column('label', existing_type=sa.VARCHAR(length=64), nullable=True, server_default=None)
        batch_op.drop_column('sku')

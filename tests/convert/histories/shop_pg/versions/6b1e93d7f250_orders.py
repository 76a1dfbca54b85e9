"""orders

Revision ID: 6b1e93d7f250
Revises: 2d8f61a0c4e7
Create Date: 2025-06-09 15:48:03.210884

"""
from alembic import op
import sqlalchemy as sa


revision = '6b1e93d7f250'
down_revision = '2d8f61a0c4e7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('orders',
    sa.Column('id', sa.BigInteger(), nullable=False),
    sa.Column('customer_email', sa.String(length=254), nullable=False, index=True),
    sa.Column('placed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('status', sa.String(length=16), server_default='cart', nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_orders_status_placed', 'orders', ['status', 'placed_at'])
    op.create_index('ix_orders_open', 'orders', ['placed_at'], postgresql_where=sa.text("status <> 'shipped'"),
                    sqlite_where=sa.text("status <> 'shipped'"))
    op.create_table('order_lines',
    sa.Column('order_id', sa.BigInteger(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), server_default='1', nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.CheckConstraint('quantity > 0', name='ck_order_lines_quantity'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], ),
    sa.PrimaryKeyConstraint('order_id', 'product_id')
    )
    op.create_index('ix_order_lines_product_id', 'order_lines', ['product_id'])


def downgrade():
    op.drop_table('order_lines')
    op.drop_table('orders')

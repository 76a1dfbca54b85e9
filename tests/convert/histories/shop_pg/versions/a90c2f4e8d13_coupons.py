"""coupons

Revision ID: a90c2f4e8d13
Revises: 6b1e93d7f250
Create Date: 2025-07-01 11:05:19.746031

"""
from alembic import op
import sqlalchemy as sa


revision = 'a90c2f4e8d13'
down_revision = '6b1e93d7f250'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('orders', sa.Column('coupon_code', sa.String(length=20), nullable=True))
    op.add_column('orders', sa.Column('shipped_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index('ix_orders_coupon_code', 'orders', ['coupon_code'])
    op.create_index('ix_orders_shipped', 'orders', ['shipped_at', 'status'])
    op.create_unique_constraint('uq_orders_coupon_email', 'orders', ['coupon_code', 'customer_email'])
    op.add_column('products', sa.Column('search_title', sa.String(length=200), nullable=True, index=True))


def downgrade():
    # PostgreSQL drops each index and constraint that uses a dropped column.
    op.drop_column('products', 'search_title')
    op.drop_column('orders', 'shipped_at')
    op.drop_column('orders', 'coupon_code')

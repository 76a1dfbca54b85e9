revision = 'same'
down_revision = None

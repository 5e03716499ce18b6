"""Models arrive with this part of the product."""

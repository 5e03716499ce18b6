"""Forms for the register and surveys, with service-manual error messages."""

"""Paper figures and tables for this topic (registered with :mod:`gametheory.pipeline`)."""

"""Paper figures A and B: when clustered OFDI beats uncoordinated entry (registered with :mod:`gametheory.pipeline`)."""

# Tests of the pds part.

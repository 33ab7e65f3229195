# Tests of the hub part.

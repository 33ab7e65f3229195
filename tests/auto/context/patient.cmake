# Tests of the patient part.

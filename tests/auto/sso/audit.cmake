# Tests of the audit log and lanyard-audit.

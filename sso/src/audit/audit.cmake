# The audit log and the lanyard-audit tool: target_sources(lanyard_sso ...) here.

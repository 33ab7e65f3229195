# The PDS client and allergies: target_sources(lanyard_context ...) here.

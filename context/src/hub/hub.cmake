# The FHIRcast hub: target_sources(lanyard_context ...) here.

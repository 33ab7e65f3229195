# NHS number, patient model, PDS errors, banner text: target_sources(lanyard_context ...) here.

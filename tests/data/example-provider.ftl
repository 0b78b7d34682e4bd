provider-example = Example Mail
badge-example = EX!
example-step = Open the settings.
advice-example = Use the code from Example's settings.
